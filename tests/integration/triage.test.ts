// Triage is one call and one transaction (issue 10): the fields, the handler and the workflow step are written together
// or not at all. It used to be three calls (updateCase, assignCase, transitionCase) that could half-apply.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../main/api/dispatch.ts';
import type { CaseDetail } from '../../main/api/types.ts';
import { valueOf } from '../support/api.ts';
import { openTempApp, rawQuery, STAFF_PASSWORD, type TempApp } from '../support/temp-app.ts';

let t: TempApp;
let dispatch: Dispatch;
let ids: { petra: number; jonas: number; roads: number };

const events = async (caseId: number) => (await rawQuery<{ type: string }>(t.app, 'SELECT type FROM case_events WHERE case_id = ? ORDER BY id', [caseId])).map((row) => row.type);

beforeEach(async () => {
  t = await openTempApp('2027-06-01T09:00:00');
  ids = { roads: await t.department('Straßen'), petra: (await t.user('petra', 'ombudsman')).id!, jonas: (await t.user('jonas', 'deputy')).id! };
  dispatch = createDispatcher(t.app, () => undefined);
  expect(await dispatch('office', 'login', { username: 'petra', password: STAFF_PASSWORD })).toMatchObject({ ok: true });
});
afterEach(() => t.cleanup());

async function complaint(): Promise<CaseDetail> {
  return valueOf<CaseDetail>(dispatch, 'office', 'createCase', { kind: 'complaint', channel: 'phone', origin: 'external', subject: 'Ampel defekt' });
}

describe('triage in one call', () => {
  it('sets the fields, the handler and the step together', async () => {
    const created = await complaint();
    const triaged = await valueOf<CaseDetail>(dispatch, 'office', 'triageCase', { id: created.id, kind: 'idea', priority: 'high', departmentId: ids.roads, handlerId: ids.jonas });
    expect(triaged).toMatchObject({ status: 'open', kind: 'idea', priority: 'high', departmentId: ids.roads, handlerId: ids.jonas });
    expect(await events(created.id)).toEqual(['created', 'updated', 'assigned', 'status_changed']);
  });

  it('writes nothing when a later part is refused (a handler who does not exist), and nothing when the step is refused', async () => {
    const created = await complaint();
    const before = await events(created.id);
    const refused = await dispatch('office', 'triageCase', { id: created.id, priority: 'urgent', departmentId: ids.roads, handlerId: 999_999 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_found', details: { field: 'handlerId' } } });
    expect(await valueOf<CaseDetail>(dispatch, 'office', 'getCase', { id: created.id })).toMatchObject({ status: 'new', priority: 'normal', departmentId: null });
    expect(await events(created.id)).toEqual(before);

    await valueOf(dispatch, 'office', 'triageCase', { id: created.id });
    const again = await dispatch('office', 'triageCase', { id: created.id, priority: 'low' });
    expect(again).toMatchObject({ ok: false, error: { code: 'invalid_transition' } });
    expect(await valueOf<CaseDetail>(dispatch, 'office', 'getCase', { id: created.id })).toMatchObject({ status: 'open', priority: 'normal' });
  });
});
