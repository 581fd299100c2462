// Keeps a case's stored due dates in step with the deadline engine (they are stored so the inbox can sort in SQL).
import { computeCaseDeadlines, type CaseDeadlines, type Pause } from '../domain/deadlines.ts';
import type { CaseKind } from '../domain/model.ts';
import { reusable, type ReadDb } from '../db/handles.ts';
import type { ServiceContext, TxContext } from './context.ts';
import { localDate } from './clock.ts';

interface DeadlineSource {
  id: number;
  kind: CaseKind;
  stage: 1 | 2;
  stage_started_on: string;
  extension_days: number;
  answered_on: string | null;
}

const selectPauses = reusable((db, p: { caseId: number; stage: 1 | 2 }) =>
  db.selectFrom('case_pauses').select(['from_date', 'to_date']).where('case_id', '=', p.caseId).where('stage', '=', p.stage),
);

async function pausesOf(db: ReadDb, caseId: number, stage: 1 | 2) {
  return (await selectPauses(db, { caseId, stage })).map((row) => ({ from: row.from_date, to: row.to_date }));
}

/** The case's deadlines; `pauses` (those of the row's stage) may be passed by a caller that knows them, else they are read. */
export async function deadlinesOf(ctx: ServiceContext, row: DeadlineSource, pauses?: readonly Pause[]): Promise<CaseDeadlines> {
  const settings = await ctx.settings();
  const rules = settings.deadlineRules[row.kind];
  return computeCaseDeadlines(await ctx.calendar(), {
    stageStart: row.stage_started_on,
    rule: row.stage === 2 ? rules.stage2 : rules.stage1,
    extensionDays: row.extension_days,
    pauses: pauses ?? await pausesOf(ctx.read, row.id, row.stage),
    today: localDate(ctx.now()),
    answeredOn: row.answered_on,
  });
}

/**
 * Stores the case's due dates as the deadline engine now computes them. A caller that just wrote the row may pass it as
 * it now is (`current`): then it is not read again, and nothing is written when the dates did not change.
 */
export async function refreshStoredDeadlines(ctx: TxContext, caseId: number, current?: DeadlineSource & { ack_due: string; response_due: string }): Promise<void> {
  const { db } = ctx;
  const row =
    current ??
    (await db
      .selectFrom('cases')
      .select(['id', 'kind', 'stage', 'stage_started_on', 'extension_days', 'answered_on'])
      .where('id', '=', caseId)
      .executeTakeFirst());
  if (!row) return;
  const deadlines = await deadlinesOf(ctx, row);
  if (current && current.ack_due === deadlines.acknowledgeDue && current.response_due === deadlines.responseDue) return;
  await db
    .updateTable('cases')
    .set({ ack_due: deadlines.acknowledgeDue, response_due: deadlines.responseDue })
    .where('id', '=', caseId)
    .execute();
}
