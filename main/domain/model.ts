// The nouns of the office, as closed lists shared by the database, the API and the UI.

export const CASE_KINDS = ['complaint', 'idea', 'praise', 'question'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const CASE_CHANNELS = ['web', 'email', 'phone', 'walk_in', 'letter'] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];

/** How the office answered: a reply is recorded with the way it went out. */
export const REPLY_CHANNELS = ['letter', 'email', 'phone'] as const;
export type ReplyChannel = (typeof REPLY_CHANNELS)[number];

export const CASE_ORIGINS = ['external', 'internal'] as const;
export type CaseOrigin = (typeof CASE_ORIGINS)[number];

export const CASE_STATUSES = ['new', 'open', 'forwarded', 'on_hold', 'answered', 'closed', 'withdrawn', 'merged'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const COMPLAINT_OUTCOMES = ['upheld', 'partly_upheld', 'not_upheld'] as const;
export const IDEA_OUTCOMES = ['adopted', 'declined', 'already_planned'] as const;
export const CASE_OUTCOMES = [...COMPLAINT_OUTCOMES, ...IDEA_OUTCOMES, 'informed'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

export const ROLES = ['admin', 'ombudsman', 'deputy', 'department_head', 'executive'] as const;
export type Role = (typeof ROLES)[number];
/** The office itself: who logs, handles and answers cases (and may take a stage 2). */
export const OFFICE_ROLES = ['admin', 'ombudsman', 'deputy'] as const satisfies readonly Role[];

export const LANGUAGES = ['de', 'en', 'sv', 'da', 'cs'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Outcomes that make sense for a kind; praise and questions are simply "informed". */
export function outcomesFor(kind: CaseKind): readonly CaseOutcome[] {
  switch (kind) {
    case 'complaint':
      return COMPLAINT_OUTCOMES;
    case 'idea':
      return IDEA_OUTCOMES;
    default:
      return ['informed'];
  }
}
