// Moves a case through its workflow: the pure state machine decides, this writes the row, pauses and timeline in one transaction.
import { OFFICE_ROLES, type CaseOutcome } from '../domain/model.ts';
import { applyTransition, DEPARTMENT_HEAD_ACTIONS, type TransitionInput } from '../domain/workflow.ts';
import type { Pause } from '../domain/deadlines.ts';
import type { Updateable } from 'kysely';
import type { CasesTable } from '../db/schema.ts';
import { reusable, type WriteDb } from '../db/handles.ts';
import { inScope, type Actor } from './actor.ts';
import { localDate } from './clock.ts';
import type { ServiceContext } from './context.ts';
import { deadlinesOf } from './case-deadlines.ts';
import { loadCaseRow, requireExisting, type CaseRow } from './case-rows.ts';
import { fail } from './errors.ts';
import { notifyTransition } from './notifications.ts';
import { appendEvent } from './timeline.ts';

export type TransitionRequest =
  | { id: number; action: 'triage' }
  | { id: number; action: 'forward'; departmentId: number }
  | { id: number; action: 'return_from_department'; statement?: string | undefined }
  | { id: number; action: 'hold'; reason?: string | undefined }
  | { id: number; action: 'resume' }
  | { id: number; action: 'answer'; outcome: CaseOutcome | null; summary?: string | undefined }
  | { id: number; action: 'close' }
  | { id: number; action: 'escalate'; handlerId?: number | undefined; reason?: string | undefined }
  | { id: number; action: 'withdraw'; reason?: string | undefined }
  | { id: number; action: 'merge'; intoId: number };

// The transition's update has one shape per set of columns (a handful: one or two per action), each compiled once.
const caseUpdates = new Map<string, ReturnType<typeof reusable<Record<string, unknown>, unknown>>>();

async function updateCaseRow(db: WriteDb, id: number, set: Updateable<CasesTable>): Promise<void> {
  const columns = Object.keys(set).filter((column) => (set as Record<string, unknown>)[column] !== undefined);
  const key = columns.join(',');
  let update = caseUpdates.get(key);
  if (!update) {
    update = reusable((db, args: Record<string, unknown>) =>
      db.updateTable('cases').set(Object.fromEntries(columns.map((column) => [column, args[column]]))).where('id', '=', args.id as number),
    );
    caseUpdates.set(key, update);
  }
  await update(db, { ...Object.fromEntries(columns.map((column) => [column, (set as Record<string, unknown>)[column]])), id });
}

/** A case as its transaction last wrote it: the row and its pauses (of both stages). */
export interface KnownCase {
  row: CaseRow;
  pauses: (Pause & { stage: 1 | 2 })[];
}

const selectPauses = reusable((db, p: { caseId: number }) =>
  db.selectFrom('case_pauses').select(['stage', 'from_date', 'to_date']).where('case_id', '=', p.caseId).orderBy('id'),
);

export async function transitionCase(ctx: ServiceContext, actor: Actor, request: TransitionRequest): Promise<void> {
  await moveCase(ctx, actor, request);
}

/**
 * transitionCase, returning the case as written. A caller that moves the same case on several times in one transaction
 * (the demo) passes what the previous step returned as `known`: then the row and its pauses are not read again (they
 * cannot have changed in between: the transaction holds the only writer). `known` must come from the same transaction.
 */
