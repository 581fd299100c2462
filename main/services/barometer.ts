// The satisfaction barometer: kiosk presses (with the double-press rule applied in the vote's own transaction), paper
// tallies, the quarterly report (scoped for department heads) and the current quarter's result for the kiosk.
import type { BarometerQuarter, BarometerReport, BarometerSettings, KioskVoteResult, PaperTallyResult } from '../types/barometer.ts';
import type { ReadDb, WriteDb } from '../db/handles.ts';
import {
  barometerFigures,
  emptyCounts,
  pressCounts,
  quarterDates,
  quarterOfDate,
  quartersBetween,
  shiftQuarter,
  type RatingCounts,
} from '../domain/barometer.ts';
import { BAROMETER_RATINGS, DEFAULT_BAROMETER_MIN_N, DEFAULT_KIOSK_INTERVAL_SECONDS, type BarometerRating } from '../vocabulary/barometer.ts';
import { departmentScope, type Actor } from './actor.ts';
import { localDate } from './clock.ts';
import type { ServiceContext } from './context.ts';
import { fail } from './errors.ts';

export const BAROMETER_KEYS = { kioskInterval: 'barometer_kiosk_interval_seconds', minN: 'barometer_min_n' } as const;

/** How many quarters the report shows when no range is asked for: the current one and the seven before it. */
export const DEFAULT_REPORT_QUARTERS = 8;

export async function readBarometerSettings(db: ReadDb): Promise<BarometerSettings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', [BAROMETER_KEYS.kioskInterval, BAROMETER_KEYS.minN]).execute();
  const map = new Map(rows.map((row) => [row.key, Number(row.value)]));
  const interval = map.get(BAROMETER_KEYS.kioskInterval);
  const minN = map.get(BAROMETER_KEYS.minN);
  return {
    kioskIntervalSeconds: interval !== undefined && Number.isFinite(interval) && interval >= 0 ? interval : DEFAULT_KIOSK_INTERVAL_SECONDS,
    minN: minN !== undefined && Number.isInteger(minN) && minN >= 1 ? minN : DEFAULT_BAROMETER_MIN_N,
  };
}

export async function updateBarometerSettings(ctx: ServiceContext, patch: Partial<BarometerSettings>): Promise<BarometerSettings> {
  return ctx.tx(async ({ db }) => {
    const put = (key: string, value: string) =>
      db.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
    if (patch.kioskIntervalSeconds !== undefined) await put(BAROMETER_KEYS.kioskInterval, String(patch.kioskIntervalSeconds));
    if (patch.minN !== undefined) await put(BAROMETER_KEYS.minN, String(patch.minN));
    return readBarometerSettings(db);
  });
}

interface DayRow {
  voted_on: string;
  rating: BarometerRating;
  votes: number;
}

/** Votes per quarter between two dates, optionally only of these departments (an empty list matches nothing). */
async function countsByQuarter(db: ReadDb, from: string, to: string, departmentIds: readonly number[] | null): Promise<Map<string, RatingCounts>> {
  let query = db
    .selectFrom('barometer_votes')
    .select(['voted_on', 'rating', (eb) => eb.fn.sum<number>('count').as('votes')])
    .where('voted_on', '>=', from)
    .where('voted_on', '<=', to);
  if (departmentIds !== null) query = query.where('department_id', 'in', departmentIds.length > 0 ? [...departmentIds] : [0]);
  const rows = (await query.groupBy(['voted_on', 'rating']).execute()) as DayRow[];
  const byQuarter = new Map<string, RatingCounts>();
  for (const row of rows) {
    const key = quarterOfDate(row.voted_on);
    let counts = byQuarter.get(key);
    if (!counts) byQuarter.set(key, (counts = emptyCounts()));
    counts[row.rating] += Number(row.votes);
  }
  return byQuarter;
}

function quarterResult(quarter: string, counts: RatingCounts, minN: number): BarometerQuarter {
  return { quarter, ...barometerFigures(counts, minN) };
}

/** The current quarter over all votes (every department and none): what the kiosk shows after a vote. */
export async function currentQuarterResult(ctx: ServiceContext): Promise<BarometerQuarter> {
  const quarter = quarterOfDate(localDate(ctx.now()));
  const { from, to } = quarterDates(quarter);
  const { minN } = await readBarometerSettings(ctx.read);
  const counts = (await countsByQuarter(ctx.read, from, to, null)).get(quarter) ?? emptyCounts();
  return quarterResult(quarter, counts, minN);
}

export interface ReportQuery {
  from?: string | undefined;
  to?: string | undefined;
  departmentIds?: number[] | undefined;
}

/**
 * Counts, shares, index, n, margin and the reliable flag per quarter from `from` to `to` (default: the last eight
 * quarters up to the current one), every quarter of the range listed, empty ones too. Without departmentIds the office
 * counts every vote; a department head counts only votes of their own departments, and naming another is refused.
 */
