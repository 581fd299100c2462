import type { Generated } from 'kysely';
import type { BarometerRating, BarometerSource } from '../vocabulary/barometer.ts';
import type { DrawPool } from '../types/draws.ts';
import type { ImprovementStatus, LinkRelation } from '../domain/improvements.ts';
import type { CaseChannel, CaseKind, CaseOrigin, CaseOutcome, CaseStatus, Language, Priority, Role } from '../domain/model.ts';
import type { NotificationType } from '../domain/notifications.ts';
import type { TemplateLanguage } from '../domain/templates.ts';

// Table shapes for Kysely's typed query builder (kept in step with the migrations by tests/integration/schema.test.ts).
export interface DepartmentsTable {
  id: Generated<number>;
  name: string;
  active: number;
  created_at: string;
}

export interface CategoriesTable {
  id: Generated<number>;
  name: string;
  active: number;
  created_at: string;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  language: Language;
  active: number;
  must_change_password: number;
  created_at: string;
}

export interface UserDepartmentsTable {
  user_id: number;
  department_id: number;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface ReferenceCountersTable {
  year: number;
  last_number: number;
}

/** Cases by status, kind and department (0: none), kept by triggers (migration 0012). */
/** Cases received per day and kind, merged ones left out (migration 0015; kept by triggers on cases). */
export interface CaseVolumesTable {
  received_on: string;
  kind: CaseKind;
  n: number;
}

export interface CaseCountsTable {
  status: CaseStatus;
  kind: CaseKind;
  department_id: number;
  n: number;
}

export interface CasesTable {
  id: Generated<number>;
  reference: string;
  year: number;
  number: number;
  kind: CaseKind;
  channel: CaseChannel;
  origin: CaseOrigin;
  received_at: string;
  received_on: string;
  subject: string;
  description: string;
  submitter_anonymous: number;
  submitter_name: string | null;
  submitter_email: string | null;
  submitter_phone: string | null;
  submitter_address: string | null;
  submitter_organisation: string | null;
  submitter_language: Language | null;
  consent_given_at: string | null;
  consent_text: string | null;
  department_id: number | null;
  category_id: number | null;
  priority: Priority;
  status: CaseStatus;
  resume_status: CaseStatus | null;
  outcome: CaseOutcome | null;
  stage: 1 | 2;
  handler_id: number | null;
  stage1_handler_id: number | null;
  stage_started_on: string;
  extension_days: number;
  ack_due: string;
  response_due: string;
  first_response_at: string | null;
  answered_on: string | null;
  closed_at: string | null;
  duplicate_of: number | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface CasePausesTable {
  id: Generated<number>;
  case_id: number;
  stage: 1 | 2;
  from_date: string;
  to_date: string | null;
}

export interface CaseEventsTable {
  id: Generated<number>;
  case_id: number;
  at: string;
  actor_id: number | null;
  type: string;
  data: string;
}

export interface ReplyTemplatesTable {
  id: Generated<number>;
  kind: CaseKind;
  language: TemplateLanguage;
  name: string;
  subject: string;
  body: string;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface AttachmentsTable {
  id: Generated<number>;
  case_id: number;
  sha256: string;
  file_name: string;
  media_type: string;
  size: number;
  added_at: string;
  added_by: number | null;
}

/** The search index (migration 0008): written by triggers only, over the view case_search_source. */
export interface CaseSearchTable {
  rowid: number;
  case_search: string;
  name: string;
  subject: string;
  description: string;
  name_folded: string | null;
  subject_folded: string | null;
  description_folded: string | null;
  email: string;
  phone: string;
  rank: number;
}

/** The index's words (fts5vocab, type row): in how many cases (doc) and how often (cnt) each occurs. */
export interface CaseSearchVocabTable {
  term: string;
  doc: number;
  cnt: number;
}

export interface Schema {
  departments: DepartmentsTable;
  categories: CategoriesTable;
  users: UsersTable;
  user_departments: UserDepartmentsTable;
  settings: SettingsTable;
  reference_counters: ReferenceCountersTable;
  cases: CasesTable;
  case_counts: CaseCountsTable;
  case_volumes: CaseVolumesTable;
  case_pauses: CasePausesTable;
  case_events: CaseEventsTable;
  case_search: CaseSearchTable;
  case_search_vocab: CaseSearchVocabTable;
  reply_templates: ReplyTemplatesTable;
  attachments: AttachmentsTable;
  improvements: ImprovementsTable;
  improvement_cases: ImprovementCasesTable;
  improvement_events: ImprovementEventsTable;
  prize_draws: PrizeDrawsTable;
  prize_draw_events: PrizeDrawEventsTable;
  auth_failures: AuthFailuresTable;
  notifications: NotificationsTable;
  user_markers: UserMarkersTable;
  request_ids: RequestIdsTable;
  jobs: JobsTable;
  imports: ImportsTable;
  import_items: ImportItemsTable;
  imported_sources: ImportedSourcesTable;
  barometer_votes: BarometerVotesTable;
  import_mappings: ImportMappingsTable;
  outgoing_mail: OutgoingMailTable;
  calls: CallsTable;
  peer_figures: PeerFiguresTable;
}

/** One incoming call in the office's call log (0017); answered_directly is null when the caller reached no one. */
export interface CallsTable {
  id: Generated<number>;
  called_at: string;
  called_on: string;
  reached: 0 | 1;
  answered_directly: 0 | 1 | null;
  department_id: number | null;
  entered_by: number | null;
  created_at: string;
}

/** A peer administration's published figure for one indicator and year (0017). */
export interface PeerFiguresTable {
  id: Generated<number>;
  indicator: string;
  year: number;
  value: number;
  peer: string;
  imported_by: number | null;
  imported_at: string;
}

/** Barometer votes: count votes of one rating per row (a kiosk press 1, a paper tally's rating its count; migration 0013). */
export interface BarometerVotesTable {
  id: Generated<number>;
  rating: BarometerRating;
  count: number;
  voted_at: string;
  voted_on: string;
  source: BarometerSource;
  department_id: number | null;
  kiosk_id: string | null;
  place: string | null;
  entered_by: number | null;
  created_at: string;
  /** A web vote's import key (unique; null for kiosk and paper votes; migration 0021). */
  import_key: string | null;
}

/** One background job run (see main/jobs/runner.ts). */
/** One import run (0014). */
export interface ImportsTable {
  id: Generated<number>;
  kind: string;
  job_id: number | null;
  started_by: number | null;
  started_at: string;
  finished_at: string | null;
  source: string;
  new_count: Generated<number>;
  appended_count: Generated<number>;
  skipped_count: Generated<number>;
  failed_count: Generated<number>;
  status: string;
}

/** An item of an import that failed or was skipped, with its reason (0014). */
export interface ImportItemsTable {
  id: Generated<number>;
  import_id: number;
  item: string;
  outcome: string;
  code: string;
  details: Generated<string>;
  case_id: number | null;
}

/** A source item already imported (0014): its kind and external id are unique. */
export interface ImportedSourcesTable {
  source_kind: string;
  external_id: string;
  case_id: number;
  import_id: number | null;
  imported_at: string;
}

/** A saved column mapping for table imports (0016). */
export interface ImportMappingsTable {
  id: Generated<number>;
  name: string;
  mapping: string;
  updated_at: string;
  updated_by: number | null;
}

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  status: string;
  user_id: number | null;
  params: Generated<string>;
  started_at: string;
  finished_at: string | null;
  done: Generated<number>;
  total: number | null;
  phase: string | null;
  counts: Generated<string>;
  error: string | null;
  result_file: string | null;
  result_name: string | null;
  result_type: string | null;
}

/** A write call already done under its requestId, with its result (see services/request-ids.ts). */
export interface RequestIdsTable {
  id: string;
  channel: string;
  user_id: number;
  result: string;
  at: string;
}

/** One failed sign-in or password check (see the throttle in services/auth-throttle.ts). */
export interface AuthFailuresTable {
  id: Generated<number>;
  subject: string;
  at_ms: number;
}

export interface ImprovementsTable {
  id: Generated<number>;
  title: string;
  description: Generated<string>;
  department_id: number;
  responsible_id: number | null;
  status: Generated<ImprovementStatus>;
  target_date: string | null;
  done_on: string | null;
  /** Generated from done_on; never written. */
  done_year: Generated<number | null>;
  signed_off_by: number | null;
  signed_off_at: string | null;
  done_note: string | null;
  created_at: string;
  created_by: number | null;
  updated_at: string;
}

export interface ImprovementCasesTable {
  improvement_id: number;
  case_id: number;
  relation: LinkRelation;
  linked_at: string;
  linked_by: number | null;
}

export interface ImprovementEventsTable {
  id: Generated<number>;
  improvement_id: number;
  at: string;
  actor_id: number | null;
  type: string;
  data: string;
}

export interface PrizeDrawsTable {
  id: Generated<number>;
  year: number;
  pool: DrawPool;
  status: Generated<'prepared' | 'drawn'>;
  prizes: string;
  entries: string;
  entry_case_ids: string;
  exclusions: string;
  fingerprint: string;
  prepared_at: string;
  prepared_by: number | null;
  repeat_of: number | null;
  repeat_reason: string | null;
  seed: string | null;
  algorithm: string | null;
  algorithm_version: number | null;
  ranking: string | null;
  winner_count: number | null;
  witnesses: string | null;
  drawn_at: string | null;
  drawn_by: number | null;
  drawn_by_name: string | null;
}

export interface PrizeDrawEventsTable {
  id: Generated<number>;
  draw_id: number;
  at: string;
  actor_id: number | null;
  type: string;
  reference: string;
  note: Generated<string>;
}

/** One in-app notification for one user (see services/notifications.ts); dedupe_key makes it happen at most once. */
export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  type: NotificationType;
  case_id: number | null;
  improvement_id: number | null;
  created_at: string;
  read_at: string | null;
  data: Generated<string>;
  dedupe_key: string;
}

/** When a user last looked at a part of their start screen. */
export interface UserMarkersTable {
  user_id: number;
  name: string;
  at: string;
}

/** Replies sent by SMTP, one row per send (migration 0019). */
export interface OutgoingMailTable {
  id: Generated<number>;
  case_id: number;
  user_id: number | null;
  message_id: string;
  to_address: string;
  subject: string;
  body: string;
  template_id: number | null;
  confirm_gaps: number;
  status: 'queued' | 'sending' | 'sent' | 'failed';
  error: string | null;
  created_at: string;
  sent_at: string | null;
}