export async function moveCase(ctx: ServiceContext, actor: Actor, request: TransitionRequest, known?: KnownCase): Promise<KnownCase> {
  if (actor.role === 'department_head' && !DEPARTMENT_HEAD_ACTIONS.includes(request.action)) {
    fail('forbidden', { action: request.action });
  }
  return await ctx.tx(async (ctx) => {
    const { db } = ctx;
    if (known && known.row.id !== request.id) throw new Error('moveCase: the known case is another one');
    if (known && !inScope(actor, known.row.department_id)) fail('not_found', { field: 'id' });
    const row = known?.row ?? (await loadCaseRow(ctx, actor, request.id));
    const pauses =
      known?.pauses.map((pause) => ({ ...pause })) ??
      (await selectPauses(db, { caseId: row.id })).map((p) => ({ stage: p.stage, from: p.from_date, to: p.to_date }));
    const now = ctx.now();
    const stamp = now.toISOString();
    const today = localDate(now);
    const target = request.action === 'merge' ? await loadCaseRow(ctx, actor, request.intoId) : null;
    if (request.action === 'forward') await requireExisting(ctx, 'departments', request.departmentId, 'departmentId');
    // Stage 2 goes to whom the caller chose, never by default to the caller (who may well have handled stage 1).
    const stage2HandlerId = request.action === 'escalate' ? (request.handlerId ?? null) : null;
    if (stage2HandlerId !== null) await requireOfficeUser(ctx, stage2HandlerId);
    const stage1Handler = row.stage1_handler_id ?? row.handler_id;
    if (request.action === 'answer' && row.stage === 2 && actor.id !== null && actor.id === row.stage1_handler_id) {
      fail('stage2_same_handler');
    }

    const input: TransitionInput =
      request.action === 'forward'
        ? { action: 'forward', departmentId: request.departmentId }
        : request.action === 'answer'
          ? { action: 'answer', outcome: request.outcome }
          : request.action === 'escalate'
            ? { action: 'escalate', stage2HandlerId, reason: request.reason ?? '' }
            : request.action === 'merge'
              ? { action: 'merge', targetStatus: target!.status, targetIsSelf: target!.id === row.id }
              : request.action === 'return_from_department'
                ? { action: 'return_from_department', statement: request.statement ?? '' }
                : request.action === 'hold' || request.action === 'withdraw'
                  ? { action: request.action, reason: request.reason ?? '' }
                  : { action: request.action };
    const result = applyTransition(
      {
        status: row.status,
        kind: row.kind,
        stage: row.stage,
        resumeStatus: row.resume_status,
        departmentId: row.department_id,
        stage1HandlerId: stage1Handler,
      },
      input,
    );
    if (!result.ok) fail(result.code, result.details);

    const set: Updateable<CasesTable> = { status: result.status, resume_status: result.resumeStatus, stage: result.stage, updated_at: stamp };
    const data: Record<string, unknown> = { action: request.action, from: row.status, to: result.status };
    switch (request.action) {
      case 'triage':
        if (row.handler_id === null && actor.id !== null) set.handler_id = actor.id;
        break;
      case 'forward':
        set.department_id = request.departmentId;
        data.departmentId = request.departmentId;
        break;
      case 'return_from_department':
        if (request.statement) data.statement = request.statement;
        break;
      case 'hold':
        await db.insertInto('case_pauses').values({ case_id: row.id, stage: row.stage, from_date: today, to_date: null }).execute();
        pauses.push({ stage: row.stage, from: today, to: null });
        data.reason = request.reason!.trim();
        break;
      case 'resume':
        await endPauses(db, row.id, today, pauses);
        break;
      case 'answer':
        set.outcome = request.outcome;
        set.answered_on = today;
        set.first_response_at = row.first_response_at ?? stamp;
        if (row.stage === 1) set.stage1_handler_id = row.handler_id ?? actor.id;
        if (row.handler_id === null) set.handler_id = actor.id;
        data.outcome = request.outcome;
        if (request.summary) data.summary = request.summary;
        break;
      case 'close':
        set.closed_at = stamp;
        break;
      case 'escalate':
        set.stage1_handler_id = stage1Handler;
        set.handler_id = stage2HandlerId!;
        set.stage_started_on = today;
        set.extension_days = 0;
        set.answered_on = null;
        set.outcome = null;
        set.closed_at = null;
        data.handlerId = stage2HandlerId;
        data.reason = request.reason!.trim();
        break;
      case 'withdraw':
        data.reason = request.reason!.trim();
        break;
      case 'merge':
        set.duplicate_of = target!.id;
        data.intoId = target!.id;
        data.intoReference = target!.reference;
        break;
    }
    // Leaving on_hold any other way than resume also ends the pause.
    if (row.status === 'on_hold' && request.action !== 'resume') await endPauses(db, row.id, today, pauses);
    // The due dates as the deadline engine computes them for the row as it is about to be, written by the same update
    // when they changed.
    const next = { ...row } as Record<string, unknown>;
    for (const [column, value] of Object.entries(set)) if (value !== undefined) next[column] = value;
    const written = next as CaseRow;
    const deadlines = await deadlinesOf(ctx, written, pauses.filter((pause) => pause.stage === written.stage));
    if (deadlines.acknowledgeDue !== row.ack_due) set.ack_due = written.ack_due = deadlines.acknowledgeDue;
    if (deadlines.responseDue !== row.response_due) set.response_due = written.response_due = deadlines.responseDue;
    await updateCaseRow(db, row.id, set);
    await appendEvent(db, { caseId: row.id, actorId: actor.id, type: 'status_changed', at: stamp, data });
    await notifyTransition(ctx, actor, { caseId: row.id, action: request.action, handlerId: row.handler_id, departmentId: request.action === 'forward' ? request.departmentId : row.department_id, at: stamp });
    if (target) {
      await appendEvent(db, {
        caseId: target.id,
        actorId: actor.id,
        type: 'merged_in',
        at: stamp,
        data: { fromId: row.id, fromReference: row.reference },
      });
      await db.updateTable('cases').set({ updated_at: stamp }).where('id', '=', target.id).execute();
    }
    return { row: written, pauses };
  });
}

const endOpenPauses = reusable((db, p: { caseId: number; today: string }) =>
  db.updateTable('case_pauses').set({ to_date: p.today }).where('case_id', '=', p.caseId).where('to_date', 'is', null),
);

/** Ends the case's open pause (in the table and in the list the transition keeps). */
async function endPauses(db: WriteDb, caseId: number, today: string, pauses: KnownCase['pauses']): Promise<void> {
  await endOpenPauses(db, { caseId, today });
  for (const pause of pauses) if (pause.to === null) pause.to = today;
}

/** A stage 2 handler is an active member of the office (not a department head, not the executive). */
async function requireOfficeUser(ctx: ServiceContext, userId: number): Promise<void> {
  const user = await ctx.read.selectFrom('users').select(['role', 'active']).where('id', '=', userId).executeTakeFirst();
  if (!user) fail('not_found', { field: 'handlerId' });
  if (user.active !== 1 || !(OFFICE_ROLES as readonly string[]).includes(user.role)) fail('stage2_handler_invalid', { field: 'handlerId' });
}
