// The start screens: the office's "what must I do today", a department head's new and near-due statement requests, and
// the executive's overview. Every figure is counted in SQL, scoped like the inbox, and carries the inbox filter that
// lists exactly what it counts (the same applyFilter builds both).
import { countWhere, jsonArrayLength, jsonText } from '../db/dialect.ts';
import { sql } from 'kysely';
import { isNearDue, isOfficeRole, lookedSince, RUNNING_STATUSES } from '../domain/notifications.ts';
import type { CaseSummary } from '../types/cases.ts';
import type { DrawPool } from '../types/draws.ts';
import type { ExecutiveOverview, OfficeToday, StartFigure } from '../types/start.ts';
import type { Actor } from './actor.ts';
import { caseListQueries, type CaseFilter } from './case-list.ts';
import { localDate } from './clock.ts';
import type { ServiceContext } from './context.ts';
import { fail } from './errors.ts';
import { sweepDeadlines } from './notifications.ts';

export type StartMarker = 'returned' | 'statements';

async function marker(ctx: ServiceContext, actor: Actor, name: StartMarker): Promise<string | null> {
  const db = ctx.read;
  return (await db.selectFrom('user_markers').select('at').where('user_id', '=', actor.id ?? 0).where('name', '=', name).executeTakeFirst())?.at ?? null;
}

/** The part of a start screen that counts what is new since the user last looked: the office's returned statements, a head's requests. */
export function markerOf(actor: Actor): StartMarker | null {
  return isOfficeRole(actor.role) ? 'returned' : actor.role === 'department_head' ? 'statements' : null;
}

/** "I have looked": what is new on the caller's start screen is counted from now on. */
export async function markStartSeen(ctx: ServiceContext, actor: Actor): Promise<void> {
  const name = markerOf(actor);
  if (name === null || actor.id === null) fail('forbidden');
  const at = ctx.now().toISOString();
  await ctx.tx(({ db }) =>
    db
      .insertInto('user_markers')
      .values({ user_id: actor.id!, name, at })
      .onConflict((oc) => oc.columns(['user_id', 'name']).doUpdateSet({ at }))
      .execute(),
  );
}

/** The office's figures and their filters, as of `today` (exported so the benchmark can run the very same SQL raw). */
export function officeFigureFilters(actor: Actor, today: string, returnedSince: string): Record<Exclude<keyof OfficeToday, 'today' | 'returnedSince'>, CaseFilter> {
  return {
    dueToday: { dueOn: today },
    overdue: { overdue: true },
    returned: { returnedSince },
    arrivals: { statuses: ['new'] },
    mine: { handlerId: actor.id ?? 0, statuses: ['new', 'open', 'forwarded', 'on_hold'] },
  };
}

export function figureCountQuery(ctx: ServiceContext, actor: Actor, filter: CaseFilter, today: string) {
  return caseListQueries(ctx, actor, { filter, sort: { column: 'receivedAt', direction: 'desc' }, limit: 1, offset: 0 }, today).count;
}

export interface OfficeTodayInput {
  /** Keep counting returns from this moment (the screen passes the one it first got, so a refresh keeps them). */
  returnedSince?: string | undefined;
}

export async function officeToday(ctx: ServiceContext, actor: Actor, input: OfficeTodayInput = {}): Promise<OfficeToday> {
  if (!isOfficeRole(actor.role)) fail('forbidden');
  await sweepDeadlines(ctx, actor);
  const now = ctx.now();
  const today = localDate(now);
  const returnedSince = input.returnedSince ?? lookedSince(await marker(ctx, actor, 'returned'), now);
  const filters = officeFigureFilters(actor, today, returnedSince);
  const figure = async (filter: CaseFilter): Promise<StartFigure> => ({ count: (await figureCountQuery(ctx, actor, filter, today).executeTakeFirst())?.n ?? 0, filter });
  return {
    today,
    returnedSince,
    dueToday: await figure(filters.dueToday),
    overdue: await figure(filters.overdue),
    returned: await figure(filters.returned),
    arrivals: await figure(filters.arrivals),
    mine: await figure(filters.mine),
  };
}

/** Which of these cases were forwarded after `since` (spelled like the partial index case_events_workflow). */
export function forwardedSinceQuery(ctx: ServiceContext, caseIds: number[], since: string) {
  return ctx.read
    .selectFrom('case_events')
    .select('case_id')
    .distinct()
    .where(sql<boolean>`type = 'status_changed' AND ${jsonText('data', 'action')} = 'forward'`)
    .where('at', '>', since)
    .where('case_id', 'in', caseIds.length ? caseIds : [0]);
}

