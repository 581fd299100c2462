import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../main/api/dispatch.ts';
import { ADMIN_PASSWORD, openTempApp, STAFF_PASSWORD, type TempApp, rawValue } from '../support/temp-app.ts';

let t: TempApp;
let dispatch: Dispatch;
const errors: unknown[] = [];

function countRows(table: 'cases' | 'case_events' | 'users'): Promise<number> {
  return rawValue<number>(t.app, `SELECT count(*) FROM ${table}`);
}

const validCase = {
  kind: 'complaint',
  channel: 'phone',
  origin: 'external',
  subject: 'Schlagloch in der Hauptstraße',
  description: 'Seit Wochen nicht repariert.',
  submitter: { anonymous: false, name: 'Jürgen Müller', phone: '0221 123456', consent: true, consentText: 'Einwilligung laut Telefonskript' },
};

beforeEach(async () => {
  t = await openTempApp();
  await t.user('petra', 'ombudsman');
  dispatch = createDispatcher(t.app, (_message, error) => errors.push(error));
  expect(await dispatch('window-1', 'login', { username: 'petra', password: STAFF_PASSWORD })).toMatchObject({ ok: true });
});
afterEach(async () => {
  await t.cleanup();
  errors.length = 0;
});

describe('the API wrapper', () => {
  it('answers bad payloads with invalid_input and writes nothing', async () => {
    const before = { cases: (await countRows('cases')), events: (await countRows('case_events')) };
    const bad: unknown[] = [
      undefined,
      null,
      'a string',
      [],
      { ...validCase, kind: 'rant' },
      { ...validCase, subject: 42 },
      { ...validCase, subject: '' },
      { ...validCase, subject: 'x'.repeat(301) },
      { ...validCase, description: 'x'.repeat(20_001) },
      { kind: 'complaint', channel: 'phone' },
      { ...validCase, departmentId: -1 },
      { ...validCase, departmentId: 1.5 },
      { ...validCase, receivedAt: 'yesterday' },
      { ...validCase, submitter: { ...validCase.submitter, email: 'not-an-email' } },
      { ...validCase, unexpected: true },
      { ...validCase, __proto__: { polluted: true }, constructor: 'x' },
    ];
    for (const payload of bad) {
      const result = await dispatch('window-1', 'createCase', payload);
      expect(result, JSON.stringify(payload)?.slice(0, 80)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect({ cases: (await countRows('cases')), events: (await countRows('case_events')) }).toEqual(before);
    expect(errors).toEqual([]);
  });

  it('refuses unknown channels, including inherited object keys', async () => {
    for (const channel of ['dropDatabase', '__proto__', 'constructor', 'toString', '']) {
      expect(await dispatch('window-1', channel, {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    }
  });

  it('requires sign-in, and a role that may call the channel', async () => {
    expect(await dispatch('window-2', 'listCases', {})).toMatchObject({ ok: false, error: { code: 'not_authenticated' } });
    await t.user('boss', 'executive');
    await dispatch('window-3', 'login', { username: 'boss', password: STAFF_PASSWORD });
    expect(await dispatch('window-3', 'listCases', {})).toMatchObject({ ok: true });
    expect(await dispatch('window-3', 'createCase', validCase)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await countRows('cases'))).toBe(0);
  });

  it('keeps sessions per caller and ends them on logout', async () => {
    expect(await dispatch('window-1', 'currentUser', undefined)).toMatchObject({ ok: true, value: { username: 'petra' } });
    expect(await dispatch('window-9', 'currentUser', undefined)).toEqual({ ok: true, value: null });
    await dispatch('window-1', 'logout', undefined);
    expect(await dispatch('window-1', 'listCases', {})).toMatchObject({ ok: false, error: { code: 'not_authenticated' } });
  });

  it('rejects wrong passwords and makes the first admin change the password before anything else', async () => {
    expect(await dispatch('w', 'login', { username: 'admin', password: 'wrong' })).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
    expect(await dispatch('w', 'login', { username: 'nobody', password: 'wrong' })).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
    const login = await dispatch('w', 'login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(login).toMatchObject({ ok: true, value: { role: 'admin', mustChangePassword: true } });
    expect(await dispatch('w', 'listCases', {})).toMatchObject({ ok: false, error: { code: 'password_change_required' } });
    expect(await dispatch('w', 'changePassword', { currentPassword: ADMIN_PASSWORD, newPassword: 'short' })).toMatchObject({
      ok: false,
      error: { code: 'password_too_weak' },
    });
    expect(await dispatch('w', 'changePassword', { currentPassword: ADMIN_PASSWORD, newPassword: 'a much longer secret' })).toMatchObject({
      ok: true,
      value: { mustChangePassword: false },
    });
    expect(await dispatch('w', 'listCases', {})).toMatchObject({ ok: true });
  });

  it('throttles repeated wrong passwords for a username, even when the right one comes next', async () => {
    for (let i = 0; i < 5; i++) {
      expect(await dispatch('w', 'login', { username: 'petra', password: `guess ${i}` })).toMatchObject({ error: { code: 'invalid_credentials' } });
    }
    expect(await dispatch('w', 'login', { username: 'petra', password: STAFF_PASSWORD })).toMatchObject({
      ok: false,
      error: { code: 'too_many_attempts', details: { retryAfterSeconds: 300 } },
    });
    t.setNow('2026-03-02T09:06:00');
    expect(await dispatch('w', 'login', { username: 'petra', password: STAFF_PASSWORD })).toMatchObject({ ok: true });
  });

  it('creates a case, returns it with reference and timeline, and translates domain errors to codes', async () => {
    const created = await dispatch('window-1', 'createCase', validCase);
    expect(created).toMatchObject({ ok: true, value: { reference: '2026-00001', status: 'new', timeline: [{ type: 'created' }] } });
    const id = (created as { value: { id: number } }).value.id;
    expect(await dispatch('window-1', 'transitionCase', { id, action: 'close' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_transition', details: { from: 'new', action: 'close' } },
    });
    expect(await dispatch('window-1', 'getCase', { id: 999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await dispatch('window-1', 'createCase', { ...validCase, departmentId: 77 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await countRows('cases'))).toBe(1);
  });
});
