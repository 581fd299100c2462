// Accessibility figures (pure): how quickly and how reliably the office answers, per quarter, channel and department,
// and how reachable it is by phone. The service loads one row per case and the call log; everything else is here.
//
// Definitions (documented once, used by the figures, the dashboard and the reports):
// - First response: the earliest timeline event that is a reply sent to the person (type 'reply': an acknowledgement or
//   any other letter, mail or call recorded with recordReply) or the answer itself (type 'status_changed' with action
//   'answer'). Its date is the office's local calendar date of the event. It is what cases.first_response_at records.
// - Working days to first response / to decision: working days d with received_on < d <= that date in the office's
//   calendar (weekends, statutory holidays of its region and its own closed days do not count), so a reply on the day
//   of receipt is 0 and on the next working day 1. Decision = answered_on (the last answer, at the case's current stage).
// - Within 1 / within 2 working days: share of the counted cases whose first response took at most 1 / 2 working days.
//   Counted: every case received in the group except withdrawn and merged ones; a case without a response counts as
//   not within. Medians only over cases that have the response / the decision (the mean of the middle two when even).
// - Deadlines met, per stage (the case's current stage, with the due dates as stored: extensions and holds included):
//   acknowledgement met when the first response at that stage came on or before ack_due; response met when answered_on
//   is on or before response_due. A case counts for a deadline once it is due (the due date is before today) or done.
// - Phone: share of logged calls in which the caller reached someone, and share of all logged calls answered directly.
import { workingDaysBetween } from './deadlines.ts';
import type { WorkingCalendar } from './calendar.ts';
import { quarterOfDate } from './barometer.ts';
import { PEER_INDICATORS, type PeerIndicator } from '../vocabulary/accessibility.ts';

export interface AccessCase {
  receivedOn: string;
  channel: string;
  departmentId: number | null;
  stage: 1 | 2;
  ackDue: string;
  responseDue: string;
  /** Local date of the first response event (see above), null when none. */
  firstResponseOn: string | null;
  /** Local date of the first response event at the current stage (stage 1: the same as firstResponseOn). */
  stageFirstResponseOn: string | null;
  answeredOn: string | null;
}

export interface DeadlineShare {
  met: number;
  counted: number;
  share: number | null;
}

export interface AccessFigures {
  /** Cases counted (received in the group, not withdrawn or merged). */
  n: number;
  within1: number;
  within2: number;
  within1Share: number | null;
  within2Share: number | null;
  responded: number;
  medianDaysFirstResponse: number | null;
  decided: number;
  medianDaysDecision: number | null;
  acknowledgement: { stage1: DeadlineShare; stage2: DeadlineShare };
  response: { stage1: DeadlineShare; stage2: DeadlineShare };
}

export type AccessDimension = 'all' | 'channel' | 'department';

export interface AccessRow extends AccessFigures {
  quarter: string;
  dimension: AccessDimension;
  /** The channel, the department id as text, 'none' for no department; null for 'all'. */
  key: string | null;
}

export interface CallRecord {
  calledOn: string;
  reached: boolean;
  answeredDirectly: boolean | null;
}

export interface PhoneFigures {
  quarter: string;
  calls: number;
  reached: number;
  answeredDirectly: number;
  reachedShare: number | null;
  answeredDirectlyShare: number | null;
}

