// Cases: create, read, triage fields, assignment, notes and deadline extensions; each write is one transaction with its timeline event.
import type { WorkingCalendar } from '../domain/calendar.ts';
import { checkExtension, computeCaseDeadlines, MAX_EXTENSION_WORKING_DAYS, type CaseDeadlines } from '../domain/deadlines.ts';
import { deadlineClockRuns, isStillRunning, type CaseChannel, type CaseKind, type CaseOrigin, type CaseStatus, type Language, type Priority } from '../domain/model.ts';
import { formatReference } from '../domain/references.ts';
import { availableActions, stepsFor } from '../domain/workflow.ts';
import type { CaseDetail, CaseSummary } from '../types/cases.ts';
import type { Insertable, Updateable } from 'kysely';
import type { CasesTable } from '../db/schema.ts';

import { inScope, type Actor } from './actor.ts';
import { readAttachments } from './attachment-records.ts';
import { caseImprovementLinks } from './improvement-links.ts';
import { localDate } from './clock.ts';
import type { ServiceContext, TxContext } from './context.ts';
import { deadlinesOf, refreshStoredDeadlines } from './case-deadlines.ts';
import { DomainError, fail } from './errors.ts';
import { appendEvent, appendEvents, readTimeline } from './timeline.ts';
import { reusable } from '../db/handles.ts';
import { moveCase, type KnownCase } from './case-workflow.ts';
import { loadCaseRow, requireExisting, type CaseRow } from './case-rows.ts';

export { loadCaseRow, requireExisting, type CaseRow };

export interface SubmitterInput {
  anonymous: boolean;
  name: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  organisation: string | null;
  language: Language | null;
  consent: boolean;
  consentText: string | null;
}

export interface CreateCaseInput {
  kind: CaseKind;
  channel: CaseChannel;
  origin: CaseOrigin;
  receivedAt?: string | undefined;
  subject: string;
  description: string;
  submitter: SubmitterInput;
  departmentId?: number | null | undefined;
  categoryId?: number | null | undefined;
  priority: Priority;
  /** Merge the new case into this one in the same transaction (a duplicate logged from the quick entry). */
  mergeIntoId?: number | null | undefined;
}

/** Tolerated clock skew between the phone on the desk and the PC, for "received at" in the future. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

const insertCaseRow = reusable((db, values: Insertable<CasesTable>) => db.insertInto('cases').values(values).returningAll());

/** A reusable statement's arguments must all reach SQL: an absent optional value is written as NULL, as Kysely would omit it. */
function nullForUndefined<T extends Record<string, unknown>>(values: T): T {
  for (const key of Object.keys(values)) if (values[key] === undefined) (values as Record<string, unknown>)[key] = null;
  return values;
}

