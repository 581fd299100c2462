// The quarterly and yearly report's figures: volumes, deadlines, outcomes, improvements, the barometer trend and the
// year's prize draws, for a period and optionally one department. Department heads see their own departments only.
import { sql } from 'kysely';
import { quarterOfDate } from '../domain/barometer.ts';
import { countsWithShares, deadlineFigures, isReportPeriod, reportPeriod } from '../domain/reports.ts';
import type { ReportData, ReportDraw, ReportImprovement, StageDeadlines } from '../types/reports.ts';
import { CASE_CHANNELS, CASE_KINDS, CASE_ORIGINS, CASE_OUTCOMES } from '../vocabulary/cases.ts';
import { departmentScope, scopeList, type Actor } from './actor.ts';
import { barometerReport } from './barometer.ts';
import { localDate } from './clock.ts';
import type { ServiceContext } from './context.ts';
import { fail } from './errors.ts';
import { getDraw, listDraws } from './prize-draws.ts';

export interface ReportQuery {
  /** 'YYYY' or 'YYYY-Qn'. */
  period: string;
  departmentId?: number | null | undefined;
  /** How many "you said, we did" examples (default 5). */
  examples?: number | undefined;
}

/** Who reads the draw (as the draw screen): the executive and the office's ombudsman and deputy. */
const DRAW_ROLES = ['executive', 'ombudsman', 'deputy'];

/** The case rows the figures count: received in the period, not merged, in the department or the reader's scope. */
export function reportCaseRows(ctx: ServiceContext, from: string, to: string, departmentIds: readonly number[] | null, today: string) {
  let q = ctx.read
    .selectFrom('cases as c')
    .where('c.received_on', '>=', from)
    .where('c.received_on', '<=', to)
    .where('c.status', '!=', 'merged');
  if (departmentIds !== null) q = q.where('c.department_id', 'in', scopeList(departmentIds));
  // The same rule as deadlineState (main/domain/reports.ts), in SQL so that one pass over the period's cases suffices.
  const ack = sql<string>`CASE WHEN c.first_response_at IS NOT NULL THEN (CASE WHEN substr(c.first_response_at, 1, 10) <= c.ack_due THEN 'met' ELSE 'missed' END) WHEN c.ack_due < ${today} THEN 'missed' ELSE 'pending' END`;
  const response = sql<string>`CASE WHEN c.answered_on IS NOT NULL THEN (CASE WHEN c.answered_on <= c.response_due THEN 'met' ELSE 'missed' END) WHEN c.response_due < ${today} THEN 'missed' ELSE 'pending' END`;
  return q
    .select(['c.kind', 'c.channel', 'c.origin', 'c.department_id', 'c.stage', 'c.outcome', ack.as('ack'), response.as('response'), sql<number>`count(*)`.as('n')])
    .groupBy(['c.kind', 'c.channel', 'c.origin', 'c.department_id', 'c.stage', 'c.outcome', 'ack', 'response']);
}

function add(map: Map<string, number>, key: string, n: number) {
  map.set(key, (map.get(key) ?? 0) + n);
}

