import { describe, expect, it } from 'vitest';
import { isAllowed, PERMISSIONS } from '../../main/api/permissions.ts';
import { CASE_STATUSES, ROLES, type CaseStatus } from '../../main/domain/model.ts';
import { ALLOWED_FROM, applyTransition, availableActions, CASE_ACTIONS, stepsFor, type CaseStep, type WorkflowCase } from '../../main/domain/workflow.ts';

const base: WorkflowCase = { status: 'new', kind: 'complaint', stage: 1, resumeStatus: null, departmentId: null, stage1HandlerId: null };
const at = (status: CaseStatus, extra: Partial<WorkflowCase> = {}): WorkflowCase => ({ ...base, status, ...extra });

describe('case workflow', () => {
  it('walks the happy path new -> open -> forwarded -> open -> answered -> closed', () => {
    let current = at('new');
    for (const [input, expected] of [
      [{ action: 'triage' }, 'open'],
      [{ action: 'forward', departmentId: 3 }, 'forwarded'],
      [{ action: 'return_from_department', statement: 'Reparatur ist beauftragt.' }, 'open'],
      [{ action: 'answer', outcome: 'upheld' }, 'answered'],
      [{ action: 'close' }, 'closed'],
    ] as const) {
      const result = applyTransition(current, input);
      expect(result).toMatchObject({ ok: true, status: expected });
      if (result.ok) current = at(result.status, { resumeStatus: result.resumeStatus });
    }
  });

  it('refuses to return a statement request without a statement (empty or only white space)', () => {
    for (const statement of ['', '   ', '\n\t ']) {
      expect(applyTransition(at('forwarded'), { action: 'return_from_department', statement })).toEqual({
        ok: false,
        code: 'statement_required',
        details: { field: 'statement' },
      });
    }
    expect(applyTransition(at('forwarded'), { action: 'return_from_department', statement: ' ok ' })).toMatchObject({ ok: true, status: 'open' });
  });

  it('refuses every action from a status not in its allow-list', () => {
    for (const [action, from] of Object.entries(ALLOWED_FROM)) {
      for (const status of CASE_STATUSES.filter((s) => !from.includes(s))) {
        const input =
          action === 'forward'
            ? { action, departmentId: 1 }
            : action === 'answer'
              ? { action, outcome: 'upheld' as const }
              : action === 'escalate'
                ? { action, stage2HandlerId: 2, reason: 'r' }
                : action === 'merge'
                  ? { action, targetStatus: 'open' as const, targetIsSelf: false }
                  : action === 'hold' || action === 'withdraw'
                    ? { action, reason: 'r' }
                    : { action };
        const result = applyTransition(at(status), input as never);
        expect(result, `${action} from ${status}`).toEqual({ ok: false, code: 'invalid_transition', details: { from: status, action } });
      }
    }
  });

  it('remembers where a case was put on hold and returns there', () => {
    const held = applyTransition(at('forwarded'), { action: 'hold', reason: 'Rückfrage' });
    expect(held).toEqual({ ok: true, status: 'on_hold', resumeStatus: 'forwarded', stage: 1 });
    expect(applyTransition(at('on_hold', { resumeStatus: 'forwarded' }), { action: 'resume' })).toMatchObject({ status: 'forwarded' });
  });

  it('requires a fitting outcome for complaints and ideas, none for praise', () => {
    expect(applyTransition(at('open'), { action: 'answer', outcome: null })).toMatchObject({ ok: false, code: 'outcome_required' });
    expect(applyTransition(at('open'), { action: 'answer', outcome: 'adopted' })).toMatchObject({ ok: false, code: 'outcome_invalid' });
    expect(applyTransition(at('open', { kind: 'idea' }), { action: 'answer', outcome: 'adopted' })).toMatchObject({ ok: true });
    expect(applyTransition(at('open', { kind: 'praise' }), { action: 'answer', outcome: null })).toMatchObject({ ok: true, status: 'answered' });
  });

  it('escalates complaints to stage 2 only with a different handler', () => {
    const answered = at('answered', { stage1HandlerId: 7 });
    const reason = 'Person widerspricht';
    expect(applyTransition(answered, { action: 'escalate', stage2HandlerId: 7, reason })).toEqual({ ok: false, code: 'stage2_same_handler', details: { field: 'handlerId' } });
    expect(applyTransition(answered, { action: 'escalate', stage2HandlerId: null, reason })).toEqual({ ok: false, code: 'stage2_handler_required', details: { field: 'handlerId' } });
    expect(applyTransition(answered, { action: 'escalate', stage2HandlerId: 8, reason })).toEqual({ ok: true, status: 'open', resumeStatus: null, stage: 2 });
    expect(applyTransition(at('answered', { kind: 'idea' }), { action: 'escalate', stage2HandlerId: 8, reason })).toMatchObject({ code: 'escalation_not_allowed' });
    expect(applyTransition(at('answered', { stage: 2 }), { action: 'escalate', stage2HandlerId: 8, reason })).toMatchObject({ code: 'escalation_not_allowed' });
  });

  it('holds, withdraws and escalates only with a reason (blank after trimming is none)', () => {
    const refused = { ok: false, code: 'reason_required', details: { field: 'reason' } };
    for (const reason of ['', '  \n\t ']) {
      expect(applyTransition(at('open'), { action: 'hold', reason })).toEqual(refused);
      expect(applyTransition(at('open'), { action: 'withdraw', reason })).toEqual(refused);
      expect(applyTransition(at('answered', { stage1HandlerId: 7 }), { action: 'escalate', stage2HandlerId: 8, reason })).toEqual(refused);
    }
    expect(applyTransition(at('open'), { action: 'withdraw', reason: 'Person zieht zurück' })).toMatchObject({ ok: true, status: 'withdrawn' });
  });

  it('merges only into a live case other than itself', () => {
    expect(applyTransition(at('open'), { action: 'merge', targetStatus: 'open', targetIsSelf: true })).toMatchObject({ code: 'merge_target_invalid' });
    expect(applyTransition(at('open'), { action: 'merge', targetStatus: 'closed', targetIsSelf: false })).toMatchObject({ code: 'merge_target_invalid' });
    expect(applyTransition(at('open'), { action: 'merge', targetStatus: 'forwarded', targetIsSelf: false })).toMatchObject({ ok: true, status: 'merged' });
  });

  it('lists the available actions per status', () => {
    expect(availableActions(at('new'))).toEqual(['triage', 'forward', 'hold', 'withdraw', 'merge']);
    expect(availableActions(at('answered'))).toEqual(['close', 'escalate']);
    expect(availableActions(at('answered', { kind: 'praise' }))).toEqual(['close']);
    expect(availableActions(at('merged'))).toEqual([]);
  });
});

