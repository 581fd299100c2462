// Improvements: created from an idea (which is then adopted) or by hand, linked to cases, moved through their statuses and
// signed off as done. Department heads see and move only their own departments' improvements, and of an improvement's
// linked cases only those of their departments (counts, links, letters and timeline writes alike); every change is one
// transaction with its timeline events (on the improvement, and on each case it touches).
import { sql, type Selectable } from 'kysely';
import { checkStatusChange, defaultRelation, NEXT_STATUSES, type ImprovementStatus, type LinkRelation } from '../domain/improvements.ts';
import type { ImprovementDetail, ImprovementSummary, LinkedCase } from '../types/improvements.ts';
import type { ReadDb, WriteDb } from '../db/handles.ts';
import type { ImprovementsTable } from '../db/schema.ts';
import { departmentScope, inScope, scopeList, type Actor } from './actor.ts';
import { loadCaseRow, requireExisting, todayOf } from './cases.ts';
import type { ServiceContext, TxContext } from './context.ts';
import { fail } from './errors.ts';
import { appendEvent, appendTimelineEvent, readTimelineOf, type NewEvent } from './timeline.ts';

type ImprovementRow = Selectable<ImprovementsTable>;

export interface ImprovementFilter {
  statuses?: ImprovementStatus[] | undefined;
  departmentIds?: number[] | undefined;
  doneYear?: number | undefined;
  caseId?: number | undefined;
}

export interface CreateImprovementInput {
  title: string;
  description: string;
  departmentId: number;
  responsibleId?: number | null | undefined;
  targetDate?: string | null | undefined;
  links?: { caseId: number; relation?: LinkRelation | undefined }[] | undefined;
}

export interface AdoptIdeaInput {
  caseId: number;
  title: string;
  description: string;
  departmentId?: number | null | undefined;
  responsibleId?: number | null | undefined;
  targetDate?: string | null | undefined;
}

export interface UpdateImprovementInput {
  id: number;
  title?: string | undefined;
  description?: string | undefined;
  departmentId?: number | undefined;
  responsibleId?: number | null | undefined;
  targetDate?: string | null | undefined;
}

export interface SetStatusInput {
  id: number;
  status: ImprovementStatus;
  doneOn?: string | null | undefined;
  note?: string | null | undefined;
}

async function appendImprovementEvent(db: WriteDb, event: NewEvent & { improvementId: number }) {
  await appendTimelineEvent(db, 'improvement', event.improvementId, event);
}

/** An improvement the actor may see, or not_found (a department head must not learn what exists elsewhere). */
export async function loadImprovementRow(ctx: ServiceContext, actor: Actor, id: number): Promise<ImprovementRow> {
  const row = (await ctx.read.selectFrom('improvements').selectAll().where('id', '=', id).executeTakeFirst());
  if (!row || !inScope(actor, row.department_id)) fail('not_found', { field: 'id' });
  return row;
}

/** The links of an improvement to cases the actor may see: a department head counts and reads only their own. */
function visibleLinks(db: ReadDb, actor: Actor) {
  const scope = departmentScope(actor);
  const links = db.selectFrom('improvement_cases as l');
  if (!scope) return links;
  return links.where((eb) =>
    eb.exists(eb.selectFrom('cases as lc').select('lc.id').whereRef('lc.id', '=', 'l.case_id').where('lc.department_id', 'in', scopeList(scope))),
  );
}

const summarySelect = (db: ReadDb, actor: Actor) =>
  db
    .selectFrom('improvements as i')
    .innerJoin('departments as d', 'd.id', 'i.department_id')
    .leftJoin('users as r', 'r.id', 'i.responsible_id')
    .select([
      'i.id',
      'i.title',
      'i.department_id',
      'd.name as department_name',
      'i.responsible_id',
      'r.display_name as responsible_name',
      'i.status',
      'i.target_date',
      'i.done_on',
      'i.updated_at',
      visibleLinks(db, actor).select((e) => e.fn.countAll<number>().as('n')).where('l.improvement_id', '=', sql.ref<number>('i.id')).as('case_count'),
    ]);

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summarySelect>['executeTakeFirstOrThrow']>>;

function toSummary(row: SummaryRow, today: string): ImprovementSummary {
  const status = row.status;
  return {
    id: row.id,
    title: row.title,
    departmentId: row.department_id,
    departmentName: row.department_name,
    responsibleId: row.responsible_id,
    responsibleName: row.responsible_name,
    status,
    targetDate: row.target_date,
    doneOn: row.done_on,
    overdue: row.target_date !== null && row.target_date < today && status !== 'done' && status !== 'declined',
    caseCount: Number(row.case_count ?? 0),
    updatedAt: row.updated_at,
  };
}

