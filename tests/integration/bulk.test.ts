// Bulk actions from the inbox through the real dispatcher: one transaction per case, a summary of what was done and
// what was refused, the same timeline events as single changes, and nothing for roles that may not.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../main/api/dispatch.ts';
import type { ChannelName } from '../../main/api/contract.ts';
import type { BulkResult, CaseDetail } from '../../main/api/types.ts';
import { saveCategory } from '../../main/services/departments.ts';
import { valueOf } from '../support/api.ts';
import { openTempApp, STAFF_PASSWORD, type TempApp } from '../support/temp-app.ts';

let t: TempApp;
let dispatch: Dispatch;
let roads: number;
let petra: number;
const as = <T>(session: string, channel: ChannelName, input?: unknown) => valueOf<T>(dispatch, session, channel, input);

const newCase = (subject: string) =>
  as<CaseDetail>('office', 'createCase', { kind: 'complaint', channel: 'email', origin: 'external', subject, submitter: { anonymous: true } });

beforeEach(async () => {
  t = await openTempApp('2027-06-01T09:00:00');
  roads = await t.department('Straßen');
  petra = (await t.user('petra', 'ombudsman')).id!;
  await t.user('head', 'department_head', [roads]);
  dispatch = createDispatcher(t.app, () => undefined);
  for (const [session, username] of [['office', 'petra'], ['head', 'head']] as const) {
    expect(await dispatch(session, 'login', { username, password: STAFF_PASSWORD })).toMatchObject({ ok: true });
  }
});
afterEach(async () => t.cleanup());

describe('bulk actions', () => {
  it('assigns and forwards many cases, each with its own timeline event', async () => {
    const cases = [await newCase('Eins'), await newCase('Zwei'), await newCase('Drei')];
    const ids = cases.map((c) => c.id);
    expect(await as<BulkResult>('office', 'bulkUpdateCases', { caseIds: ids, change: { action: 'assign', handlerId: petra } })).toEqual({ done: ids, unchanged: [], failed: [] });
    expect(await as<BulkResult>('office', 'bulkUpdateCases', { caseIds: ids, change: { action: 'forward', departmentId: roads } })).toEqual({ done: ids, unchanged: [], failed: [] });
    for (const id of ids) {
      const detail = await as<CaseDetail>('office', 'getCase', { id });
      expect(detail).toMatchObject({ handlerId: petra, status: 'forwarded', departmentId: roads });
      expect(detail.timeline.map((e) => e.type)).toEqual(['created', 'assigned', 'status_changed']);
    }
  });

  it('closes the answered cases and reports the others as refused, leaving them unchanged', async () => {
    const answered = await newCase('Beantwortet');
    const open = await newCase('Offen');
    await as('office', 'transitionCase', { id: answered.id, action: 'triage' });
    await as('office', 'transitionCase', { id: answered.id, action: 'answer', outcome: 'upheld' });
    const result = await as<BulkResult>('office', 'bulkUpdateCases', { caseIds: [answered.id, open.id, 999_999], change: { action: 'close' } });
    expect(result.done).toEqual([answered.id]);
    expect(result.failed).toEqual([
      { caseId: open.id, code: 'invalid_transition', details: expect.any(Object) },
      { caseId: 999_999, code: 'not_found', details: { field: 'id' } },
    ]);
    expect((await as<CaseDetail>('office', 'getCase', { id: answered.id })).status).toBe('closed');
    expect(await as<CaseDetail>('office', 'getCase', { id: open.id })).toMatchObject({ status: 'new', timeline: [{ type: 'created' }] });
  });

  it('sets a category and refuses an unknown one per case; a head may not bulk-change anything', async () => {
    const a = await newCase('A');
    const category = (await saveCategory(t.app.services, { name: 'Straßenschäden', active: true })).id;
    expect(await as<BulkResult>('office', 'bulkUpdateCases', { caseIds: [a.id], change: { action: 'set_category', categoryId: category } })).toEqual({ done: [a.id], unchanged: [], failed: [] });
    expect((await as<CaseDetail>('office', 'getCase', { id: a.id })).categoryId).toBe(category);
    expect((await as<BulkResult>('office', 'bulkUpdateCases', { caseIds: [a.id], change: { action: 'set_category', categoryId: 4242 } })).failed).toMatchObject([{ caseId: a.id, code: 'not_found' }]);
    expect(await dispatch('head', 'bulkUpdateCases', { caseIds: [a.id], change: { action: 'close' } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await dispatch('office', 'bulkUpdateCases', { caseIds: [], change: { action: 'close' } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('sets a priority, reports the cases already so as unchanged (no event) and refuses finished cases with their status', async () => {
    const [a, b, done] = [await newCase('A'), await newCase('B'), await newCase('Erledigt')];
    await as('office', 'updateCase', { id: b.id, priority: 'high' });
    await as('office', 'transitionCase', { id: done.id, action: 'triage' });
    await as('office', 'transitionCase', { id: done.id, action: 'answer', outcome: 'upheld' });
    await as('office', 'transitionCase', { id: done.id, action: 'close' });
    const result = await as<BulkResult>('office', 'bulkUpdateCases', { caseIds: [a.id, b.id, done.id], change: { action: 'set_priority', priority: 'high' } });
    expect(result).toEqual({
      done: [a.id],
      unchanged: [b.id],
      failed: [{ caseId: done.id, code: 'invalid_transition', details: { from: 'closed', action: 'set_priority' } }],
    });
    const afterA = await as<CaseDetail>('office', 'getCase', { id: a.id });
    const afterB = await as<CaseDetail>('office', 'getCase', { id: b.id });
    const afterDone = await as<CaseDetail>('office', 'getCase', { id: done.id });
    expect(afterA.priority).toBe('high');
    expect(afterA.timeline.filter((e) => e.type === 'updated')).toHaveLength(1);
    expect(afterB.timeline.filter((e) => e.type === 'updated')).toHaveLength(1); // only the single change before
    expect(afterDone.priority).toBe('normal');
    // Assigning skips the finished case too; the same request again changes nothing more.
    const assign = await as<BulkResult>('office', 'bulkUpdateCases', { caseIds: [a.id, done.id], change: { action: 'assign', handlerId: petra } });
    expect(assign).toMatchObject({ done: [a.id], failed: [{ caseId: done.id, details: { from: 'closed' } }] });
    expect(await as<BulkResult>('office', 'bulkUpdateCases', { caseIds: [a.id], change: { action: 'assign', handlerId: petra } })).toEqual({ done: [], unchanged: [a.id], failed: [] });
  });

  it('tells the renderer how many cases one bulk change may name', async () => {
    expect(await as<{ maxBulkCases: number }>('office', 'appInfo')).toMatchObject({ maxBulkCases: 500 });
  });
});
