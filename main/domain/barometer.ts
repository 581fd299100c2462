// The satisfaction barometer's arithmetic (pure): the index 0-100, its 95 % margin of error, reliability, quarter keys and
// the kiosk's rule that a quick second press counts once.
//
// Index: every vote scores good 100, okay 50, could be better 0; the index is the mean score.
// Margin of error: 1.96 * s / sqrt(n), s the sample standard deviation (divisor n - 1) of the per-vote scores: the normal
// approximation for a mean. We use 1.96 and not Student's t quantile on purpose: below the minimum n (default 30) a
// quarter is marked "not reliable" anyway, and from 30 votes on t differs from 1.96 by less than 5 % (t(29) = 2.045).
// With fewer than 2 votes s is undefined and the margin is null.
import { BAROMETER_RATINGS, type BarometerRating } from '../vocabulary/barometer.ts';

export type RatingCounts = Record<BarometerRating, number>;

export const RATING_SCORES: Readonly<Record<BarometerRating, number>> = { good: 100, okay: 50, could_be_better: 0 };

/** The normal quantile for a two-sided 95 % interval. */
export const Z_95 = 1.96;

export function emptyCounts(): RatingCounts {
  return { good: 0, okay: 0, could_be_better: 0 };
}

export function totalVotes(counts: RatingCounts): number {
  return BAROMETER_RATINGS.reduce((sum, rating) => sum + counts[rating], 0);
}

/** Shares of the votes per rating (0-1), null each when there are no votes. */
export function ratingShares(counts: RatingCounts): Record<BarometerRating, number | null> {
  const n = totalVotes(counts);
  return {
    good: n === 0 ? null : counts.good / n,
    okay: n === 0 ? null : counts.okay / n,
    could_be_better: n === 0 ? null : counts.could_be_better / n,
  };
}

/** The mean score (0-100), null without votes. */
export function barometerIndex(counts: RatingCounts): number | null {
  const n = totalVotes(counts);
  if (n === 0) return null;
  return BAROMETER_RATINGS.reduce((sum, rating) => sum + RATING_SCORES[rating] * counts[rating], 0) / n;
}

/** The sample standard deviation (divisor n - 1) of the per-vote scores, null below 2 votes. */
export function scoreStandardDeviation(counts: RatingCounts): number | null {
  const n = totalVotes(counts);
  const mean = barometerIndex(counts);
  if (n < 2 || mean === null) return null;
  const squares = BAROMETER_RATINGS.reduce((sum, rating) => sum + counts[rating] * (RATING_SCORES[rating] - mean) ** 2, 0);
  return Math.sqrt(squares / (n - 1));
}

/** Half the width of the 95 % confidence interval of the index (index ± margin), null below 2 votes. */
export function marginOfError(counts: RatingCounts): number | null {
  const s = scoreStandardDeviation(counts);
  if (s === null) return null;
  return (Z_95 * s) / Math.sqrt(totalVotes(counts));
}

/** A quarter below the minimum number of votes is shown, marked as not reliable. */
export function isReliable(n: number, minN: number): boolean {
  return n >= minN;
}

export interface BarometerFigures {
  counts: RatingCounts;
  shares: Record<BarometerRating, number | null>;
  n: number;
  index: number | null;
  margin: number | null;
  reliable: boolean;
}

export function barometerFigures(counts: RatingCounts, minN: number): BarometerFigures {
  const n = totalVotes(counts);
  return { counts: { ...counts }, shares: ratingShares(counts), n, index: barometerIndex(counts), margin: marginOfError(counts), reliable: isReliable(n, minN) };
}

const QUARTER_KEY = /^(\d{4})-Q([1-4])$/;
const DATE = /^(\d{4})-(\d{2})-\d{2}$/;

/** 'YYYY-Qn' of an office calendar date 'YYYY-MM-DD' (the office's local date: its time zone is the machine's). */
export function quarterOfDate(date: string): string {
  const match = DATE.exec(date);
  if (!match) throw new RangeError(`not a date: ${date}`);
  const month = Number(match[2]);
  if (month < 1 || month > 12) throw new RangeError(`not a date: ${date}`);
  return `${match[1]}-Q${Math.floor((month + 2) / 3)}`;
}

export function isQuarterKey(value: string): boolean {
  return QUARTER_KEY.test(value);
}

export function parseQuarter(key: string): { year: number; quarter: 1 | 2 | 3 | 4 } {
  const match = QUARTER_KEY.exec(key);
  if (!match) throw new RangeError(`not a quarter: ${key}`);
  return { year: Number(match[1]), quarter: Number(match[2]) as 1 | 2 | 3 | 4 };
}

/** The first and last calendar date of a quarter. */
export function quarterDates(key: string): { from: string; to: string } {
  const { year, quarter } = parseQuarter(key);
  const first = (quarter - 1) * 3 + 1;
  const last = first + 2;
  const lastDay = [31, 30, 30, 31][quarter - 1]!;
  const pad = (n: number) => String(n).padStart(2, '0');
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${lastDay}` };
}

/** The quarter `steps` after (or before, when negative) key. */
export function shiftQuarter(key: string, steps: number): string {
  const { year, quarter } = parseQuarter(key);
  const index = year * 4 + (quarter - 1) + steps;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

/** Every quarter from `from` to `to`, both included (empty when from is after to). */
export function quartersBetween(from: string, to: string): string[] {
  const quarters: string[] = [];
  for (let key = from; key <= to && quarters.length < 400; key = shiftQuarter(key, 1)) quarters.push(key);
  return quarters;
}

/**
 * The kiosk's rule: a press counts unless it comes less than intervalMs after the previous *counted* press on the same
 * kiosk (presses that did not count do not extend the interval). A press timed before the previous one (the clock was
 * set back) counts.
 */
export function pressCounts(previousCountedAt: Date | null, at: Date, intervalMs: number): boolean {
  if (previousCountedAt === null) return true;
  const gap = at.getTime() - previousCountedAt.getTime();
  return gap < 0 || gap >= intervalMs;
}

/** Which of a kiosk's presses (in time order) count, by pressCounts. */
export function countedPresses(presses: readonly Date[], intervalMs: number): boolean[] {
  let last: Date | null = null;
  return presses.map((at) => {
    const counts = pressCounts(last, at, intervalMs);
    if (counts) last = at;
    return counts;
  });
}