/** Overdue first, then by target date (none last), then newest. */
function byUrgency(a: ImprovementSummary, b: ImprovementSummary): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.targetDate !== b.targetDate) return (a.targetDate ?? '9999') < (b.targetDate ?? '9999') ? -1 : 1;
  return b.id - a.id;
}

export async function listImprovements(ctx: ServiceContext, actor: Actor, filter: ImprovementFilter): Promise<ImprovementSummary[]> {
  const db = ctx.read;
  let query = summarySelect(db, actor);
  const scope = departmentScope(actor);
  if (scope) query = query.where('i.department_id', 'in', scope.length > 0 ? [...scope] : [0]);
  if (filter.statuses?.length) query = query.where('i.status', 'in', filter.statuses);
  if (filter.departmentIds?.length) query = query.where('i.department_id', 'in', filter.departmentIds);
  if (filter.doneYear !== undefined) query = query.where('i.done_year', '=', filter.doneYear);
  if (filter.caseId !== undefined) {
    const caseId = filter.caseId;
    // Only through a link the actor may see: asking for another department's case must not confirm that it exists.
    query = query.where((eb) => eb.exists(visibleLinks(db, actor).select('l.case_id').where('l.improvement_id', '=', sql.ref<number>('i.id')).where('l.case_id', '=', caseId)));
  }
  const today = (await todayOf(ctx)).date;
  return (await query.orderBy('i.id', 'desc').execute()).map((row) => toSummary(row, today)).sort(byUrgency);
}

/** The cases linked to these improvements that the actor may see, in one query, with what a letter to each person needs. */
export async function readLinkedCases(db: ReadDb, actor: Actor, improvementIds: readonly number[]) {
  if (improvementIds.length === 0) return [];
  const scope = departmentScope(actor);
  return (await db
        .selectFrom('improvement_cases as l')
        .innerJoin('cases as c', 'c.id', 'l.case_id')
        .select([
          'l.improvement_id',
          'l.relation',
          'c.id',
          'c.reference',
          'c.kind',
          'c.origin',
          'c.subject',
          'c.status',
          'c.received_on',
          'c.submitter_anonymous',
          'c.submitter_name',
          'c.submitter_email',
          'c.submitter_address',
          'c.submitter_language',
          'c.consent_given_at',
        ])
        .where('l.improvement_id', 'in', improvementIds)
        .$if(scope !== null, (q) => q.where('c.department_id', 'in', scopeList(scope ?? [])))
        .orderBy('l.improvement_id')
        .orderBy('c.id').execute())
    .map((row) => ({
      improvementId: row.improvement_id,
      row,
      linked: {
        caseId: row.id,
        reference: row.reference,
        kind: row.kind,
        origin: row.origin,
        subject: row.subject,
        status: row.status,
        relation: row.relation,
        submitterName: row.submitter_anonymous === 1 ? null : row.submitter_name,
        anonymous: row.submitter_anonymous === 1,
      } satisfies LinkedCase,
    }));
}

export async function getImprovement(ctx: ServiceContext, actor: Actor, id: number): Promise<ImprovementDetail> {
  const db = ctx.read;
  const row = await loadImprovementRow(ctx, actor, id);
  const summary = toSummary((await summarySelect(db, actor).where('i.id', '=', id).executeTakeFirst())!, (await todayOf(ctx)).date);
  const signer = row.signed_off_by === null ? undefined : (await db.selectFrom('users').select('display_name').where('id', '=', row.signed_off_by).executeTakeFirst());
  return {
    ...summary,
    description: row.description,
    signedOffById: row.signed_off_by,
    signedOffByName: signer?.display_name ?? null,
    signedOffAt: row.signed_off_at,
    doneNote: row.done_note,
    createdAt: row.created_at,
    nextStatuses: [...NEXT_STATUSES[summary.status]],
    cases: (await readLinkedCases(db, actor, [id])).map((link) => link.linked),
    timeline: await readTimelineOf(db, actor, 'improvement', id),
  };
}

