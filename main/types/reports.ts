// What the reports area returns: the quarterly and yearly report's figures. Built by main/services/reports.ts.
import type { BarometerReport } from './barometer.ts';
import type { DrawPool } from './draws.ts';

/** A count with its share of the whole (0-1; null when the whole is 0). */
export interface ReportCount {
  key: string;
  count: number;
  share: number | null;
}

/** Deadlines of the period's cases: met, missed (late or overdue now) and pending (not yet due, not yet done). */
export interface DeadlineFigures {
  met: number;
  missed: number;
  pending: number;
  /** met / (met + missed); null when none is decided yet. */
  share: number | null;
}

export interface StageDeadlines {
  stage: 1 | 2;
  acknowledgement: DeadlineFigures;
  response: DeadlineFigures;
}

export interface ReportImprovement {
  id: number;
  title: string;
  departmentName: string;
  doneOn: string;
  /** "We did": the sign-off note. */
  doneNote: string;
  /** "You said": the subject of the first linked case the reader may see (null when none). */
  youSaid: string | null;
}

export interface ReportDraw {
  id: number;
  year: number;
  pool: DrawPool;
  drawnAt: string | null;
  fingerprint: string;
  entryCount: number;
  /** Names as the draw screen shows them (null: no name left); the reference when there is no name. */
  winners: { place: number; reference: string; name: string | null; prize: string | null }[];
}

export interface ReportData {
  period: { kind: 'quarter' | 'year'; key: string; from: string; to: string };
  /** The department chosen (null: all the reader may see). */
  departmentId: number | null;
  departmentName: string | null;
  total: number;
  byKind: ReportCount[];
  byChannel: ReportCount[];
  byOrigin: ReportCount[];
  /** key: the department's name ('' for cases without a department). */
  byDepartment: ReportCount[];
  outcomes: ReportCount[];
  deadlines: StageDeadlines[];
  improvementsDone: number;
  improvements: ReportImprovement[];
  barometer: BarometerReport;
  /** Only for readers of the draw (executive, ombudsman, deputy) and when no department is chosen. */
  draws: ReportDraw[] | null;
}