export async function barometerReport(ctx: ServiceContext, actor: Actor, query: ReportQuery = {}): Promise<BarometerReport> {
  const current = quarterOfDate(localDate(ctx.now()));
  const to = query.to ?? current;
  const from = query.from ?? shiftQuarter(to, -(DEFAULT_REPORT_QUARTERS - 1));
  if (from > to) fail('invalid_quarter', { field: 'from' });
  const quarters = quartersBetween(from, to);
  if (quarters.length > 200) fail('invalid_quarter', { field: 'from' });
  const scope = departmentScope(actor);
  let departmentIds: number[] | null = query.departmentIds && query.departmentIds.length > 0 ? [...new Set(query.departmentIds)].sort((a, b) => a - b) : null;
  if (scope !== null) {
    if (departmentIds === null) departmentIds = [...scope];
    else if (departmentIds.some((id) => !scope.includes(id))) fail('forbidden', { field: 'departmentIds' });
  }
  const { minN } = await readBarometerSettings(ctx.read);
  const counts = await countsByQuarter(ctx.read, quarterDates(from).from, quarterDates(to).to, departmentIds);
  return {
    from,
    to,
    minN,
    departmentIds,
    quarters: quarters.map((quarter) => quarterResult(quarter, counts.get(quarter) ?? emptyCounts(), minN)),
  };
}

async function lastCountedPress(db: WriteDb, kioskId: string): Promise<Date | null> {
  const row = await db
    .selectFrom('barometer_votes')
    .select('voted_at')
    .where('kiosk_id', '=', kioskId)
    .where('source', '=', 'kiosk')
    .orderBy('voted_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? new Date(row.voted_at) : null;
}

export interface KioskPress {
  kioskId: string;
  place: string;
  rating: BarometerRating;
  departmentId?: number | null | undefined;
}

/**
 * A press on the kiosk: stored unless it comes within the interval after this kiosk's previous counted press (the
 * check and the insert share one transaction, so two quick presses cannot both count). Returns the current quarter.
 */
export async function castKioskVote(ctx: ServiceContext, press: KioskPress): Promise<KioskVoteResult> {
  const counted = await ctx.tx(async ({ db }) => {
    const at = ctx.now();
    const { kioskIntervalSeconds } = await readBarometerSettings(db);
    if (!pressCounts(await lastCountedPress(db, press.kioskId), at, kioskIntervalSeconds * 1000)) return false;
    await db
      .insertInto('barometer_votes')
      .values({
        rating: press.rating,
        count: 1,
        voted_at: at.toISOString(),
        voted_on: localDate(at),
        source: 'kiosk',
        department_id: press.departmentId ?? null,
        kiosk_id: press.kioskId,
        place: press.place,
        entered_by: null,
        created_at: at.toISOString(),
      })
      .execute();
    return true;
  });
  return { counted, current: await currentQuarterResult(ctx) };
}

export interface PaperTally {
  /** The day the votes were given ('YYYY-MM-DD', the office's calendar), not in the future. */
  date: string;
  place: string;
  departmentId?: number | null | undefined;
  counts: RatingCounts;
}

/** A hand-counted tally: one row per rating with votes (count = its number). Repeats are caught by the call's requestId. */
export async function enterPaperTally(ctx: ServiceContext, actor: Actor, tally: PaperTally): Promise<PaperTallyResult> {
  const total = BAROMETER_RATINGS.reduce((sum, rating) => sum + tally.counts[rating], 0);
  if (total === 0) fail('tally_empty', { field: 'good' });
  const now = ctx.now();
  if (tally.date > localDate(now)) fail('tally_date_in_future', { field: 'date' });
  if (tally.departmentId != null) {
    const exists = await ctx.read.selectFrom('departments').select('id').where('id', '=', tally.departmentId).executeTakeFirst();
    if (!exists) fail('not_found', { field: 'departmentId' });
  }
  // Noon of that office day: the tally has no time of its own.
  const [year, month, day] = tally.date.split('-').map(Number) as [number, number, number];
  const votedAt = new Date(year, month - 1, day, 12).toISOString();
  return ctx.tx(async ({ db }) => {
    const ids: number[] = [];
    for (const rating of BAROMETER_RATINGS) {
      if (tally.counts[rating] === 0) continue;
      const row = await db
        .insertInto('barometer_votes')
        .values({
          rating,
          count: tally.counts[rating],
          voted_at: votedAt,
          voted_on: tally.date,
          source: 'paper',
          department_id: tally.departmentId ?? null,
          kiosk_id: null,
          place: tally.place,
          entered_by: actor.id,
          created_at: now.toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    return { ids, total };
  });
}
