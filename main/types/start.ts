// What the start screens return (office, department head, executive) and the notifications. Services build these; the API returns them and the renderer imports them as types
// (through main/api/types.ts).
import type { CaseKind } from '../domain/model.ts';
import type { CaseListFilter, CaseSummary } from './cases.ts';
import type { DrawPool } from './draws.ts';
import type { ImprovementSummary } from './improvements.ts';

/** A figure of a start screen, and the inbox filter that lists exactly the cases it counts. */
export interface StartFigure {
  count: number;
  filter: CaseListFilter;
}

/** The office's "what must I do today", as of `today` (the office's calendar date). */
export interface OfficeToday {
  today: string;
  /** Statements returned since this moment count as "returned since I last looked". */
  returnedSince: string;
  dueToday: StartFigure;
  overdue: StartFigure;
  returned: StartFigure;
  arrivals: StartFigure;
  mine: StartFigure;
}

export interface ExecutiveOverview {
  year: number;
  /** Cases received per kind and quarter (by received date; merged duplicates not counted), this year and last. */
  volumes: { year: number; quarter: 1 | 2 | 3 | 4; kind: CaseKind; count: number }[];
  /** Cases the office still owes an answer, and how many of them are past their due date. */
  running: number;
  overdue: number;
  /** overdue / running, null when nothing is running. */
  overdueShare: number | null;
  improvementsDoneThisYear: number;
  improvementsInProgress: number;
  /** The latest draw of each pool for this year and last (status 'none' when there is none yet). */
  draws: { year: number; pool: DrawPool; status: 'none' | 'prepared' | 'drawn'; entryCount: number | null; drawnAt: string | null }[];
}

/** One bar or point of the dashboard: what it counts and the inbox filter listing exactly those cases. */
export interface DashboardBar extends StartFigure {
  key: string;
  label?: string | undefined;
}

/** The office's and the executive's dashboard (issue 13, point 5). */
export interface Dashboard {
  today: string;
  year: number;
  open: StartFigure;
  newThisWeek: StartFigure;
  overdue: StartFigure;
  dueThisWeek: StartFigure;
  /** Cases received this year, per kind, channel and department ('none' for no department). */
  byKind: DashboardBar[];
  byChannel: DashboardBar[];
  byDepartment: DashboardBar[];
  /** Cases received per month, the last 12 months up to this one; key 'YYYY-MM'. */
  monthly: DashboardBar[];
  improvementsDoneThisYear: number;
}

/** A department head's start screen: what waits for their statement, and their improvements; overdue first. */
export interface DepartmentHome {
  statementRequests: CaseSummary[];
  improvements: ImprovementSummary[];
  /** When the head last looked at their statement requests (or a week ago); see markStartSeen. */
  newSince: string;
  /** Statement requests forwarded to the head's departments since then. */
  newStatementIds: number[];
  /** Statement requests with at most two working days left, overdue included: the reminders. */
  nearDueIds: number[];
}

export type NotificationType = import('../domain/notifications.ts').NotificationType;

export interface NotificationItem {
  id: number;
  type: NotificationType;
  createdAt: string;
  readAt: string | null;
  caseId: number | null;
  reference: string | null;
  subject: string | null;
  departmentName: string | null;
  /** The due date a deadline notification is about. */
  responseDue: string | null;
}

export interface NotificationList {
  unread: number;
  items: NotificationItem[];
}
