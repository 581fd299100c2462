// Deadlines in working days: when a case must be acknowledged and answered, and how much of the clock it has used.
import { assertCalendarDate, nextDay, type WorkingCalendar } from './calendar.ts';
import { CASE_KINDS, type CaseKind } from './model.ts';

export interface DeadlineRule {
  acknowledgeDays: number;
  respondDays: number;
}

export type DeadlineRules = Record<CaseKind, { stage1: DeadlineRule; stage2: DeadlineRule }>;

// Defaults follow the UK complaint handling codes: acknowledge in 5, answer in 10 (stage 1) or 20 (stage 2).
const STANDARD = { stage1: { acknowledgeDays: 5, respondDays: 10 }, stage2: { acknowledgeDays: 5, respondDays: 20 } };

export const DEFAULT_DEADLINE_RULES: DeadlineRules = {
  complaint: structuredClone(STANDARD),
  idea: structuredClone(STANDARD),
  praise: structuredClone(STANDARD),
  question: structuredClone(STANDARD),
};

/** Cap on all extensions of one stage together, so a case cannot be extended forever. */
export const MAX_EXTENSION_WORKING_DAYS = 20;

/** Roughly a working year; a longer rule is a typo, not a policy. */
export const MAX_RULE_WORKING_DAYS = 250;

export interface Pause {
  from: string;
  /** null while the case is still on hold. */
  to: string | null;
}

export interface CaseDeadlines {
  acknowledgeDue: string;
  responseDue: string;
  pausedWorkingDays: number;
  grossWorkingDays: number;
  netWorkingDays: number;
  workingDaysLeft: number;
  overdue: boolean;
}

export interface CaseDeadlineInput {
  /** Received date at stage 1, escalation date at stage 2. */
  stageStart: string;
  rule: DeadlineRule;
  extensionDays: number;
  pauses: readonly Pause[];
  today: string;
  answeredOn?: string | null;
}

export type ExtensionCheck =
  | { ok: true }
  | { ok: false; code: 'extension_reason_required' | 'extension_invalid' | 'extension_cap_exceeded' };

function assertDayCount(n: unknown, what: string): asserts n is number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
    throw new RangeError(`invalid_day_count: ${what} must be a whole number >= 0, got ${String(n)}`);
}

/** The date n working days after start; start itself does not count, n = 0 gives the first working day from start on. */
export function addWorkingDays(cal: WorkingCalendar, start: string, n: number): string {
  assertCalendarDate(start, 'start');
  assertDayCount(n, 'working days');
  let day = start;
  if (n === 0) {
    while (!cal.isWorkingDay(day)) day = nextDay(day);
    return day;
  }
  for (let left = n; left > 0; ) {
    day = nextDay(day);
    if (cal.isWorkingDay(day)) left--;
  }
  return day;
}

/** Working days d with from < d <= to, so a case received today has used 0 days. */
export function workingDaysBetween(cal: WorkingCalendar, from: string, to: string): number {
  assertCalendarDate(from, 'from');
  assertCalendarDate(to, 'to');
  return to <= from ? 0 : cal.workingDayOrdinal(to) - cal.workingDayOrdinal(from);
}

interface Span {
  after: string;
  until: string;
}

// A hold is counted like a deadline, (from, to]; overlapping holds merge so no day is paused twice.
function pausedSpans(pauses: readonly Pause[], stageStart: string, clockEnd: string): Span[] {
  const spans: Span[] = [];
  for (const p of pauses) {
    assertCalendarDate(p.from, 'pause start');
    if (p.to !== null) assertCalendarDate(p.to, 'pause end');
    if (p.to !== null && p.to < p.from) throw new RangeError(`invalid_pause: ends ${p.to} before it starts ${p.from}`);
    // Only the part within this stage's running clock counts: nothing is paused in the future or before the start.
    const after = p.from > stageStart ? p.from : stageStart;
    const until = p.to === null || p.to > clockEnd ? clockEnd : p.to;
    if (until > after) spans.push({ after, until });
  }
  spans.sort((a, b) => (a.after < b.after ? -1 : a.after > b.after ? 1 : 0));
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged.at(-1);
    if (last && s.after <= last.until) {
      if (s.until > last.until) last.until = s.until;
    } else merged.push({ ...s });
  }
  return merged;
}