export async function reportData(ctx: ServiceContext, actor: Actor, query: ReportQuery): Promise<ReportData> {
  if (!isReportPeriod(query.period)) fail('invalid_input', { field: 'period' });
  const period = reportPeriod(query.period);
  const scope = departmentScope(actor);
  const departmentId = query.departmentId ?? null;
  if (departmentId !== null && scope !== null && !scope.includes(departmentId)) fail('forbidden', { field: 'departmentId' });
  const departmentIds = departmentId !== null ? [departmentId] : scope;
  const today = localDate(ctx.now());
  const departments = new Map((await ctx.read.selectFrom('departments').select(['id', 'name']).execute()).map((d) => [d.id, d.name]));
  if (departmentId !== null && !departments.has(departmentId)) fail('not_found', { field: 'departmentId' });

  const kinds = new Map<string, number>();
  const channels = new Map<string, number>();
  const origins = new Map<string, number>();
  const byDepartment = new Map<string, number>();
  const outcomes = new Map<string, number>();
  const stages = [1, 2].map(() => ({ ack: { met: 0, missed: 0, pending: 0 }, response: { met: 0, missed: 0, pending: 0 } }));
  let total = 0;
  for (const row of await reportCaseRows(ctx, period.from, period.to, departmentIds, today).execute()) {
    const n = Number(row.n);
    total += n;
    add(kinds, row.kind, n);
    add(channels, row.channel, n);
    add(origins, row.origin, n);
    add(byDepartment, row.department_id === null ? '' : (departments.get(row.department_id) ?? ''), n);
    if (row.outcome !== null) add(outcomes, row.outcome, n);
    const stage = stages[row.stage === 2 ? 1 : 0]!;
    stage.ack[row.ack as 'met' | 'missed' | 'pending'] += n;
    stage.response[row.response as 'met' | 'missed' | 'pending'] += n;
  }
  const deadlines: StageDeadlines[] = stages.map((s, i) => ({
    stage: (i + 1) as 1 | 2,
    acknowledgement: deadlineFigures(s.ack.met, s.ack.missed, s.ack.pending),
    response: deadlineFigures(s.response.met, s.response.missed, s.response.pending),
  }));

  const { improvementsDone, improvements } = await doneImprovements(ctx, period.from, period.to, departmentIds, Math.min(Math.max(query.examples ?? 5, 0), 50));
  const barometer = await barometerReport(ctx, actor, {
    // The trend: the period's quarters, and for a quarter the three before it.
    from: period.kind === 'year' ? `${period.year}-Q1` : shiftBack(quarterOfDate(period.from), 3),
    to: quarterOfDate(period.to),
    departmentIds: departmentId !== null ? [departmentId] : undefined,
  });
  const draws = DRAW_ROLES.includes(actor.role) && departmentId === null ? await yearDraws(ctx, period.year) : null;

  return {
    period: { kind: period.kind, key: period.key, from: period.from, to: period.to },
    departmentId,
    departmentName: departmentId !== null ? departments.get(departmentId)! : null,
    total,
    byKind: countsWithShares(kinds, CASE_KINDS),
    byChannel: countsWithShares(channels, CASE_CHANNELS),
    byOrigin: countsWithShares(origins, CASE_ORIGINS),
    byDepartment: countsWithShares(byDepartment),
    outcomes: countsWithShares(outcomes, CASE_OUTCOMES),
    deadlines,
    improvementsDone,
    improvements,
    barometer,
    draws,
  };
}

function shiftBack(quarter: string, by: number): string {
  let [year, q] = [Number(quarter.slice(0, 4)), Number(quarter.slice(6))];
  for (let i = 0; i < by; i++) if (--q === 0) [year, q] = [year - 1, 4];
  return `${year}-Q${q}`;
}

async function doneImprovements(ctx: ServiceContext, from: string, to: string, departmentIds: readonly number[] | null, limit: number) {
  let q = ctx.read
    .selectFrom('improvements as i')
    .innerJoin('departments as d', 'd.id', 'i.department_id')
    .where('i.status', '=', 'done')
    .where('i.done_on', '>=', from)
    .where('i.done_on', '<=', to);
  if (departmentIds !== null) q = q.where('i.department_id', 'in', scopeList(departmentIds));
  const count = await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  // "You said": the first linked case's subject, of a case the reader may see (a department's improvement may name a
  // case of another department: a head must not read it).
  const caseScope = departmentIds !== null ? sql`AND c.department_id IN (${sql.join(scopeList(departmentIds))})` : sql``;
  const rows = await q
    .select([
      'i.id',
      'i.title',
      'd.name as departmentName',
      'i.done_on',
      'i.done_note',
      sql<string | null>`(SELECT c.subject FROM improvement_cases ic JOIN cases c ON c.id = ic.case_id WHERE ic.improvement_id = i.id AND c.status != 'merged' ${caseScope} ORDER BY c.id LIMIT 1)`.as('youSaid'),
    ])
    .orderBy('i.done_on', 'desc')
    .orderBy('i.id', 'desc')
    .limit(limit)
    .execute();
  const improvements: ReportImprovement[] = rows.map((r) => ({ id: r.id, title: r.title, departmentName: r.departmentName, doneOn: r.done_on!, doneNote: r.done_note ?? '', youSaid: r.youSaid }));
  return { improvementsDone: Number(count.n), improvements };
}

async function yearDraws(ctx: ServiceContext, year: number): Promise<ReportDraw[]> {
  const drawn = (await listDraws(ctx)).filter((d) => d.year === year && d.status === 'drawn');
  const draws: ReportDraw[] = [];
  for (const summary of drawn) {
    const detail = await getDraw(ctx, summary.id);
    draws.push({
      id: detail.id,
      year: detail.year,
      pool: detail.pool,
      drawnAt: detail.drawnAt,
      fingerprint: detail.fingerprint,
      entryCount: detail.entryCount,
      winners: detail.winners.map((w) => ({ place: w.place, reference: w.reference, name: w.name, prize: w.prize })),
    });
  }
  return draws;
}
