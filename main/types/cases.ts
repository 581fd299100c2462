// What the cases area returns: inbox rows, a case in full, counts, search hits, bulk results, the inbox filter. Services build these; the API returns them and the renderer imports them as types
// (through main/api/types.ts).
import type { ImprovementStatus, LinkRelation } from '../domain/improvements.ts';
import type { CaseChannel, CaseKind, CaseOrigin, CaseOutcome, CaseStatus, Language, Priority } from '../domain/model.ts';
import type { CaseStep } from '../domain/workflow.ts';
import type { ErrorCode } from '../services/errors.ts';
import type { AttachmentInfo } from './attachments.ts';

export interface CaseDeadlineView {
  acknowledgeDue: string;
  responseDue: string;
  workingDaysLeft: number;
  overdue: boolean;
  grossWorkingDays: number;
  netWorkingDays: number;
  pausedWorkingDays: number;
  extensionDays: number;
}

export interface CaseSummary {
  id: number;
  reference: string;
  receivedAt: string;
  kind: CaseKind;
  channel: CaseChannel;
  origin: CaseOrigin;
  subject: string;
  submitterName: string | null;
  anonymous: boolean;
  departmentId: number | null;
  departmentName: string | null;
  status: CaseStatus;
  stage: 1 | 2;
  priority: Priority;
  handlerId: number | null;
  handlerName: string | null;
  responseDue: string;
  workingDaysLeft: number;
  overdue: boolean;
}

export interface CaseListResult {
  rows: CaseSummary[];
  total: number;
}

export interface Submitter {
  anonymous: boolean;
  name: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  organisation: string | null;
  language: Language | null;
  consentGivenAt: string | null;
  consentText: string | null;
}

export interface TimelineEvent {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  type: string;
  data: Record<string, unknown>;
}

export interface CaseDetail extends CaseSummary {
  description: string;
  submitter: Submitter;
  categoryId: number | null;
  categoryName: string | null;
  outcome: CaseOutcome | null;
  duplicateOfId: number | null;
  duplicateOfReference: string | null;
  stage1HandlerId: number | null;
  createdAt: string;
  updatedAt: string;
  firstResponseAt: string | null;
  deadlines: CaseDeadlineView;
  /** The steps this user may take on this case now (workflow actions, 'extend', 'note'): the case view offers exactly these. */
  availableActions: CaseStep[];
  timeline: TimelineEvent[];
  attachments: AttachmentInfo[];
  improvements: CaseImprovementLink[];
}

export interface CaseCount {
  status: CaseStatus;
  kind: CaseKind;
  count: number;
}

/** Another case of the same person, found by e-mail address or phone number. */
export interface PersonCase {
  id: number;
  reference: string;
  receivedAt: string;
  kind: CaseKind;
  subject: string;
  status: CaseStatus;
  matchedBy: 'email' | 'phone';
}

/** What a bulk action did: the cases changed, those already as asked (no event), and each refused one with its error code. */
export interface BulkResult {
  done: number[];
  unchanged: number[];
  failed: { caseId: number; code: ErrorCode; details?: Record<string, unknown> }[];
}

export interface SearchHit {
  id: number;
  reference: string;
  subject: string;
  status: CaseStatus;
  kind: CaseKind;
  snippet: string;
  /**
   * How the query found the case: its reference ("2026-00918", or the number part "00918"/"918" in any year), its
   * contact data (phone digits in any format, e-mail address or its local part), its text (German spellings folded
   * both ways), or its text with one typo per word (only when nothing else matched). Reference hits come first; when
   * exactly one hit has 'reference', the query names that case (open it directly).
   */
  matchedBy: 'reference' | 'contact' | 'text' | 'fuzzy';
}

/** An improvement as seen from a case linked to it. */
export interface CaseImprovementLink {
  improvementId: number;
  title: string;
  status: ImprovementStatus;
  doneOn: string | null;
  relation: LinkRelation;
}

/** The inbox filter as listCases takes it. */
/** What the inbox filters by (listCases, and the start screens' figures that open it). */
export interface CaseListFilter {
  statuses?: CaseStatus[] | undefined;
  kinds?: CaseKind[] | undefined;
  channels?: CaseChannel[] | undefined;
  origins?: CaseOrigin[] | undefined;
  departmentIds?: number[] | undefined;
  handlerId?: number | undefined;
  overdue?: boolean | undefined;
  dueBefore?: string | undefined;
  /** Running cases due on exactly this date (the start screen's "due today"). */
  dueOn?: string | undefined;
  /** Cases whose statement a department returned after this moment (ISO time; the start screen's "returned"). */
  returnedSince?: string | undefined;
  /** Received on or after / on or before these dates (the dashboard's weeks and months). */
  receivedFrom?: string | undefined;
  receivedTo?: string | undefined;
  text?: string | undefined;
  reference?: string | undefined;
}