export function computeCaseDeadlines(cal: WorkingCalendar, input: CaseDeadlineInput): CaseDeadlines {
  const { stageStart, rule, extensionDays, today } = input;
  const answeredOn = input.answeredOn ?? null;
  assertCalendarDate(stageStart, 'stage start');
  assertCalendarDate(today, 'today');
  if (answeredOn !== null) assertCalendarDate(answeredOn, 'answered on');
  assertDayCount(rule.acknowledgeDays, 'acknowledge days');
  assertDayCount(rule.respondDays, 'respond days');
  assertDayCount(extensionDays, 'extension days');

  const clockEnd = answeredOn ?? today;
  const spans = pausedSpans(input.pauses, stageStart, clockEnd);
  const pausedWorkingDays = spans.reduce((sum, s) => sum + workingDaysBetween(cal, s.after, s.until), 0);
  const isPaused = (day: string): boolean => spans.some((s) => s.after < day && day <= s.until);

  // Acknowledgement counts only unpaused working days, so a hold that starts after it is due does not move it.
  let acknowledgeDue = addWorkingDays(cal, stageStart, 0);
  if (rule.acknowledgeDays > 0) {
    acknowledgeDue = stageStart;
    for (let left = rule.acknowledgeDays; left > 0; ) {
      acknowledgeDue = nextDay(acknowledgeDue);
      if (cal.isWorkingDay(acknowledgeDue) && !isPaused(acknowledgeDue)) left--;
    }
  }
  const responseDue = addWorkingDays(cal, stageStart, rule.respondDays + extensionDays + pausedWorkingDays);

  const grossWorkingDays = workingDaysBetween(cal, stageStart, clockEnd);
  const netWorkingDays = Math.max(0, grossWorkingDays - pausedWorkingDays);
  const workingDaysLeft =
    today <= responseDue ? workingDaysBetween(cal, today, responseDue) : -workingDaysBetween(cal, responseDue, today);
  const overdue = answeredOn === null && today > responseDue;
  return { acknowledgeDue, responseDue, pausedWorkingDays, grossWorkingDays, netWorkingDays, workingDaysLeft, overdue };
}

// Every extension is logged with its reason, and the cap keeps the promise to the person credible.
export function checkExtension(current: number, requested: number, reason: string): ExtensionCheck {
  if (!Number.isInteger(current) || current < 0 || !Number.isInteger(requested) || requested <= 0)
    return { ok: false, code: 'extension_invalid' };
  if (typeof reason !== 'string' || reason.trim().length < 3) return { ok: false, code: 'extension_reason_required' };
  if (current + requested > MAX_EXTENSION_WORKING_DAYS) return { ok: false, code: 'extension_cap_exceeded' };
  return { ok: true };
}

const STAGES = ['stage1', 'stage2'] as const;
const FIELDS = ['acknowledgeDays', 'respondDays'] as const;

/** Problems with rules an administrator entered; empty when they can be saved. */
export function validateDeadlineRules(rules: unknown): string[] {
  const problems: string[] = [];
  const byKind = (typeof rules === 'object' && rules !== null ? rules : {}) as Record<string, unknown>;
  for (const kind of CASE_KINDS) {
    const stages = byKind[kind];
    if (typeof stages !== 'object' || stages === null) {
      problems.push(`${kind}: rules are missing`);
      continue;
    }
    for (const stage of STAGES) {
      const rule = (stages as Record<string, unknown>)[stage];
      const path = `${kind}.${stage}`;
      if (typeof rule !== 'object' || rule === null) {
        problems.push(`${path}: rule is missing`);
        continue;
      }
      const values = rule as Record<string, unknown>;
      let sound = true;
      for (const field of FIELDS) {
        const v = values[field];
        if (typeof v !== 'number' || !Number.isInteger(v)) problems.push(`${path}.${field}: must be a whole number`);
        else if (v < 0) problems.push(`${path}.${field}: must not be negative`);
        else if (v > MAX_RULE_WORKING_DAYS) problems.push(`${path}.${field}: must be at most ${MAX_RULE_WORKING_DAYS}`);
        else continue;
        sound = false;
      }
      if (sound && (values.respondDays as number) < (values.acknowledgeDays as number))
        problems.push(`${path}: respondDays must not be less than acknowledgeDays`);
    }
  }
  return problems;
}
