// Services fail with a stable code the UI can translate; the dispatcher turns it into an API error. The codes are
// declared here, with the failure that carries them (the renderer imports them as types through main/api/types.ts).

/** Every error code a call can answer with. */
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
  | 'seat_user_mismatch'
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
  | 'mail_empty'
  | 'mail_too_large'
  | 'mail_unreadable'
  | 'mail_truncated'
  | 'mail_too_deep'
  | 'mail_attachment_too_large'
  | 'import_running'
  | 'import_too_large'
  | 'tally_empty'
  | 'tally_date_in_future'
  | 'votes_no_rating_column'
  | 'votes_no_time_column'
  | 'vote_rating_unknown'
  | 'vote_time_invalid'
  | 'vote_in_future'
  | 'vote_department_unknown'
  | 'invalid_quarter'
  | 'table_empty'
  | 'table_too_large'
  | 'table_too_many_rows'
  | 'table_too_many_columns'
  | 'table_unreadable'
  | 'table_forbidden_key'
  | 'table_sheet_missing'
  | 'table_file_gone'
  | 'open311_empty'
  | 'open311_too_large'
  | 'open311_unreadable'
  | 'open311_http'
  | 'open311_too_many'
  | 'call_in_future'
  | 'peer_file_invalid'
  | 'secret_storage_unavailable'
  | 'secret_unreadable'
  | 'mail_not_configured'
  | 'mail_tls_required'
  | 'mail_connection_failed'
  | 'mail_send_failed'
  | 'mail_poll_running'
  | 'case_has_no_email'
  | 'internal';

export interface ApiError {
  code: ErrorCode;
  details?: Record<string, unknown>;
}


export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, details?: Record<string, unknown>) {
    super(code);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export function fail(code: ErrorCode, details?: Record<string, unknown>): never {
  throw new DomainError(code, details);
}
