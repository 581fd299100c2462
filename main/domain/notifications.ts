// Who is told what, as pure rules: which workflow events notify whom, which deadlines remind whom, and what counts as
// near due. The services turn these into rows (services/notifications.ts) and figures (services/start-screens.ts).
import { shiftDate, type WorkingCalendar } from './calendar.ts';
import { addWorkingDays, workingDaysBetween } from './deadlines.ts';
import type { CaseStatus, Role } from './model.ts';
import type { CaseAction } from './workflow.ts';

export const NOTIFICATION_TYPES = ['statement_returned', 'case_forwarded', 'deadline_reached', 'statement_due_soon'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

import { isOfficeRole, OFFICE_ROLES } from '../vocabulary/people.ts';
import { CLOCK_STATUSES } from '../vocabulary/cases.ts';

export { isOfficeRole, OFFICE_ROLES };

/** A statement request is near due with at most this many working days left (overdue ones are near due too). */
export const NEAR_DUE_WORKING_DAYS = 2;

/**
 * Deadline notifications are made when someone reads their start screen or notifications, not by a timer; a deadline
 * reached while nobody looked is still told, as long as it was reached within this many calendar days. Older overdue
 * cases are in the start screen's overdue figure.
 */
export const DEADLINE_LOOKBACK_DAYS = 14;

/** "Since I last looked", before someone has ever looked: the last week. */
export const FIRST_LOOK_DAYS = 7;

/** The deadline clock runs (and so can be reached) only while the office owes an answer. */
export const RUNNING_STATUSES: readonly CaseStatus[] = CLOCK_STATUSES;

/** Working days left until a due date: 0 on the day, negative once passed (the same count the inbox shows). */
export function workingDaysLeft(cal: WorkingCalendar, today: string, due: string): number {
  return today <= due ? workingDaysBetween(cal, today, due) : -workingDaysBetween(cal, due, today);
}

/** The first due date that is no longer near due: every due date before it has <= NEAR_DUE_WORKING_DAYS left. */
export function nearDueBefore(cal: WorkingCalendar, today: string, days = NEAR_DUE_WORKING_DAYS): string {
  return addWorkingDays(cal, today, days + 1);
}

export function isNearDue(cal: WorkingCalendar, today: string, due: string, days = NEAR_DUE_WORKING_DAYS): boolean {
  return workingDaysLeft(cal, today, due) <= days;
}

/** When a look-back starts: the marker if there is one, else FIRST_LOOK_DAYS before now. */
export function lookedSince(marker: string | null, now: Date): string {
  return marker ?? new Date(now.getTime() - FIRST_LOOK_DAYS * 86_400_000).toISOString();
}

export interface TransitionFacts {
  action: CaseAction;
  actorId: number | null;
  /** The case's handler, if they are an active user. */
  handlerId: number | null;
  /** Active users of the office roles. */
  officeUserIds: readonly number[];
  /** Active heads of the department the case is forwarded to. */
  departmentHeadIds: readonly number[];
}

export interface Recipients {
  type: NotificationType;
  userIds: number[];
}

/**
 * A case forwarded to a department tells that department's heads; a statement returned tells the case's handler, or
 * the whole office when it has none. Nobody is told about what they did themselves.
 */
export function transitionRecipients(facts: TransitionFacts): Recipients | null {
  const others = (ids: readonly number[]) => [...new Set(ids)].filter((id) => id !== facts.actorId).sort((a, b) => a - b);
  switch (facts.action) {
    case 'forward':
      return { type: 'case_forwarded', userIds: others(facts.departmentHeadIds) };
    case 'return_from_department':
      return { type: 'statement_returned', userIds: others(facts.handlerId !== null ? [facts.handlerId] : facts.officeUserIds) };
    default:
      return null;
  }
}

/** Which reached deadlines someone is reminded of, as a rule over cases: the service runs it as one INSERT ... SELECT. */
export type DeadlineRule =
  | {
      /** The office: running cases due today or passed, handled by this user or by nobody. */
      type: 'deadline_reached';
      statuses: readonly CaseStatus[];
      dueFrom: string;
      /** Inclusive: today. */
      dueThrough: string;
      handler: 'self_or_none';
    }
  | {
      /** A department head: statement requests of their departments with <= NEAR_DUE_WORKING_DAYS left. */
      type: 'statement_due_soon';
      statuses: readonly CaseStatus[];
      dueFrom: string;
      /** Exclusive: nearDueBefore(today). */
      dueBefore: string;
      handler: 'any';
    };

export function deadlineRule(role: Role, cal: WorkingCalendar, today: string): DeadlineRule | null {
  const dueFrom = shiftDate(today, -DEADLINE_LOOKBACK_DAYS);
  if (isOfficeRole(role)) return { type: 'deadline_reached', statuses: RUNNING_STATUSES, dueFrom, dueThrough: today, handler: 'self_or_none' };
  if (role === 'department_head') return { type: 'statement_due_soon', statuses: ['forwarded'], dueFrom, dueBefore: nearDueBefore(cal, today), handler: 'any' };
  return null;
}

/** The key that makes a notification the same one: an event happens once; a deadline is told once per due date. */
export function dedupeKey(type: NotificationType, caseId: number, at: string): string {
  return `${type}:${caseId}:${at}`;
}
