// Issue 9, defect 12: pausing, withdrawing and escalating say why, and stage 2 goes to a colleague chosen explicitly.
// Through the real dispatcher: a missing or blank reason is refused at the field `reason` and changes nothing; an
// escalation without a chosen handler, or to the stage 1 handler, or to someone outside the office, is refused at the
// field `handlerId` (it used to default to the caller, who is the stage 1 handler when they answered stage 1 themselves);
// the reason is kept in the timeline event.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../main/api/dispatch.ts';
import type { ChannelName } from '../../main/api/contract.ts';
import type { CaseDetail } from '../../main/api/types.ts';
import { valueOf } from '../support/api.ts';
import { openTempApp, rawValue, STAFF_PASSWORD, type TempApp } from '../support/temp-app.ts';

let t: TempApp;
let dispatch: Dispatch;
let ids: { petra: number; dora: number; head: number; chief: number };

const as = <T>(session: string, channel: ChannelName, input?: unknown) => valueOf<T>(dispatch, session, channel, input);
const events = (caseId: number) => rawValue<number>(t.app, 'SELECT count(*) FROM case_events WHERE case_id = ?', [caseId]);

async function complaint(subject = 'Schlagloch vor dem Rathaus'): Promise<CaseDetail> {
  return as<CaseDetail>('office', 'createCase', {
    kind: 'complaint',
    channel: 'phone',
    origin: 'external',
    subject,
    submitter: { name: 'Jürgen Müller', phone: '0221 123456', consent: false },
  });
}

beforeEach(async () => {
  t = await openTempApp('2027-06-01T09:00:00');
  const roads = await t.department('Straßen');
  ids = {
    petra: (await t.user('petra', 'ombudsman')).id!,
    dora: (await t.user('dora', 'deputy')).id!,
    head: (await t.user('head', 'department_head', [roads])).id!,
    chief: (await t.user('chief', 'executive')).id!,
  };
  dispatch = createDispatcher(t.app, () => undefined);
  for (const [session, username] of [['office', 'petra'], ['deputy', 'dora']] as const) {
    expect(await dispatch(session, 'login', { username, password: STAFF_PASSWORD })).toMatchObject({ ok: true });
  }
});
afterEach(() => t.cleanup());

describe('a reason for pausing, withdrawing and escalating', () => {
  it('refuses hold and withdraw without a reason at the field reason, changing nothing', async () => {
    const created = await complaint();
    const before = await events(created.id);
    for (const action of ['hold', 'withdraw'] as const) {
      for (const reason of [undefined, '', '   \n ']) {
        const result = await dispatch('office', 'transitionCase', { id: created.id, action, ...(reason === undefined ? {} : { reason }) });
        expect(result, `${action} ${JSON.stringify(reason)}`).toEqual({ ok: false, error: { code: 'reason_required', details: { field: 'reason' } } });
      }
    }
    expect(await as<CaseDetail>('office', 'getCase', { id: created.id })).toMatchObject({ status: 'new' });
    expect(await events(created.id)).toBe(before);
    expect(await rawValue(t.app, 'SELECT count(*) FROM case_pauses WHERE case_id = ?', [created.id])).toBe(0);
  });

  it('keeps the reason (trimmed) in the timeline event of hold and withdraw', async () => {
    const created = await complaint();
    const held = await as<CaseDetail>('office', 'transitionCase', { id: created.id, action: 'hold', reason: '  Rückfrage an die Person  ' });
    expect(held.status).toBe('on_hold');
    expect(held.timeline.at(-1)).toMatchObject({ type: 'status_changed', data: { action: 'hold', to: 'on_hold', reason: 'Rückfrage an die Person' } });
    const withdrawn = await as<CaseDetail>('office', 'transitionCase', { id: created.id, action: 'withdraw', reason: 'Person hat zurückgezogen' });
    expect(withdrawn.status).toBe('withdrawn');
    expect(withdrawn.timeline.at(-1)).toMatchObject({ data: { action: 'withdraw', reason: 'Person hat zurückgezogen' } });
  });

  it('escalates only to an explicitly chosen office colleague other than the stage 1 handler, with a reason', async () => {
    const created = await complaint();
    await as('office', 'transitionCase', { id: created.id, action: 'triage' });
    await as('office', 'transitionCase', { id: created.id, action: 'answer', outcome: 'not_upheld' });
    const before = await events(created.id);
    const refuse = (input: Record<string, unknown>) => dispatch('office', 'transitionCase', { id: created.id, action: 'escalate', ...input });
    const reason = 'Die Person widerspricht der Antwort';
    // No handler chosen: refused, not taken as "myself" (Petra answered stage 1 herself).
    expect(await refuse({ reason })).toEqual({ ok: false, error: { code: 'stage2_handler_required', details: { field: 'handlerId' } } });
    expect(await refuse({ reason, handlerId: ids.petra })).toEqual({ ok: false, error: { code: 'stage2_same_handler', details: { field: 'handlerId' } } });
    expect(await refuse({ reason, handlerId: ids.head })).toEqual({ ok: false, error: { code: 'stage2_handler_invalid', details: { field: 'handlerId' } } });
    expect(await refuse({ reason, handlerId: ids.chief })).toEqual({ ok: false, error: { code: 'stage2_handler_invalid', details: { field: 'handlerId' } } });
    expect(await refuse({ reason, handlerId: 9999 })).toMatchObject({ ok: false, error: { code: 'not_found', details: { field: 'handlerId' } } });
    expect(await refuse({ handlerId: ids.dora })).toEqual({ ok: false, error: { code: 'reason_required', details: { field: 'reason' } } });
    expect(await refuse({ handlerId: ids.dora, reason: ' ' })).toEqual({ ok: false, error: { code: 'reason_required', details: { field: 'reason' } } });
    expect(await events(created.id)).toBe(before);

    const escalated = await as<CaseDetail>('office', 'transitionCase', { id: created.id, action: 'escalate', handlerId: ids.dora, reason });
    expect(escalated).toMatchObject({ stage: 2, status: 'open', handlerId: ids.dora, stage1HandlerId: ids.petra });
    expect(escalated.timeline.at(-1)).toMatchObject({ type: 'status_changed', data: { action: 'escalate', handlerId: ids.dora, reason } });
  });
});
