// Shapes the API returns; the renderer imports these as types only.
import type {
  CaseChannel,
  CaseKind,
  CaseOrigin,
  CaseOutcome,
  CaseStatus,
  Language,
  Priority,
  ReplyChannel,
  Role,
} from '../domain/model.ts';
import type { CaseStep } from '../domain/workflow.ts';
import type { DeadlineRules } from '../domain/deadlines.ts';
import type { TemplateLanguage } from '../domain/templates.ts';
import type { ImprovementStatus, LinkRelation } from '../domain/improvements.ts';

export type ErrorCode =
  | 'invalid_input'
  | 'unknown_channel'
  | 'forbidden_sender'
  | 'not_authenticated'
  | 'forbidden'
  | 'not_found'
  | 'demo_needs_empty_office'
  | 'conflict'
  | 'busy'
  | 'invalid_credentials'
  | 'too_many_attempts'
  | 'password_too_weak'
  | 'invalid_transition'
  | 'outcome_required'
  | 'outcome_invalid'
  | 'escalation_not_allowed'
  | 'stage2_same_handler'
  | 'stage2_handler_required'
  | 'stage2_handler_invalid'
  | 'submitter_anonymous'
  | 'reason_required'
  | 'merge_target_invalid'
  | 'extension_reason_required'
  | 'extension_invalid'
  | 'extension_cap_exceeded'
  | 'consent_text_required'
  | 'department_required'
  | 'unknown_region'
  | 'invalid_deadline_rules'
  | 'last_admin'
  | 'password_change_required'
  | 'template_placeholder_unknown'
  | 'attachment_too_large'
  | 'attachment_unavailable'
  | 'done_date_required'
  | 'done_date_in_future'
  | 'done_note_required'
  | 'not_an_idea'
  | 'draw_no_entries'
  | 'draw_already_drawn'
  | 'draw_repeat_reason_required'
  | 'draw_confirmation_required'
  | 'draw_seed_invalid'
  | 'draw_seed_not_well_formed'
  | 'draw_seed_too_long'
  | 'not_a_winner'
  | 'already_notified'
  | 'print_unavailable'
  | 'statement_required'
  | 'reply_has_gaps'
  | 'request_id_reused'
  | 'tally_empty'
  | 'tally_date_in_future'
  | 'invalid_quarter'
  | 'internal';

export interface ApiError {
  code: ErrorCode;
  details?: Record<string, unknown>;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** The signed-in user as the services know them (SessionUser without what the API adds). */
export type SessionCore = Omit<SessionUser, 'allowed' | 'allowedJobs'>;

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  departmentIds: number[];
  language: Language;
  mustChangePassword: boolean;
  /** The API channels this user's role may call, from the one permission table; the UI shows only what these allow. */
  allowed: string[];
  /** The background jobs this user's role may start (startJob checks the same table). */
  allowedJobs: import('../vocabulary/jobs.ts').JobKind[];
}

export interface AppInfo {
  name: string;
  version: string;
  /** The largest attachment main accepts, so the renderer can refuse a bigger file before reading it. */
  maxAttachmentBytes: number;
  /** The most cases one bulk change may name, so the inbox can say so before sending. */
  maxBulkCases: number;
}

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

export interface Department {
  id: number;
  name: string;
  active: boolean;
}

export interface Category {
  id: number;
  name: string;
  active: boolean;
}

export interface UserRecord {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  departmentIds: number[];
  language: Language;
  active: boolean;
}

export interface OfficeSettings {
  holidayRegion: string;
  closedDays: string[];
  deadlineRules: DeadlineRules;
}

export interface HolidayRegionOption {
  code: string;
  name: string;
}