async function linkInTransaction(ctx: TxContext, actor: Actor, improvement: ImprovementRow, caseId: number, relation: LinkRelation | undefined, stamp: string): Promise<void> {
  const { db } = ctx;
  // The office sees every case; the scope check still runs so this never links what the actor cannot read.
  const target = await loadCaseRow(ctx, actor, caseId);
  const existing = (await db.selectFrom('improvement_cases').select('relation').where('improvement_id', '=', improvement.id).where('case_id', '=', caseId).executeTakeFirst());
  if (existing) fail('conflict', { field: 'caseId', reference: target.reference });
  const link = relation ?? defaultRelation(target.kind);
  await db.insertInto('improvement_cases').values({ improvement_id: improvement.id, case_id: caseId, relation: link, linked_at: stamp, linked_by: actor.id }).execute();
  await appendImprovementEvent(db, { improvementId: improvement.id, actorId: actor.id, type: 'case_linked', at: stamp, data: { caseId, reference: target.reference, relation: link } });
  await appendEvent(db, { caseId, actorId: actor.id, type: 'improvement_linked', at: stamp, data: { improvementId: improvement.id, title: improvement.title, relation: link } });
  await db.updateTable('cases').set({ updated_at: stamp }).where('id', '=', caseId).execute();
}

async function insertImprovement(ctx: TxContext, actor: Actor, input: CreateImprovementInput, stamp: string): Promise<ImprovementRow> {
  const { db } = ctx;
  await requireExisting(ctx, 'departments', input.departmentId, 'departmentId');
  await requireExisting(ctx, 'users', input.responsibleId, 'responsibleId');
  const row = (await db
      .insertInto('improvements')
      .values({
        title: input.title,
        description: input.description,
        department_id: input.departmentId,
        responsible_id: input.responsibleId ?? null,
        target_date: input.targetDate ?? null,
        created_at: stamp,
        created_by: actor.id,
        updated_at: stamp,
      })
      .returningAll().executeTakeFirst())!;
  await appendImprovementEvent(db, { improvementId: row.id, actorId: actor.id, type: 'created', at: stamp, data: { title: row.title, departmentId: row.department_id } });
  return row;
}

export async function createImprovement(ctx: ServiceContext, actor: Actor, input: CreateImprovementInput): Promise<number> {
  return ctx.tx(async (ctx) => {
    const stamp = ctx.now().toISOString();
    const row = await insertImprovement(ctx, actor, input, stamp);
    for (const link of input.links ?? []) await linkInTransaction(ctx, actor, row, link.caseId, link.relation, stamp);
    return row.id;
  });
}

/**
 * "Adopt as improvement": the improvement, the link and the idea's outcome "adopted" in one transaction.
 * Idempotent: an idea that is already adopted (outcome "adopted" and linked as the idea of an improvement that is not
 * declined) is not adopted a second time; the call changes nothing and returns that improvement (the first such, by id),
 * whatever title or dates it was given, so a repeated "adopt" never makes a second improvement. To make a further
 * improvement from the same idea, create it and link the idea to it.
 */
export async function adoptIdea(ctx: ServiceContext, actor: Actor, input: AdoptIdeaInput): Promise<number> {
  return ctx.tx(async (ctx) => {
    const { db } = ctx;
    const idea = await loadCaseRow(ctx, actor, input.caseId);
    if (idea.kind !== 'idea') fail('not_an_idea', { kind: idea.kind });
    if (idea.outcome === 'adopted') {
      const scope = departmentScope(actor);
      const adopted = (await db
          .selectFrom('improvement_cases as l')
          .innerJoin('improvements as i', 'i.id', 'l.improvement_id')
          .select('i.id')
          .where('l.case_id', '=', idea.id)
          .where('l.relation', '=', 'idea')
          .where('i.status', '!=', 'declined')
          .$if(scope !== null, (q) => q.where('i.department_id', 'in', scopeList(scope ?? [])))
          .orderBy('i.id').executeTakeFirst());
      if (adopted) return adopted.id;
    }
    if (idea.status === 'withdrawn' || idea.status === 'merged') fail('invalid_transition', { from: idea.status, action: 'adopt' });
    const departmentId = input.departmentId ?? idea.department_id;
    if (departmentId === null) fail('department_required');
    const stamp = ctx.now().toISOString();
    const row = await insertImprovement(ctx, actor, { ...input, departmentId }, stamp);
    await linkInTransaction(ctx, actor, row, idea.id, 'idea', stamp);
    if (idea.outcome !== 'adopted') {
      await db.updateTable('cases').set({ outcome: 'adopted', updated_at: stamp }).where('id', '=', idea.id).execute();
      await appendEvent(db, { caseId: idea.id, actorId: actor.id, type: 'updated', at: stamp, data: { changes: { outcome: [idea.outcome, 'adopted'] } } });
    }
    return row.id;
  });
}

