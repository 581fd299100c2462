// Improvements as a pure state machine: which status may follow which, and what marking one done requires.
// done is final (it was signed off and people were told); declined can be reopened as proposed.

import { IMPROVEMENT_STATUSES, LINK_RELATIONS, type ImprovementStatus, type LinkRelation } from '../vocabulary/improvements.ts';

export { IMPROVEMENT_STATUSES, LINK_RELATIONS, type ImprovementStatus, type LinkRelation };

export const NEXT_STATUSES: Record<ImprovementStatus, readonly ImprovementStatus[]> = {
  proposed: ['planned', 'in_progress', 'done', 'declined'],
  planned: ['proposed', 'in_progress', 'done', 'declined'],
  in_progress: ['planned', 'done', 'declined'],
  done: [],
  declined: ['proposed'],
};

export type ImprovementProblem =
  | { code: 'invalid_transition'; details: { from: ImprovementStatus; to: ImprovementStatus } }
  | { code: 'done_date_required'; details: { field: 'doneOn' } }
  | { code: 'done_note_required'; details: { field: 'note' } }
  | { code: 'done_date_in_future'; details: { field: 'doneOn'; doneOn: string; today: string } };

export interface StatusChange {
  to: ImprovementStatus;
  /** yyyy-MM-dd, required for done. */
  doneOn?: string | null | undefined;
  /** What was done, required for done. */
  note?: string | null | undefined;
}

/** Why this change is not allowed, or null (a problem of the date or the note names that field, for the form to show it there); today is the office's local calendar date (yyyy-MM-dd). */
export function checkStatusChange(from: ImprovementStatus, change: StatusChange, today: string): ImprovementProblem | null {
  if (!NEXT_STATUSES[from].includes(change.to)) return { code: 'invalid_transition', details: { from, to: change.to } };
  if (change.to !== 'done') return null;
  if (!change.doneOn) return { code: 'done_date_required', details: { field: 'doneOn' } };
  // ISO calendar dates compare correctly as strings.
  if (change.doneOn > today) return { code: 'done_date_in_future', details: { field: 'doneOn', doneOn: change.doneOn, today } };
  if (!change.note?.trim()) return { code: 'done_note_required', details: { field: 'note' } };
  return null;
}

/** The relation a case gets when linked without one: ideas are the idea behind it, complaints a root cause. */
export function defaultRelation(kind: string): LinkRelation {
  return kind === 'idea' ? 'idea' : kind === 'complaint' ? 'root_cause' : 'related';
}