describe('steps per role (what the case view offers)', () => {
  const running = availableActions(at('forwarded'));

  it('offers the office every workflow action, extending while the case runs, and a note', () => {
    for (const role of ['admin', 'ombudsman', 'deputy'] as const) {
      expect(stepsFor(role, running, 'forwarded')).toEqual([...running, 'extend', 'note']);
      expect(stepsFor(role, availableActions(at('new')), 'new')).toEqual(['triage', 'forward', 'hold', 'withdraw', 'merge', 'extend', 'note']);
      // Answered or ended: nothing to extend any more; a note is always possible.
      expect(stepsFor(role, availableActions(at('answered')), 'answered')).toEqual(['close', 'escalate', 'note']);
      expect(stepsFor(role, availableActions(at('merged')), 'merged')).toEqual(['note']);
    }
  });

  it('offers department heads only the statement a forwarded case asks for, and a note', () => {
    expect(stepsFor('department_head', running, 'forwarded')).toEqual(['return_from_department', 'note']);
    expect(stepsFor('department_head', availableActions(at('new')), 'new')).toEqual(['note']);
    expect(stepsFor('department_head', availableActions(at('answered')), 'answered')).toEqual(['note']);
  });

  it('offers the executive nothing', () => {
    for (const status of CASE_STATUSES) expect(stepsFor('executive', availableActions(at(status)), status)).toEqual([]);
  });

  it('never offers a step the workflow does not allow', () => {
    for (const role of ROLES) {
      for (const status of CASE_STATUSES) {
        const workflow = availableActions(at(status));
        for (const step of stepsFor(role, workflow, status)) {
          if (step !== 'note' && step !== 'extend') expect(workflow).toContain(step);
        }
      }
    }
  });

  it('agrees with the permission table: a step is offered to a role only if it may call the channels behind it', () => {
    const channels: Record<CaseStep, (keyof typeof PERMISSIONS)[]> = {
      ...(Object.fromEntries(CASE_ACTIONS.map((action) => [action, ['transitionCase']])) as Record<(typeof CASE_ACTIONS)[number], (keyof typeof PERMISSIONS)[]>),
      // Triage also sets the kind, department, category and priority, and the handler.
      triage: ['triageCase'],
      note: ['addCaseNote'],
      extend: ['extendCaseDeadline'],
    };
    for (const role of ROLES) {
      const offered = new Set(CASE_STATUSES.flatMap((status) => stepsFor(role, CASE_ACTIONS, status)));
      for (const step of offered) {
        for (const channel of channels[step]) expect(isAllowed(PERMISSIONS[channel], role), `${role} ${step} ${channel}`).toBe(true);
      }
      // And the other way round: a role allowed the note and the deadline gets them offered.
      expect(offered.has('note'), `${role} note`).toBe(isAllowed(PERMISSIONS.addCaseNote, role));
      expect(offered.has('extend'), `${role} extend`).toBe(isAllowed(PERMISSIONS.extendCaseDeadline, role));
      expect(offered.has('triage'), `${role} triage`).toBe(isAllowed(PERMISSIONS.updateCase, role));
    }
  });
});