const nextNumber = reusable((db, p: { year: number }) =>
  db
    .insertInto('reference_counters')
    .values({ year: p.year, last_number: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet((eb) => ({ last_number: eb('reference_counters.last_number', '+', 1) })))
    .returning('last_number'),
);

/** Reserves `count` numbers of the year at once: the last one is returned, the first is last - count + 1. */
const reserveNumbers = reusable((db, p: { year: number; count: number }) =>
  db
    .insertInto('reference_counters')
    .values({ year: p.year, last_number: p.count })
    .onConflict((oc) => oc.column('year').doUpdateSet((eb) => ({ last_number: eb('reference_counters.last_number', '+', p.count) })))
    .returning('last_number'),
);

async function nextReference(ctx: TxContext, year: number): Promise<{ number: number; reference: string }> {
  // Runs inside the create transaction: a rollback also rolls the counter back, so numbers stay gap-free.
  const [row] = (await nextNumber(ctx.db, { year })) as [{ last_number: number }];
  return { number: row.last_number, reference: formatReference(year, row.last_number) };
}

/**
 * Creates a case and returns its id (callers that show it load it with getCase). With mergeIntoId the new case is merged
 * into that one by the workflow's own merge step inside the same transaction: a target that cannot take a merge (closed,
 * withdrawn, merged, not visible) fails with field mergeIntoId and leaves no case behind and no reference used up.
 */
export async function createCase(ctx: ServiceContext, actor: Actor, input: CreateCaseInput): Promise<number> {
  return (await createKnownCase(ctx, actor, input)).row.id;
}

/** createCase, returning the case as written, for a caller that moves it on in the same transaction (moveCase's `known`). */
export async function createKnownCase(ctx: ServiceContext, actor: Actor, input: CreateCaseInput): Promise<KnownCase> {
  const now = ctx.now();
  const checked = checkNewCase(input, now);
  return await ctx.tx(async (ctx) => {
    const { db } = ctx;
    await requireExisting(ctx, 'departments', input.departmentId, 'departmentId');
    await requireExisting(ctx, 'categories', input.categoryId, 'categoryId');
    const { number, reference } = await nextReference(ctx, now.getFullYear());
    const rules = (await ctx.settings()).deadlineRules[input.kind].stage1;
    const deadlines = computeCaseDeadlines(await ctx.calendar(), {
      stageStart: checked.receivedOn,
      rule: rules,
      extensionDays: 0,
      pauses: [],
      today: localDate(now),
      answeredOn: null,
    });
    const stamp = now.toISOString();
    const [created] = (await insertCaseRow(db, newCaseRow(actor, input, checked, { number, reference, year: now.getFullYear(), deadlines, stamp }))) as [CaseRow];
    const caseId = created.id;
    await appendEvent(db, { caseId, actorId: actor.id, type: 'created', at: stamp, data: createdEventData(input, reference, checked) });
    const written: KnownCase = { row: created, pauses: [] };
    if (input.mergeIntoId !== null && input.mergeIntoId !== undefined) return await mergeNewCase(ctx, actor, written, input.mergeIntoId);
    return written;
  });
}

interface CheckedNewCase {
  receivedAt: Date;
  receivedOn: string;
  contact: { name: string | null; email: string | null; phone: string | null; address: string | null; organisation: string | null };
  consentRecorded: boolean;
}

/** The rules a new case's input must meet before anything is written (received not in the future, consent with its text). */
function checkNewCase(input: CreateCaseInput, now: Date): CheckedNewCase {
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  if (receivedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) fail('invalid_input', { field: 'receivedAt', reason: 'future' });
  const submitter = input.submitter;
  if (submitter.consent && !submitter.anonymous && !submitter.consentText) fail('consent_text_required');
  const contact = submitter.anonymous
    ? { name: null, email: null, phone: null, address: null, organisation: null }
    : submitter;
  const hasContact = Boolean(contact.name || contact.email || contact.phone || contact.address);
  const consentRecorded = !submitter.anonymous && submitter.consent && hasContact;
  return { receivedAt, receivedOn: localDate(receivedAt), contact, consentRecorded };
}

/** The row of a new case (status new, stage 1, its deadlines from the day it was received). */
function newCaseRow(
  actor: Actor,
  input: CreateCaseInput,
  checked: CheckedNewCase,
  at: { number: number; reference: string; year: number; deadlines: CaseDeadlines; stamp: string },
): Insertable<CasesTable> {
  const { contact, consentRecorded, receivedOn } = checked;
  return nullForUndefined({
    reference: at.reference,
    year: at.year,
    number: at.number,
    kind: input.kind,
    channel: input.channel,
    origin: input.origin,
    received_at: checked.receivedAt.toISOString(),
    received_on: receivedOn,
    subject: input.subject,
    description: input.description,
    submitter_anonymous: input.submitter.anonymous ? 1 : 0,
    submitter_name: contact.name,
    submitter_email: contact.email,
    submitter_phone: contact.phone,
    submitter_address: contact.address,
    submitter_organisation: contact.organisation,
    submitter_language: input.submitter.language,
    consent_given_at: consentRecorded ? at.stamp : null,
    consent_text: consentRecorded ? input.submitter.consentText : null,
    department_id: input.departmentId ?? null,
    category_id: input.categoryId ?? null,
    priority: input.priority,
    status: 'new',
    stage: 1,
    stage_started_on: receivedOn,
    extension_days: 0,
    ack_due: at.deadlines.acknowledgeDue,
    response_due: at.deadlines.responseDue,
    created_by: actor.id,
    created_at: at.stamp,
    updated_at: at.stamp,
  });
}

const createdEventData = (input: CreateCaseInput, reference: string, checked: CheckedNewCase) => ({
  reference,
  kind: input.kind,
  channel: input.channel,
  origin: input.origin,
  consentRecorded: checked.consentRecorded,
});

/** One new case of createCases, with the events that follow its "created" on its timeline. */
export interface NewCaseWithEvents {
  input: CreateCaseInput;
  events: { type: string; data: Record<string, unknown> }[];
}

/** Rows per multi-row INSERT of cases (some 30 parameters each; SQLite allows 32,766 and PostgreSQL 65,535 per statement). */
const CASES_PER_INSERT = 500;

/**
 * createCase for many cases in one transaction (imports: a batch of rows), with the same rules: each input is checked
 * as createCase checks it (the first that fails undoes all), departments and categories must exist, the references
 * are numbered gap-free in input order (the year's counter moves once by the number of cases, inside the transaction),
 * deadlines are computed from each case's received day, and each case gets its "created" event followed by its own
 * events. The cases are written by multi-row INSERTs, so the search index and the counts triggers run for each row as
 * for one. Merging is not offered here (mergeIntoId is refused). Returns the cases' ids and references in input order.
 */
export async function createCases(ctx: ServiceContext, actor: Actor, items: NewCaseWithEvents[]): Promise<{ id: number; reference: string }[]> {
  if (items.length === 0) return [];
  const now = ctx.now();
  const checked = items.map(({ input }) => {
    if (input.mergeIntoId !== null && input.mergeIntoId !== undefined) throw new Error('createCases does not merge');
    return checkNewCase(input, now);
  });
  return await ctx.tx(async (ctx) => {
    const { db } = ctx;
    for (const { input } of items) {
      await requireExisting(ctx, 'departments', input.departmentId, 'departmentId');
      await requireExisting(ctx, 'categories', input.categoryId, 'categoryId');
    }
    const year = now.getFullYear();
    const [counter] = (await reserveNumbers(db, { year, count: items.length })) as [{ last_number: number }];
    const firstNumber = counter.last_number - items.length + 1;
    const rules = (await ctx.settings()).deadlineRules;
    const calendar = await ctx.calendar();
    const today = localDate(now);
    // Deadlines depend on the kind and the received day only (today is the same for the whole batch).
    const deadlinesOf = new Map<string, CaseDeadlines>();
    const stamp = now.toISOString();
    const rows = items.map(({ input }, index) => {
      const { receivedOn } = checked[index]!;
      const key = `${input.kind}|${receivedOn}`;
      let deadlines = deadlinesOf.get(key);
      if (!deadlines) {
        deadlines = computeCaseDeadlines(calendar, { stageStart: receivedOn, rule: rules[input.kind].stage1, extensionDays: 0, pauses: [], today, answeredOn: null });
        deadlinesOf.set(key, deadlines);
      }
      const number = firstNumber + index;
      return newCaseRow(actor, input, checked[index]!, { number, reference: formatReference(year, number), year, deadlines, stamp });
    });
    // RETURNING does not promise the rows' order: each id is matched to its case by the (unique) reference.
    const ids = new Map<string, number>();
    for (let start = 0; start < rows.length; start += CASES_PER_INSERT) {
      const written = await db.insertInto('cases').values(rows.slice(start, start + CASES_PER_INSERT)).returning(['id', 'reference']).execute();
      for (const row of written) ids.set(row.reference, row.id);
    }
    const created = rows.map((row) => ({ id: ids.get(row.reference)!, reference: row.reference }));
    await appendEvents(
      db,
      items.flatMap(({ input, events }, index) => {
        const { id: caseId, reference } = created[index]!;
        return [
          { caseId, actorId: actor.id, type: 'created', at: stamp, data: createdEventData(input, reference, checked[index]!) },
          ...events.map((event) => ({ caseId, actorId: actor.id, type: event.type, at: stamp, data: event.data })),
        ];
      }),
    );
    return created;
  });
}

/** The workflow's merge step for a case just created (a nested transaction: a savepoint inside the create). */
async function mergeNewCase(ctx: ServiceContext, actor: Actor, created: KnownCase, intoId: number): Promise<KnownCase> {
  try {
    return await moveCase(ctx, actor, { id: created.row.id, action: 'merge', intoId }, created);
  } catch (error) {
    // The new case exists, so whatever the merge refuses concerns the target the caller chose.
    if (error instanceof DomainError) fail(error.code, { ...error.details, field: 'mergeIntoId' });
    throw error;
  }
}

/** Maps an inbox row; the calendar and today's ordinal are looked up once per page, not per row. */
export function toSummary(row: SummaryRow, today: { date: string; ordinal: number; calendar: WorkingCalendar }): CaseSummary {
  // Ordinals make "working days left" a subtraction, negative once overdue.
  const left = today.calendar.workingDayOrdinal(row.response_due) - today.ordinal;
  return {
    id: row.id,
    reference: row.reference,
    receivedAt: row.received_at,
    kind: row.kind,
    channel: row.channel,
    origin: row.origin,
    subject: row.subject,
    submitterName: row.submitter_name,
    anonymous: row.submitter_anonymous === 1,
    departmentId: row.department_id,
    departmentName: row.department_name,
    status: row.status,
    stage: row.stage,
    priority: row.priority,
    handlerId: row.handler_id,
    handlerName: row.handler_name,
    responseDue: row.response_due,
    workingDaysLeft: left,
    overdue: deadlineClockRuns(row.status) && today.date > row.response_due,
  };
}

export async function todayOf(ctx: ServiceContext): Promise<{ date: string; ordinal: number; calendar: WorkingCalendar }> {
  const calendar = await ctx.calendar();
  const date = localDate(ctx.now());
  return { date, ordinal: calendar.workingDayOrdinal(date), calendar };
}

export interface SummaryRow {
  id: number;
  reference: string;
  received_at: string;
  kind: CaseKind;
  channel: CaseChannel;
  origin: CaseOrigin;
  subject: string;
  submitter_name: string | null;
  submitter_anonymous: number;
  department_id: number | null;
  department_name: string | null;
  status: CaseStatus;
  stage: 1 | 2;
  priority: Priority;
  handler_id: number | null;
  handler_name: string | null;
  response_due: string;
}

export async function getCase(ctx: ServiceContext, actor: Actor, id: number): Promise<CaseDetail> {
  const db = ctx.read;
  const row = await loadCaseRow(ctx, actor, id);
  const names = (await db
      .selectFrom('cases as c')
      .leftJoin('departments as d', 'd.id', 'c.department_id')
      .leftJoin('categories as k', 'k.id', 'c.category_id')
      .leftJoin('users as h', 'h.id', 'c.handler_id')
      .leftJoin('cases as dup', 'dup.id', 'c.duplicate_of')
      .select([
        'd.name as department_name',
        'k.name as category_name',
        'h.display_name as handler_name',
        'dup.reference as duplicate_reference',
        'dup.department_id as duplicate_department_id',
      ])
      .where('c.id', '=', id).executeTakeFirst())!;
  const deadlines = await deadlinesOf(ctx, row);
  // The case this one was merged into is named only if the actor may see it too.
  const duplicateShown = row.duplicate_of !== null && inScope(actor, names.duplicate_department_id);
  const summary = toSummary({ ...row, department_name: names.department_name, handler_name: names.handler_name }, await todayOf(ctx));
  const active = deadlineClockRuns(row.status);
  return {
    ...summary,
    responseDue: deadlines.responseDue,
    workingDaysLeft: deadlines.workingDaysLeft,
    overdue: active && deadlines.overdue,
    description: row.description,
    submitter: {
      anonymous: row.submitter_anonymous === 1,
      name: row.submitter_name,
      email: row.submitter_email,
      phone: row.submitter_phone,
      address: row.submitter_address,
      organisation: row.submitter_organisation,
      language: row.submitter_language,
      consentGivenAt: row.consent_given_at,
      consentText: row.consent_text,
    },
    categoryId: row.category_id,
    categoryName: names.category_name,
    outcome: row.outcome,
    duplicateOfId: duplicateShown ? row.duplicate_of : null,
    duplicateOfReference: duplicateShown ? names.duplicate_reference : null,
    stage1HandlerId: row.stage1_handler_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    firstResponseAt: row.first_response_at,
    deadlines: {
      acknowledgeDue: deadlines.acknowledgeDue,
      responseDue: deadlines.responseDue,
      workingDaysLeft: deadlines.workingDaysLeft,
      overdue: active && deadlines.overdue,
      grossWorkingDays: deadlines.grossWorkingDays,
      netWorkingDays: deadlines.netWorkingDays,
      pausedWorkingDays: deadlines.pausedWorkingDays,
      extensionDays: row.extension_days,
    },
    // What this user may do here, as the workflow and the user's role allow (the case view offers exactly these).
    availableActions: stepsFor(
      actor.role,
      availableActions({
        status: row.status,
        kind: row.kind,
        stage: row.stage,
        resumeStatus: row.resume_status,
        departmentId: row.department_id,
        stage1HandlerId: row.stage1_handler_id,
      }),
      row.status,
    ),
    timeline: await readTimeline(db, actor, id),
    attachments: await readAttachments(db, id),
    improvements: await caseImprovementLinks(db, actor, id),
  };
}

export interface UpdateCaseInput {
  id: number;
  kind?: CaseKind | undefined;
  origin?: CaseOrigin | undefined;
  subject?: string | undefined;
  description?: string | undefined;
  departmentId?: number | null | undefined;
  categoryId?: number | null | undefined;
  priority?: Priority | undefined;
}

const UPDATABLE = {
  kind: 'kind',
  origin: 'origin',
  subject: 'subject',
  description: 'description',
  departmentId: 'department_id',
  categoryId: 'category_id',
  priority: 'priority',
} as const;

/** Writes the given fields; false when every one already had its value (nothing written, no event). */
export async function updateCase(ctx: ServiceContext, actor: Actor, input: UpdateCaseInput): Promise<boolean> {
  return ctx.tx(async (ctx) => {
    const { db } = ctx;
    const row = await loadCaseRow(ctx, actor, input.id);
    if (row.status === 'withdrawn' || row.status === 'merged') fail('invalid_transition', { from: row.status, action: 'update' });
    await requireExisting(ctx, 'departments', input.departmentId, 'departmentId');
    await requireExisting(ctx, 'categories', input.categoryId, 'categoryId');
    const changes: Record<string, [unknown, unknown]> = {};
    const set: Updateable<CasesTable> = {};
    for (const [field, column] of Object.entries(UPDATABLE) as [keyof typeof UPDATABLE, (typeof UPDATABLE)[keyof typeof UPDATABLE]][]) {
      const value = input[field];
      if (value === undefined || value === row[column]) continue;
      changes[field] = [row[column], value];
      (set as Record<string, unknown>)[column] = value;
    }
    if (Object.keys(changes).length === 0) return false;
    const stamp = ctx.now().toISOString();
    await db.updateTable('cases').set({ ...set, updated_at: stamp }).where('id', '=', row.id).execute();
    await appendEvent(db, { caseId: row.id, actorId: actor.id, type: 'updated', at: stamp, data: { changes } });
    if (changes.kind) await refreshStoredDeadlines(ctx, row.id);
    return true;
  });
}

/** Sets the handler; false when the case already had this one (nothing written, no event). */
export async function assignCase(ctx: ServiceContext, actor: Actor, id: number, handlerId: number | null): Promise<boolean> {
  return ctx.tx(async (ctx) => {
    const { db } = ctx;
    const row = await loadCaseRow(ctx, actor, id);
    await requireExisting(ctx, 'users', handlerId, 'handlerId');
    if (row.stage === 2 && handlerId !== null && handlerId === row.stage1_handler_id) fail('stage2_same_handler');
    if (row.handler_id === handlerId) return false;
    const stamp = ctx.now().toISOString();
    await db.updateTable('cases').set({ handler_id: handlerId, updated_at: stamp }).where('id', '=', id).execute();
    await appendEvent(db, { caseId: id, actorId: actor.id, type: 'assigned', at: stamp, data: { from: row.handler_id, to: handlerId } });
    return true;
  });
}

export async function addCaseNote(ctx: ServiceContext, actor: Actor, id: number, text: string): Promise<void> {
  await ctx.tx(async (ctx) => {
    const { db } = ctx;
    await loadCaseRow(ctx, actor, id);
    const stamp = ctx.now().toISOString();
    await db.updateTable('cases').set({ updated_at: stamp }).where('id', '=', id).execute();
    await appendEvent(db, { caseId: id, actorId: actor.id, type: 'note', at: stamp, data: { text } });
  });
}

export async function extendCaseDeadline(ctx: ServiceContext, actor: Actor, id: number, workingDays: number, reason: string): Promise<void> {
  await ctx.tx(async (ctx) => {
    const { db } = ctx;
    const row = await loadCaseRow(ctx, actor, id);
    if (!isStillRunning(row.status)) {
      fail('invalid_transition', { from: row.status, action: 'extend' });
    }
    const check = checkExtension(row.extension_days, workingDays, reason);
    if (!check.ok) fail(check.code, { max: MAX_EXTENSION_WORKING_DAYS, current: row.extension_days });
    const stamp = ctx.now().toISOString();
    const before = row.response_due;
    await db
        .updateTable('cases')
        .set({ extension_days: row.extension_days + workingDays, updated_at: stamp })
        .where('id', '=', id).execute();
    await refreshStoredDeadlines(ctx, id);
    const after = (await db.selectFrom('cases').select('response_due').where('id', '=', id).executeTakeFirst())!.response_due;
    await appendEvent(db, {
      caseId: id,
      actorId: actor.id,
      type: 'deadline_extended',
      at: stamp,
      data: { workingDays, reason: reason.trim(), responseDueBefore: before, responseDueAfter: after },
    });
  });
}