/** Whether a timeline event is a response to the person: a reply, or the answer transition. */
export function isResponseEvent(type: string, action: string | null | undefined): boolean {
  return type === 'reply' || (type === 'status_changed' && action === 'answer');
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
const deadline = (met: number, counted: number): DeadlineShare => ({ met, counted, share: share(met, counted) });

/** The figures over one group of cases, as of `today`. */
export function accessFigures(cal: WorkingCalendar, cases: readonly AccessCase[], today: string): AccessFigures {
  let within1 = 0;
  let within2 = 0;
  const toFirst: number[] = [];
  const toDecision: number[] = [];
  const ack = { 1: [0, 0], 2: [0, 0] } as Record<1 | 2, [number, number]>;
  const resp = { 1: [0, 0], 2: [0, 0] } as Record<1 | 2, [number, number]>;
  for (const c of cases) {
    if (c.firstResponseOn !== null) {
      const days = workingDaysBetween(cal, c.receivedOn, c.firstResponseOn);
      toFirst.push(days);
      if (days <= 1) within1++;
      if (days <= 2) within2++;
    }
    if (c.answeredOn !== null) toDecision.push(workingDaysBetween(cal, c.receivedOn, c.answeredOn));
    const a = ack[c.stage];
    if (c.stageFirstResponseOn !== null || c.ackDue < today) {
      a[1]++;
      if (c.stageFirstResponseOn !== null && c.stageFirstResponseOn <= c.ackDue) a[0]++;
    }
    const r = resp[c.stage];
    if (c.answeredOn !== null || c.responseDue < today) {
      r[1]++;
      if (c.answeredOn !== null && c.answeredOn <= c.responseDue) r[0]++;
    }
  }
  const n = cases.length;
  return {
    n,
    within1,
    within2,
    within1Share: share(within1, n),
    within2Share: share(within2, n),
    responded: toFirst.length,
    medianDaysFirstResponse: median(toFirst),
    decided: toDecision.length,
    medianDaysDecision: median(toDecision),
    acknowledgement: { stage1: deadline(...ack[1]), stage2: deadline(...ack[2]) },
    response: { stage1: deadline(...resp[1]), stage2: deadline(...resp[2]) },
  };
}

/** Rows per quarter of receipt: the whole quarter, then per channel, then per department (sorted by key). */
export function accessRows(cal: WorkingCalendar, cases: readonly AccessCase[], today: string, quarters: readonly string[]): AccessRow[] {
  const groups = new Map<string, AccessCase[]>();
  const add = (key: string, c: AccessCase) => {
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  };
  for (const c of cases) {
    const q = quarterOfDate(c.receivedOn);
    add(`${q}|all|`, c);
    add(`${q}|channel|${c.channel}`, c);
    add(`${q}|department|${c.departmentId ?? 'none'}`, c);
  }
  const rows: AccessRow[] = [];
  const order: AccessDimension[] = ['all', 'channel', 'department'];
  for (const quarter of quarters) {
    for (const dimension of order) {
      const keys = [...groups.keys()].filter((k) => k.startsWith(`${quarter}|${dimension}|`)).sort();
      if (dimension === 'all' && keys.length === 0) keys.push(`${quarter}|all|`);
      for (const k of keys) {
        const key = k.slice(quarter.length + dimension.length + 2);
        rows.push({ quarter, dimension, key: dimension === 'all' ? null : key, ...accessFigures(cal, groups.get(k) ?? [], today) });
      }
    }
  }
  return rows;
}

/** Phone reachability per quarter of the call. */
export function phoneFigures(calls: readonly CallRecord[], quarters: readonly string[]): PhoneFigures[] {
  return quarters.map((quarter) => {
    const inQuarter = calls.filter((c) => quarterOfDate(c.calledOn) === quarter);
    const reached = inQuarter.filter((c) => c.reached).length;
    const direct = inQuarter.filter((c) => c.reached && c.answeredDirectly === true).length;
    return {
      quarter,
      calls: inQuarter.length,
      reached,
      answeredDirectly: direct,
      reachedShare: share(reached, inQuarter.length),
      answeredDirectlyShare: share(direct, inQuarter.length),
    };
  });
}

/** Our value of each indicator as a peer file states it (percent 0-100, or working days), null where there is no data. */
export function indicatorValues(figures: AccessFigures, phone: Omit<PhoneFigures, 'quarter'>): Record<PeerIndicator, number | null> {
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  const both = (a: DeadlineShare, b: DeadlineShare) => share(a.met + b.met, a.counted + b.counted);
  const values: Record<PeerIndicator, number | null> = {
    response_within_1_day: pct(figures.within1Share),
    response_within_2_days: pct(figures.within2Share),
    median_days_first_response: figures.medianDaysFirstResponse,
    median_days_decision: figures.medianDaysDecision,
    acknowledgement_met: pct(both(figures.acknowledgement.stage1, figures.acknowledgement.stage2)),
    response_met: pct(both(figures.response.stage1, figures.response.stage2)),
    phone_reached: pct(phone.reachedShare),
    phone_answered_directly: pct(phone.answeredDirectlyShare),
  };
  for (const k of PEER_INDICATORS) values[k] ??= null;
  return values;
}

export interface PeerRow {
  indicator: PeerIndicator;
  year: number;
  value: number;
  peer: string;
}

export interface PeerRowError {
  /** The line of the file (the header is line 1). */
  line: number;
  field: 'indicator' | 'year' | 'value' | 'peer' | 'row';
  code: 'unknown_indicator' | 'invalid_year' | 'invalid_value' | 'out_of_range' | 'required' | 'too_long' | 'duplicate' | 'columns';
}

export const PEER_COLUMNS = ['indicator', 'year', 'value', 'peer'] as const;

/** Checks the parsed records of a peer file (objects by lower-cased header); every problem is reported with its line. */
export function validatePeerRows(records: readonly Record<string, string | undefined>[], percent: ReadonlySet<string>): { rows: PeerRow[]; errors: PeerRowError[] } {
  const rows: PeerRow[] = [];
  const errors: PeerRowError[] = [];
  const seen = new Set<string>();
  records.forEach((record, index) => {
    const line = index + 2;
    const before = errors.length;
    const indicator = (record.indicator ?? '').trim();
    const yearText = (record.year ?? '').trim();
    const valueText = (record.value ?? '').trim().replace(',', '.');
    const peer = (record.peer ?? '').trim();
    if (!indicator) errors.push({ line, field: 'indicator', code: 'required' });
    else if (!(PEER_INDICATORS as readonly string[]).includes(indicator)) errors.push({ line, field: 'indicator', code: 'unknown_indicator' });
    const year = Number(yearText);
    if (!/^\d{4}$/.test(yearText) || year < 2000 || year > 2100) errors.push({ line, field: 'year', code: yearText ? 'invalid_year' : 'required' });
    const value = Number(valueText);
    if (!valueText) errors.push({ line, field: 'value', code: 'required' });
    else if (!/^-?\d+(\.\d+)?$/.test(valueText) || !Number.isFinite(value)) errors.push({ line, field: 'value', code: 'invalid_value' });
    else if (value < 0 || (percent.has(indicator) && value > 100)) errors.push({ line, field: 'value', code: 'out_of_range' });
    if (!peer) errors.push({ line, field: 'peer', code: 'required' });
    else if (peer.length > 200) errors.push({ line, field: 'peer', code: 'too_long' });
    if (errors.length > before) return;
    const key = `${indicator}|${year}|${peer.toLocaleLowerCase('de')}`;
    if (seen.has(key)) {
      errors.push({ line, field: 'row', code: 'duplicate' });
      return;
    }
    seen.add(key);
    rows.push({ indicator: indicator as PeerIndicator, year, value, peer });
  });
  return { rows, errors };
}