export async function linkCase(ctx: ServiceContext, actor: Actor, input: { improvementId: number; caseId: number; relation?: LinkRelation | undefined }): Promise<void> {
  await ctx.tx(async (ctx) => {
    const improvement = await loadImprovementRow(ctx, actor, input.improvementId);
    const stamp = ctx.now().toISOString();
    await linkInTransaction(ctx, actor, improvement, input.caseId, input.relation, stamp);
    await ctx.db.updateTable('improvements').set({ updated_at: stamp }).where('id', '=', improvement.id).execute();
  });
}

export async function unlinkCase(ctx: ServiceContext, actor: Actor, input: { improvementId: number; caseId: number }): Promise<void> {
  await ctx.tx(async (ctx) => {
    const { db } = ctx;
    const improvement = await loadImprovementRow(ctx, actor, input.improvementId);
    const target = await loadCaseRow(ctx, actor, input.caseId);
    const removed = await db.deleteFrom('improvement_cases').where('improvement_id', '=', improvement.id).where('case_id', '=', input.caseId).executeTakeFirst();
    if (removed.numDeletedRows === 0n) fail('not_found', { field: 'caseId' });
    const stamp = ctx.now().toISOString();
    await appendImprovementEvent(db, { improvementId: improvement.id, actorId: actor.id, type: 'case_unlinked', at: stamp, data: { caseId: target.id, reference: target.reference } });
    await appendEvent(db, { caseId: target.id, actorId: actor.id, type: 'improvement_unlinked', at: stamp, data: { improvementId: improvement.id, title: improvement.title } });
    await db.updateTable('improvements').set({ updated_at: stamp }).where('id', '=', improvement.id).execute();
  });
}

const EDITABLE = { title: 'title', description: 'description', departmentId: 'department_id', responsibleId: 'responsible_id', targetDate: 'target_date' } as const;

export async function updateImprovement(ctx: ServiceContext, actor: Actor, input: UpdateImprovementInput): Promise<void> {
  await ctx.tx(async (ctx) => {
    const { db } = ctx;
    const row = await loadImprovementRow(ctx, actor, input.id);
    await requireExisting(ctx, 'departments', input.departmentId, 'departmentId');
    await requireExisting(ctx, 'users', input.responsibleId, 'responsibleId');
    const changes: Record<string, [unknown, unknown]> = {};
    const set: Record<string, unknown> = {};
    for (const [field, column] of Object.entries(EDITABLE) as [keyof typeof EDITABLE, (typeof EDITABLE)[keyof typeof EDITABLE]][]) {
      const value = input[field];
      if (value === undefined || value === row[column]) continue;
      changes[field] = [row[column], value];
      set[column] = value;
    }
    if (Object.keys(changes).length === 0) return;
    const stamp = ctx.now().toISOString();
    await db.updateTable('improvements').set({ ...set, updated_at: stamp }).where('id', '=', row.id).execute();
    await appendImprovementEvent(db, { improvementId: row.id, actorId: actor.id, type: 'updated', at: stamp, data: { changes } });
  });
}

/** Moves an improvement on; done needs a date not in the future and a note, and records who signed it off. */
export async function setImprovementStatus(ctx: ServiceContext, actor: Actor, input: SetStatusInput): Promise<void> {
  await ctx.tx(async (ctx) => {
    const { db } = ctx;
    const row = await loadImprovementRow(ctx, actor, input.id);
    const from = row.status;
    const problem = checkStatusChange(from, { to: input.status, doneOn: input.doneOn, note: input.note }, (await todayOf(ctx)).date);
    if (problem) fail(problem.code, problem.details);
    const stamp = ctx.now().toISOString();
    const done = input.status === 'done';
    const note = input.note?.trim() || null;
    await db
        .updateTable('improvements')
        .set({
          status: input.status,
          done_on: done ? input.doneOn! : null,
          done_note: done ? note : null,
          signed_off_by: done ? actor.id : null,
          signed_off_at: done ? stamp : null,
          updated_at: stamp,
        })
        .where('id', '=', row.id).execute();
    await appendImprovementEvent(db, {
      improvementId: row.id,
      actorId: actor.id,
      type: 'status_changed',
      at: stamp,
      data: { from, to: input.status, ...(done ? { doneOn: input.doneOn } : {}), ...(note ? { text: note } : {}) },
    });
    if (done) {
      // Each linked case shows in its own timeline that the change it asked for has been made; a department head
      // writes only into their own departments' cases (the office's sign-off reaches every linked case).
      for (const link of (await visibleLinks(db, actor).select('l.case_id').where('l.improvement_id', '=', row.id).execute())) {
        await appendEvent(db, { caseId: link.case_id, actorId: actor.id, type: 'improvement_done', at: stamp, data: { improvementId: row.id, title: row.title, doneOn: input.doneOn } });
      }
    }
  });
}