export interface ReplyTemplate {
  id: number;
  kind: CaseKind;
  language: TemplateLanguage;
  name: string;
  subject: string;
  body: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A template filled from one case, for the reply editor; nothing is recorded until recordReply. */
export interface RenderedReply {
  templateId: number;
  language: TemplateLanguage;
  subject: string;
  body: string;
}

/** The data of a timeline event of type 'reply'. */
export interface ReplyEventData {
  channel: ReplyChannel;
  subject: string;
  body: string;
  templateId: number | null;
}

export interface AttachmentInfo {
  id: number;
  caseId: number;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  addedAt: string;
  addedById: number | null;
  addedByName: string | null;
}

export interface AttachmentContent {
  id: number;
  caseId: number;
  fileName: string;
  /** As the uploader's system named it: untrusted, never a reason to render the bytes inline. */
  mediaType: string;
  size: number;
  dataBase64: string;
}

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

/** An improvement as seen from a case linked to it. */
export interface CaseImprovementLink {
  improvementId: number;
  title: string;
  status: ImprovementStatus;
  doneOn: string | null;
  relation: LinkRelation;
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

/** A generated file for the renderer to save: never opened inside Ombudsdesk. */
export interface ExportFile {
  fileName: string;
  mediaType: string;
  dataBase64: string;
}

export type DrawPool = 'external' | 'internal';

export interface Prize {
  count: number;
  description: string;
}

export interface DrawEntry {
  caseId: number;
  reference: string;
  subject: string;
  name: string | null;
}

export interface DrawExclusion {
  caseId: number;
  reference: string;
  reason: 'withdrawn' | 'merged' | 'no_contact' | 'no_consent';
}

export interface DrawSummary {
  id: number;
  year: number;
  pool: DrawPool;
  status: 'prepared' | 'drawn';
  fingerprint: string;
  entryCount: number;
  preparedAt: string;
  drawnAt: string | null;
  repeatOf: number | null;
  repeatReason: string | null;
  /** A later draw for the same year and pool that repeated this one. */
  repeatedBy: number | null;
}

export interface DrawEligibility {
  year: number;
  pool: DrawPool;
  entries: DrawEntry[];
  exclusions: DrawExclusion[];
  /** Of the entries as they are now; a prepared draw keeps its own frozen one. */
  fingerprint: string | null;
  draws: DrawSummary[];
}

export interface DrawWinner {
  place: number;
  rank: number;
  reference: string;
  prize: string | null;
  notified: boolean;
  name: string | null;
  /** The letter to send, when the person left contact data. */
  letter: { language: TemplateLanguage; channel: 'email' | 'letter'; address: string; subject: string; body: string } | null;
}

export interface DrawDetail extends DrawSummary {
  prizes: Prize[];
  entries: DrawEntry[];
  exclusions: DrawExclusion[];
  /** The exact text the fingerprint is the SHA-256 of. */
  canonicalText: string;
  seed: string | null;
  algorithm: string | null;
  algorithmVersion: number | null;
  ranking: string[] | null;
  witnesses: string[];
  drawnByName: string | null;
  winners: DrawWinner[];
  reserves: string[];
  dropped: { reference: string; type: 'declined' | 'unreachable'; place: number }[];
  log: { id: number; at: string; type: 'notified' | 'declined' | 'unreachable'; reference: string; note: string; actorName: string | null }[];
}

/** A figure of a start screen, and the inbox filter that lists exactly the cases it counts. */
export interface StartFigure {
  count: number;
  filter: CaseListFilter;
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
  text?: string | undefined;
  reference?: string | undefined;
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

/** A background job run as a window sees it (main/jobs). */
export interface JobRecord {
  id: number;
  kind: import('../vocabulary/jobs.ts').JobKind;
  status: import('../vocabulary/jobs.ts').JobStatus;
  startedAt: string;
  finishedAt: string | null;
  done: number;
  total: number | null;
  phase: string | null;
  counts: Record<string, number>;
  error: ApiError | null;
  /** The file the job produced (an export), fetched with jobResult. */
  resultName: string | null;
}

/** One quarter of the satisfaction barometer (main/domain/barometer.ts has the formulas). */
export interface BarometerQuarter {
  /** 'YYYY-Qn' of the office's calendar. */
  quarter: string;
  counts: Record<import('../vocabulary/barometer.ts').BarometerRating, number>;
  /** 0-1 per rating, null without votes. */
  shares: Record<import('../vocabulary/barometer.ts').BarometerRating, number | null>;
  n: number;
  /** 0-100 (good 100, okay 50, could be better 0), null without votes. */
  index: number | null;
  /** The 95 % margin of error of the index (1.96 s / sqrt n), null below 2 votes. */
  margin: number | null;
  /** n reaches the minimum; unreliable quarters are shown, marked. */
  reliable: boolean;
}

export interface BarometerReport {
  from: string;
  to: string;
  minN: number;
  /** The departments counted (null: all votes, those without a department included). */
  departmentIds: number[] | null;
  quarters: BarometerQuarter[];
}

export interface BarometerSettings {
  /** Presses on one kiosk closer than this to the previous counted press count once. */
  kioskIntervalSeconds: number;
  /** Quarters with fewer votes are marked as not reliable. */
  minN: number;
}

/** This computer's kiosk set-up, kept in its data folder (not in the office's database: it is about this machine). */
export interface KioskConfig {
  startInKiosk: boolean;
  /** Where the kiosk stands ("Foyer Rathaus"), stored with each vote. */
  place: string;
  /** Names this computer's kiosk for the double-press rule. */
  kioskId: string;
}

export interface KioskVoteResult {
  /** false: a second press within the interval, counted as one with the previous. */
  counted: boolean;
  current: BarometerQuarter;
}

export interface PaperTallyResult {
  ids: number[];
  total: number;
}
