// Keeps a case's stored due dates in step with the deadline engine (they are stored so the inbox can sort in SQL).
import { computeCaseDeadlines, type CaseDeadlines } from '../domain/deadlines.ts';
import type { CaseKind } from '../domain/model.ts';
import type { Db } from '../db/database.ts';
import type { ServiceContext } from './context.ts';
import { localDate } from './clock.ts';

interface DeadlineSource {
  id: number;
  kind: string;
  stage: number;
  stage_started_on: string;
  extension_days: number;
  answered_on: string | null;
}

function pausesOf(db: Db, caseId: number, stage: number) {
  return db
    .all(
      db.q
        .selectFrom('case_pauses')
        .select(['from_date', 'to_date'])
        .where('case_id', '=', caseId)
        .where('stage', '=', stage),
    )
    .map((row) => ({ from: row.from_date, to: row.to_date }));
}

export function deadlinesOf(ctx: ServiceContext, row: DeadlineSource): CaseDeadlines {
  const rules = ctx.settings().deadlineRules[row.kind as CaseKind];
  return computeCaseDeadlines(ctx.calendar(), {
    stageStart: row.stage_started_on,
    rule: row.stage === 2 ? rules.stage2 : rules.stage1,
    extensionDays: row.extension_days,
    pauses: pausesOf(ctx.db, row.id, row.stage),
    today: localDate(ctx.now()),
    answeredOn: row.answered_on,
  });
}

export function refreshStoredDeadlines(ctx: ServiceContext, caseId: number): void {
  const { db } = ctx;
  const row = db.first(
    db.q
      .selectFrom('cases')
      .select(['id', 'kind', 'stage', 'stage_started_on', 'extension_days', 'answered_on'])
      .where('id', '=', caseId),
  );
  if (!row) return;
  const deadlines = deadlinesOf(ctx, row);
  db.run(
    db.q
      .updateTable('cases')
      .set({ ack_due: deadlines.acknowledgeDue, response_due: deadlines.responseDue })
      .where('id', '=', caseId),
  );
}