/**
 * What a head's start screen adds to their statement requests: which are new since they last looked, and which are
 * near due (the reminders). Reading it also writes the head's near-due notifications owed.
 */
export async function statementReminders(ctx: ServiceContext, actor: Actor, requests: CaseSummary[]) {
  await sweepDeadlines(ctx, actor);
  const now = ctx.now();
  const today = localDate(now);
  const newSince = lookedSince(await marker(ctx, actor, 'statements'), now);
  const ids = requests.map((c) => c.id);
  const fresh = new Set((await forwardedSinceQuery(ctx, ids, newSince).execute()).map((r) => r.case_id));
  const calendar = await ctx.calendar();
  return {
    newSince,
    newStatementIds: ids.filter((id) => fresh.has(id)),
    nearDueIds: requests.filter((c) => c.status === 'forwarded' && isNearDue(calendar, today, c.responseDue)).map((c) => c.id),
  };
}

const yearBounds = (year: number) => ({ from: `${year}-01-01`, to: `${year + 1}-01-01` });

/** The executive's overview queries (exported for the benchmark). */
export function executiveQueries(ctx: ServiceContext, year: number, today: string) {
  const db = ctx.read;
  // Per day and kind from case_volumes (migration 0015, kept by triggers: some 3,000 rows for two years, whatever the
  // number of cases); the quarters are summed from the days.
  const volumes = db
    .selectFrom('case_volumes')
    .select(['received_on', 'kind', 'n as count'])
    .where('received_on', '>=', yearBounds(year - 1).from)
    .where('received_on', '<', yearBounds(year).to)
    .where('n', '>', 0);
  // Running cases from case_counts (0012); the overdue ones from the (status, response_due) index, one range per status.
  const running = db
    .selectNoFrom([
      sql<number>`(SELECT coalesce(sum(n), 0) FROM case_counts WHERE status IN (${sql.join([...RUNNING_STATUSES])}))`.as('running'),
      sql<number>`(SELECT count(*) FROM cases WHERE status IN (${sql.join([...RUNNING_STATUSES])}) AND response_due < ${today})`.as('overdue'),
    ]);
  const improvements = db
    .selectFrom('improvements')
    .select([
      countWhere(sql<boolean>`done_year = ${year}`).as('done'),
      countWhere(sql<boolean>`status IN ('planned', 'in_progress')`).as('inProgress'),
    ]);
  const draws = db
    .selectFrom('prize_draws')
    .select(['id', 'year', 'pool', 'status', 'drawn_at', jsonArrayLength('entries').as('entry_count')])
    .where('year', 'in', [year - 1, year])
    .orderBy('id');
  return { volumes, running, improvements, draws };
}

export async function executiveOverview(ctx: ServiceContext): Promise<ExecutiveOverview> {
  const now = ctx.now();
  const today = localDate(now);
  const year = Number(today.slice(0, 4));
  const q = executiveQueries(ctx, year, today);
  const byQuarter = new Map<string, ExecutiveOverview['volumes'][number]>();
  for (const row of await q.volumes.execute()) {
    const quarter = Math.floor((Number(row.received_on.slice(5, 7)) + 2) / 3) as 1 | 2 | 3 | 4;
    const key = `${row.received_on.slice(0, 4)}:${quarter}:${row.kind}`;
    const known = byQuarter.get(key);
    if (known) known.count += row.count;
    else byQuarter.set(key, { year: Number(row.received_on.slice(0, 4)), quarter, kind: row.kind, count: row.count });
  }
  const volumes = [...byQuarter.values()].sort((a, b) => a.year - b.year || a.quarter - b.quarter || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  const running = (await q.running.executeTakeFirst())!;
  const improvements = (await q.improvements.executeTakeFirst())!;
  const drawRows = await q.draws.execute();
  const latest = new Map<string, (typeof drawRows)[number]>();
  for (const row of drawRows) latest.set(`${row.year}:${row.pool}`, row);
  const draws: ExecutiveOverview['draws'] = [];
  for (const y of [year, year - 1]) {
    for (const pool of ['external', 'internal'] as DrawPool[]) {
      const row = latest.get(`${y}:${pool}`);
      draws.push({
        year: y,
        pool,
        status: row ? (row.status as 'prepared' | 'drawn') : 'none',
        entryCount: row ? row.entry_count : null,
        drawnAt: row?.drawn_at ?? null,
      });
    }
  }
  return {
    year,
    volumes,
    running: running.running,
    overdue: running.overdue,
    overdueShare: running.running ? running.overdue / running.running : null,
    improvementsDoneThisYear: improvements.done,
    improvementsInProgress: improvements.inProgress,
    draws,
  };
}
