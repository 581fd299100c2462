// Pure helpers of the quarterly and yearly reports: the period's dates, shares, and deadline classification.

export type ReportPeriodKind = 'quarter' | 'year';

/** 'YYYY' or 'YYYY-Qn' to its first and last day (inclusive). */
export function reportPeriod(key: string): { kind: ReportPeriodKind; key: string; from: string; to: string; year: number } {
  const year = /^(\d{4})$/.exec(key);
  if (year) return { kind: 'year', key, from: `${key}-01-01`, to: `${key}-12-31`, year: Number(key) };
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
  if (!quarter) throw new RangeError(`not a report period: ${key}`);
  const q = Number(quarter[2]);
  const first = (q - 1) * 3 + 1;
  const pad = (n: number) => String(n).padStart(2, '0');
  return { kind: 'quarter', key, from: `${quarter[1]}-${pad(first)}-01`, to: `${quarter[1]}-${pad(first + 2)}-${[31, 30, 30, 31][q - 1]}`, year: Number(quarter[1]) };
}

export function isReportPeriod(key: string): boolean {
  return /^\d{4}(-Q[1-4])?$/.test(key);
}

/** part / whole, null when whole is 0. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Counts per key with their shares of the sum; in the given order of keys first (zeros kept), then others by count. */
export function countsWithShares(counts: Map<string, number>, order: readonly string[] = []): { key: string; count: number; share: number | null }[] {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const rest = [...counts.keys()].filter((key) => !order.includes(key)).sort((a, b) => counts.get(b)! - counts.get(a)! || (a < b ? -1 : 1));
  return [...order, ...rest].map((key) => ({ key, count: counts.get(key) ?? 0, share: share(counts.get(key) ?? 0, total) }));
}

export type DeadlineState = 'met' | 'missed' | 'pending';

/**
 * A deadline kept or not: done on or before the due day is met, done later is missed; not done and the due day passed
 * (before today) is missed, else pending. Dates are 'YYYY-MM-DD'; a timestamp's first ten characters are its day.
 */
export function deadlineState(doneOn: string | null, due: string, today: string): DeadlineState {
  if (doneOn !== null) return doneOn.slice(0, 10) <= due ? 'met' : 'missed';
  return due < today ? 'missed' : 'pending';
}

export function deadlineFigures(met: number, missed: number, pending: number) {
  return { met, missed, pending, share: share(met, met + missed) };
}
