import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, type CaseStatus } from '../../main/domain/model.ts';
import { ALLOWED_FROM, applyTransition, availableActions, type WorkflowCase } from '../../main/domain/workflow.ts';

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
                ? { action, stage2HandlerId: 2 }
                : action === 'merge'
                  ? { action, targetStatus: 'open' as const, targetIsSelf: false }
                  : { action };
        const result = applyTransition(at(status), input as never);
        expect(result, `${action} from ${status}`).toEqual({ ok: false, code: 'invalid_transition', details: { from: status, action } });
      }
    }
  });

  it('remembers where a case was put on hold and returns there', () => {
    const held = applyTransition(at('forwarded'), { action: 'hold' });
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
    expect(applyTransition(answered, { action: 'escalate', stage2HandlerId: 7 })).toMatchObject({ ok: false, code: 'stage2_same_handler' });
    expect(applyTransition(answered, { action: 'escalate', stage2HandlerId: 8 })).toEqual({ ok: true, status: 'open', resumeStatus: null, stage: 2 });
    expect(applyTransition(at('answered', { kind: 'idea' }), { action: 'escalate', stage2HandlerId: 8 })).toMatchObject({ code: 'escalation_not_allowed' });
    expect(applyTransition(at('answered', { stage: 2 }), { action: 'escalate', stage2HandlerId: 8 })).toMatchObject({ code: 'escalation_not_allowed' });
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
