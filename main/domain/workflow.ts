// The case workflow as a pure state machine: which action is allowed from which status, and what it leads to.
import { isOfficeRole, isStillRunning, isTerminal, outcomesFor, OPEN_STATUSES, type CaseKind, type CaseOutcome, type CaseStatus, type Role } from './model.ts';

export const CASE_ACTIONS = [
  'triage',
  'forward',
  'return_from_department',
  'hold',
  'resume',
  'answer',
  'close',
  'escalate',
  'withdraw',
  'merge',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** What a user can do on a case: a workflow action, or a note, or extending the deadline. */
export type CaseStep = CaseAction | 'note' | 'extend';

/** Department heads take part in the workflow only by answering a statement request sent to their department. */
export const DEPARTMENT_HEAD_ACTIONS: readonly CaseAction[] = ['return_from_department'];

export interface WorkflowCase {
  status: CaseStatus;
  kind: CaseKind;
  stage: 1 | 2;
  resumeStatus: CaseStatus | null;
  departmentId: number | null;
  /** Who handled stage 1; stage 2 must be handled by someone else. */
  stage1HandlerId: number | null;
}

export type TransitionInput =
  | { action: 'triage' }
  | { action: 'forward'; departmentId: number }
  /** The department's statement: the whole point of returning it, so never empty (after trimming). */
  | { action: 'return_from_department'; statement: string }
  /** Holding, withdrawing and escalating say why (after trimming, never empty): the timeline keeps the reason. */
  | { action: 'hold'; reason: string }
  | { action: 'resume' }
  | { action: 'answer'; outcome: CaseOutcome | null }
  | { action: 'close' }
  /** Stage 2 is handled by someone chosen explicitly (null: nobody chosen), never the stage 1 handler. */
  | { action: 'escalate'; stage2HandlerId: number | null; reason: string }
  | { action: 'withdraw'; reason: string }
  | { action: 'merge'; targetStatus: CaseStatus; targetIsSelf: boolean };

export type WorkflowErrorCode =
  | 'invalid_transition'
  | 'outcome_required'
  | 'outcome_invalid'
  | 'escalation_not_allowed'
  | 'stage2_same_handler'
  | 'merge_target_invalid'
  | 'statement_required'
  | 'reason_required'
  | 'stage2_handler_required';

export type TransitionResult =
  | { ok: true; status: CaseStatus; resumeStatus: CaseStatus | null; stage: 1 | 2 }
  | { ok: false; code: WorkflowErrorCode; details?: Record<string, unknown> };

const ACTIVE: readonly CaseStatus[] = OPEN_STATUSES;

/** From which statuses each action may start. */
export const ALLOWED_FROM: Record<CaseAction, readonly CaseStatus[]> = {
  triage: ['new'],
  forward: ['new', 'open'],
  return_from_department: ['forwarded'],
  hold: ['new', 'open', 'forwarded'],
  resume: ['on_hold'],
  answer: ['open', 'forwarded'],
  close: ['answered'],
  escalate: ['answered', 'closed'],
  withdraw: ACTIVE,
  merge: ACTIVE,
};

export { isTerminal };

/** The actions the workflow allows on this case right now (role checks come on top). */
export function availableActions(current: WorkflowCase): CaseAction[] {
  return (Object.keys(ALLOWED_FROM) as CaseAction[]).filter((action) => {
    if (!ALLOWED_FROM[action].includes(current.status)) return false;
    if (action === 'escalate') return current.kind === 'complaint' && current.stage === 1;
    return true;
  });
}

/**
 * The steps this role may take on a case the workflow allows `workflowActions` on (from availableActions), in the
 * order the case view offers them. Agrees with main/api/permissions.ts (transitionCase, addCaseNote,
 * extendCaseDeadline) and with transitionCase's department-head restriction; tests/unit/workflow.test.ts holds both.
 * - the office (admin, ombudsman, deputy): every workflow action, extending the deadline while the case still runs, a note;
 * - department heads: answering a statement request, and a note;
 * - the executive: nothing (reads only).
 */
export function stepsFor(role: Role, workflowActions: readonly CaseAction[], status: CaseStatus): CaseStep[] {
  if (isOfficeRole(role)) return [...workflowActions, ...(isStillRunning(status) ? (['extend'] as const) : []), 'note'];
  if (role === 'department_head') return [...workflowActions.filter((action) => DEPARTMENT_HEAD_ACTIONS.includes(action)), 'note'];
  return [];
}

export function applyTransition(current: WorkflowCase, input: TransitionInput): TransitionResult {
  const refuse = (code: WorkflowErrorCode, details?: Record<string, unknown>): TransitionResult => ({ ok: false, code, details });
  if (!ALLOWED_FROM[input.action].includes(current.status)) {
    return refuse('invalid_transition', { from: current.status, action: input.action });
  }
  const next = (status: CaseStatus, resumeStatus: CaseStatus | null = null, stage = current.stage): TransitionResult => ({
    ok: true,
    status,
    resumeStatus,
    stage,
  });
  switch (input.action) {
    case 'triage':
      return next('open');
    case 'forward':
      return next('forwarded');
    case 'return_from_department':
      if (input.statement.trim() === '') return refuse('statement_required', { field: 'statement' });
      return next('open');
    case 'hold':
      if (input.reason.trim() === '') return refuse('reason_required', { field: 'reason' });
      return next('on_hold', current.status);
    case 'resume':
      return next(current.resumeStatus ?? 'open');
    case 'answer': {
      const allowed = outcomesFor(current.kind);
      if (input.outcome === null) {
        return current.kind === 'complaint' || current.kind === 'idea' ? refuse('outcome_required') : next('answered');
      }
      if (!allowed.includes(input.outcome)) return refuse('outcome_invalid', { outcome: input.outcome, allowed });
      return next('answered');
    }
    case 'close':
      return next('closed');
    case 'escalate':
      if (current.kind !== 'complaint' || current.stage !== 1) {
        return refuse('escalation_not_allowed', { kind: current.kind, stage: current.stage });
      }
      if (input.stage2HandlerId === null) return refuse('stage2_handler_required', { field: 'handlerId' });
      if (current.stage1HandlerId !== null && current.stage1HandlerId === input.stage2HandlerId) {
        return refuse('stage2_same_handler', { field: 'handlerId' });
      }
      if (input.reason.trim() === '') return refuse('reason_required', { field: 'reason' });
      return next('open', null, 2);
    case 'withdraw':
      if (input.reason.trim() === '') return refuse('reason_required', { field: 'reason' });
      return next('withdrawn');
    case 'merge':
      if (input.targetIsSelf || isTerminal(input.targetStatus)) {
        return refuse('merge_target_invalid', { targetStatus: input.targetStatus });
      }
      return next('merged');
  }
}
