// Improvements as a pure state machine: which status may follow which, and what marking one done requires.
// done is final (it was signed off and people were told); declined can be reopened as proposed.

export const IMPROVEMENT_STATUSES = ['proposed', 'planned', 'in_progress', 'done', 'declined'] as const;
export type ImprovementStatus = (typeof IMPROVEMENT_STATUSES)[number];

/** How a case is linked: the idea behind the improvement, a complaint that is a root cause, or related feedback. */
export const LINK_RELATIONS = ['idea', 'root_cause', 'related'] as const;
export type LinkRelation = (typeof LINK_RELATIONS)[number];

export const NEXT_STATUSES: Record<ImprovementStatus, readonly ImprovementStatus[]> = {
  proposed: ['planned', 'in_progress', 'done', 'declined'],
  planned: ['proposed', 'in_progress', 'done', 'declined'],
  in_progress: ['planned', 'done', 'declined'],
  done: [],
  declined: ['proposed'],
};

export type ImprovementProblem =
  | { code: 'invalid_transition'; details: { from: ImprovementStatus; to: ImprovementStatus } }
  | { code: 'done_date_required' | 'done_note_required'; details: Record<string, never> }
  | { code: 'done_date_in_future'; details: { doneOn: string; today: string } };

export interface StatusChange {
  to: ImprovementStatus;
  /** yyyy-MM-dd, required for done. */
  doneOn?: string | null | undefined;
  /** What was done, required for done. */
  note?: string | null | undefined;
}

/** Why this change is not allowed, or null; today is the office's local calendar date (yyyy-MM-dd). */
export function checkStatusChange(from: ImprovementStatus, change: StatusChange, today: string): ImprovementProblem | null {
  if (!NEXT_STATUSES[from].includes(change.to)) return { code: 'invalid_transition', details: { from, to: change.to } };
  if (change.to !== 'done') return null;
  if (!change.doneOn) return { code: 'done_date_required', details: {} };
  // ISO calendar dates compare correctly as strings.
  if (change.doneOn > today) return { code: 'done_date_in_future', details: { doneOn: change.doneOn, today } };
  if (!change.note?.trim()) return { code: 'done_note_required', details: {} };
  return null;
}

/** The relation a case gets when linked without one: ideas are the idea behind it, complaints a root cause. */
export function defaultRelation(kind: string): LinkRelation {
  return kind === 'idea' ? 'idea' : kind === 'complaint' ? 'root_cause' : 'related';
}
