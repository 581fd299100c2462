// The person's history from the case view: other cases of the same e-mail address or phone number (any format), newest
// first, never the case itself, never anonymous ones, and scoped for department heads.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../main/api/dispatch.ts';
import type { ChannelName } from '../../main/api/contract.ts';
import type { CaseDetail, PersonCase } from '../../main/api/types.ts';
import { valueOf } from '../support/api.ts';
import { openTempApp, STAFF_PASSWORD, type TempApp } from '../support/temp-app.ts';

let t: TempApp;
let dispatch: Dispatch;
let roads: number;
let parks: number;
const as = <T>(session: string, channel: ChannelName, input?: unknown) => valueOf<T>(dispatch, session, channel, input);

let minute = 0;
async function newCase(subject: string, submitter: Record<string, unknown>, departmentId?: number): Promise<CaseDetail> {
  t.setNow(`2027-06-01T09:${String(minute++).padStart(2, '0')}:00`);
  return as<CaseDetail>('office', 'createCase', { kind: 'complaint', channel: 'phone', origin: 'external', subject, departmentId, submitter: { consent: false, ...submitter } });
}

beforeEach(async () => {
  t = await openTempApp('2027-06-01T09:00:00');
  roads = await t.department('Straßen');
  parks = await t.department('Grünflächen');
  await t.user('petra', 'ombudsman');
  await t.user('head', 'department_head', [roads]);
  dispatch = createDispatcher(t.app, () => undefined);
  for (const [session, username] of [['office', 'petra'], ['head', 'head']] as const) {
    expect(await dispatch(session, 'login', { username, password: STAFF_PASSWORD })).toMatchObject({ ok: true });
  }
});
afterEach(async () => t.cleanup());

describe('the person’s history', () => {
  it('finds the same person by e-mail (any case) and by phone in any format, newest first', async () => {
    const first = await newCase('Schlagloch', { name: 'Jürgen Müller', email: 'j.mueller@example.org', phone: '0221 123456' }, roads);
    const byPhone = await newCase('Laterne', { name: 'J. Müller', phone: '+49 221-123456' }, roads);
    const byEmail = await newCase('Parkbank', { name: 'Juergen Mueller', email: 'J.Mueller@Example.org' }, parks);
    await newCase('Andere Person', { name: 'Anna Berg', email: 'x.j.mueller@example.org', phone: '0221 1234567' }, roads);
    await newCase('Anonym', { anonymous: true }, roads);
    const history = await as<PersonCase[]>('office', 'personHistory', { caseId: first.id });
    expect(history.map((c) => [c.reference, c.matchedBy])).toEqual([
      [byEmail.reference, 'email'],
      [byPhone.reference, 'phone'],
    ]);
    // The head of Roads sees the Roads case only.
    expect((await as<PersonCase[]>('head', 'personHistory', { caseId: first.id })).map((c) => c.id)).toEqual([byPhone.id]);
    expect(await dispatch('head', 'personHistory', { caseId: byEmail.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('has nothing for an anonymous case or one without contact data', async () => {
    const anonymous = await newCase('Anonym', { anonymous: true });
    const nameOnly = await newCase('Nur Name', { name: 'Jürgen Müller' });
    expect(await as('office', 'personHistory', { caseId: anonymous.id })).toEqual([]);
    expect(await as('office', 'personHistory', { caseId: nameOnly.id })).toEqual([]);
  });
});
