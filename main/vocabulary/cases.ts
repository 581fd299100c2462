// The nouns of a case as closed lists, and the small predicates over them. Main and renderer import these as values
// (main/vocabulary is the one folder of main the renderer may import at run time), so each list is defined once.

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

/** Still running: not answered or ended yet (waiting for the office or a department, or paused). */
export const OPEN_STATUSES = ['new', 'open', 'forwarded', 'on_hold'] as const satisfies readonly CaseStatus[];

export function isStillRunning(status: CaseStatus): boolean {
  return (OPEN_STATUSES as readonly CaseStatus[]).includes(status);
}

/** The deadline clock runs: the office owes an answer (a pause stops the clock, an answer ends it). */
export const CLOCK_STATUSES = ['new', 'open', 'forwarded'] as const satisfies readonly CaseStatus[];

export function deadlineClockRuns(status: CaseStatus): boolean {
  return (CLOCK_STATUSES as readonly CaseStatus[]).includes(status);
}

/** Ended without an answer of its own: the person withdrew it, or it lives on in the case it was merged into. */
export function isWithdrawnOrMerged(status: CaseStatus): boolean {
  return status === 'withdrawn' || status === 'merged';
}

/** Nothing more happens to it (escalation to stage 2 reopens a closed complaint, which the workflow allows explicitly). */
export function isTerminal(status: CaseStatus): boolean {
  return status === 'closed' || isWithdrawnOrMerged(status);
}

/** Another case can be merged into this one. */
export function canTakeMerge(status: CaseStatus): boolean {
  return !isTerminal(status);
}

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const COMPLAINT_OUTCOMES = ['upheld', 'partly_upheld', 'not_upheld'] as const;
export const IDEA_OUTCOMES = ['adopted', 'declined', 'already_planned'] as const;
export const CASE_OUTCOMES = [...COMPLAINT_OUTCOMES, ...IDEA_OUTCOMES, 'informed'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

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
