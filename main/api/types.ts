// Shapes the API returns; the renderer imports these as types only.
import type {
  CaseChannel,
  CaseKind,
  CaseOrigin,
  CaseOutcome,
  CaseStatus,
  Language,
  Priority,
  Role,
} from '../domain/model.ts';
import type { CaseAction } from '../domain/workflow.ts';
import type { DeadlineRules } from '../domain/deadlines.ts';

export type ErrorCode =
  | 'invalid_input'
  | 'unknown_channel'
  | 'forbidden_sender'
  | 'not_authenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'invalid_credentials'
  | 'too_many_attempts'
  | 'password_too_weak'
  | 'invalid_transition'
  | 'outcome_required'
  | 'outcome_invalid'
  | 'escalation_not_allowed'
  | 'stage2_same_handler'
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
  | 'internal';

export interface ApiError {
  code: ErrorCode;
  details?: Record<string, unknown>;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  departmentIds: number[];
  language: Language;
  mustChangePassword: boolean;
}

export interface AppInfo {
  name: string;
  version: string;
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
  availableActions: CaseAction[];
  timeline: TimelineEvent[];
}

export interface CaseCount {
  status: CaseStatus;
  kind: CaseKind;
  count: number;
}

export interface SearchHit {
  id: number;
  reference: string;
  subject: string;
  status: CaseStatus;
  kind: CaseKind;
  snippet: string;
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
