// What the improvements area returns, "you said, we did" included. Services build these; the API returns them and the renderer imports them as types
// (through main/api/types.ts).
import type { ImprovementStatus, LinkRelation } from '../domain/improvements.ts';
import type { CaseKind, CaseOrigin, CaseStatus } from '../domain/model.ts';
import type { TemplateLanguage } from '../domain/templates.ts';
import type { TimelineEvent } from './cases.ts';

/** An improvement as a list row. */
export interface ImprovementSummary {
  id: number;
  title: string;
  departmentId: number;
  departmentName: string;
  responsibleId: number | null;
  responsibleName: string | null;
  status: ImprovementStatus;
  targetDate: string | null;
  doneOn: string | null;
  /** Target date passed and neither done nor declined. */
  overdue: boolean;
  caseCount: number;
  updatedAt: string;
}

/** A case as seen from an improvement it is linked to. */
export interface LinkedCase {
  caseId: number;
  reference: string;
  kind: CaseKind;
  origin: CaseOrigin;
  subject: string;
  status: CaseStatus;
  relation: LinkRelation;
  submitterName: string | null;
  anonymous: boolean;
}

export interface ImprovementDetail extends ImprovementSummary {
  description: string;
  signedOffById: number | null;
  signedOffByName: string | null;
  signedOffAt: string | null;
  doneNote: string | null;
  createdAt: string;
  nextStatuses: ImprovementStatus[];
  cases: LinkedCase[];
  timeline: TimelineEvent[];
}

/** A ready "you said, we did" letter to one person behind a done improvement. */
export interface ImprovementNotification {
  caseId: number;
  reference: string;
  name: string | null;
  language: TemplateLanguage;
  /** email when the person left an address for it, else a letter to the postal address. */
  channel: 'email' | 'letter';
  address: string;
  subject: string;
  body: string;
}

export interface YouSaidWeDidEntry {
  improvement: ImprovementSummary & { description: string; doneNote: string | null };
  cases: LinkedCase[];
  notifications: ImprovementNotification[];
}
