// Issue 9, defect 13: the person's postal address is kept from the quick entry, and their contact data (name, e-mail,
// phone, address) can be corrected after saving, by the office only, each correction one transaction with one
// `contact_updated` event naming the changed fields; the search and the person's history follow the corrected data.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../main/api/dispatch.ts';
import type { ChannelName } from '../../main/api/contract.ts';
import type { CaseDetail, PersonCase, SearchHit } from '../../main/api/types.ts';
import { valueOf } from '../support/api.ts';
import { openTempApp, rawValue, STAFF_PASSWORD, type TempApp } from '../support/temp-app.ts';

let t: TempApp;
let dispatch: Dispatch;
let roads: number;

const as = <T>(session: string, channel: ChannelName, input?: unknown) => valueOf<T>(dispatch, session, channel, input);
const contactEvents = (caseId: number) =>
  rawValue<number>(t.app, "SELECT count(*) FROM case_events WHERE case_id = ? AND type = 'contact_updated'", [caseId]);

async function call(submitter: Record<string, unknown>): Promise<CaseDetail> {
  return as<CaseDetail>('office', 'createCase', {
    kind: 'complaint',
    channel: 'phone',
    origin: 'external',
    subject: 'Schlagloch in der Hauptstraße',
    departmentId: roads,
    submitter: { consent: false, ...submitter },
  });
}

beforeEach(async () => {
  t = await openTempApp('2027-06-01T09:00:00');
  roads = await t.department('Straßen');
  // Awaited one by one: signing in must not race the users' creation (on PostgreSQL each also creates a login role).
  await t.user('petra', 'ombudsman');
  await t.user('dora', 'deputy');
  await t.user('root', 'admin');
  await t.user('head', 'department_head', [roads]);
  await t.user('chief', 'executive');
  dispatch = createDispatcher(t.app, () => undefined);
  for (const [session, username] of [['office', 'petra'], ['deputy', 'dora'], ['admin', 'root'], ['head', 'head'], ['chief', 'chief']] as const) {
    expect(await dispatch(session, 'login', { username, password: STAFF_PASSWORD })).toMatchObject({ ok: true });
  }
});
afterEach(() => t.cleanup());

describe('the person’s contact data', () => {
  it('keeps the postal address given at the entry', async () => {
    const created = await call({ name: 'Jürgen Müller', phone: '0221 123456', address: 'Hauptstraße 1\n50667 Köln' });
    expect(created.submitter).toMatchObject({ name: 'Jürgen Müller', address: 'Hauptstraße 1\n50667 Köln' });
  });

  it('corrects only what changed, with one event naming the fields, old and new', async () => {
    const created = await call({ name: 'Jürgen Müller', email: 'j.mueller@example.org', phone: '0221 123456', address: 'Hauptstraße 1' });
    t.setNow('2027-06-01T10:00:00');
    const updated = await as<CaseDetail>('office', 'updateSubmitter', {
      caseId: created.id,
      name: 'Jürgen Müller',
      email: '',
      phone: ' 0221 654321 ',
      address: 'Hauptstraße 11',
    });
    expect(updated.submitter).toMatchObject({ name: 'Jürgen Müller', email: null, phone: '0221 654321', address: 'Hauptstraße 11' });
    expect(updated.updatedAt).toBe(new Date('2027-06-01T10:00:00').toISOString());
    expect(updated.timeline.at(-1)).toMatchObject({
      type: 'contact_updated',
      actorName: expect.any(String),
      data: {
        fields: ['email', 'phone', 'address'],
        changes: { email: ['j.mueller@example.org', null], phone: ['0221 123456', '0221 654321'], address: ['Hauptstraße 1', 'Hauptstraße 11'] },
      },
    });
    // A field left out stays as it is; the same correction again changes nothing and writes no event.
    const again = await as<CaseDetail>('office', 'updateSubmitter', { caseId: created.id, phone: '0221 654321' });
    expect(again.submitter).toMatchObject({ name: 'Jürgen Müller', address: 'Hauptstraße 11' });
    expect(await contactEvents(created.id)).toBe(1);
  });

  it('a double click with one requestId writes once', async () => {
    const created = await call({ name: 'Anna Berg', phone: '0221 1' });
    const input = { caseId: created.id, phone: '0221 2', requestId: randomUUID() };
    const [first, second] = await Promise.all([dispatch('office', 'updateSubmitter', input), dispatch('office', 'updateSubmitter', input)]);
    expect(first).toMatchObject({ ok: true });
    expect(second).toEqual(first);
    expect(await contactEvents(created.id)).toBe(1);
  });

  it('refuses a bad e-mail address at the field email, and changes nothing', async () => {
    const created = await call({ name: 'Anna Berg', email: 'anna@example.org' });
    for (const email of ['anna(at)example.org', 'anna@', 'an na@example.org']) {
      expect(await dispatch('office', 'updateSubmitter', { caseId: created.id, email, phone: '0221 3' }), email).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', details: { field: 'email' } },
      });
    }
    expect((await as<CaseDetail>('office', 'getCase', { id: created.id })).submitter).toMatchObject({ email: 'anna@example.org', phone: null });
    expect(await contactEvents(created.id)).toBe(0);
  });

  it('is the office’s: the deputy and the administrator may, a department head and the executive may not', async () => {
    const created = await call({ name: 'Anna Berg', phone: '0221 1' });
    expect(await dispatch('deputy', 'updateSubmitter', { caseId: created.id, phone: '0221 2' })).toMatchObject({ ok: true });
    expect(await dispatch('admin', 'updateSubmitter', { caseId: created.id, phone: '0221 3' })).toMatchObject({ ok: true });
    expect(await dispatch('head', 'updateSubmitter', { caseId: created.id, phone: '0221 4' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await dispatch('chief', 'updateSubmitter', { caseId: created.id, phone: '0221 5' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await as<CaseDetail>('office', 'getCase', { id: created.id })).submitter.phone).toBe('0221 3');
    expect(await contactEvents(created.id)).toBe(2);
  });

  it('does not give an anonymous case contact data', async () => {
    const anonymous = await call({ anonymous: true });
    expect(await dispatch('office', 'updateSubmitter', { caseId: anonymous.id, phone: '0221 1' })).toMatchObject({ ok: false, error: { code: 'submitter_anonymous' } });
    expect(await contactEvents(anonymous.id)).toBe(0);
  });

  it('search and the person’s history follow the corrected phone number', async () => {
    const earlier = await call({ name: 'Jürgen Müller', phone: '0170 7654321' });
    const created = await call({ name: 'Jürgen Müller', phone: '0221 123456' });
    expect(await as<PersonCase[]>('office', 'personHistory', { caseId: created.id })).toEqual([]);
    await as('office', 'updateSubmitter', { caseId: created.id, phone: '+49 170 7654321' });
    expect((await as<PersonCase[]>('office', 'personHistory', { caseId: created.id })).map((c) => c.id)).toEqual([earlier.id]);
    expect((await as<SearchHit[]>('office', 'searchCases', { query: '0221 123456' })).map((hit) => hit.id)).not.toContain(created.id);
  });
});
