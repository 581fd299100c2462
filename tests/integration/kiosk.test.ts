// The kiosk's own channel set, checked in dispatch by caller: a kiosk caller is refused every other channel (whatever
// it sends, before sign-in state or input matter), and every other caller is refused the kiosk channels.
import { afterAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../main/api/dispatch.ts';
import { channelNames, channelNamesFor, kioskChannelNames } from '../../main/api/registry.ts';
import { openTempApp, rawValue, removeTempDirs, STAFF_PASSWORD } from '../support/temp-app.ts';

afterAll(removeTempDirs);

describe('the kiosk channel set', () => {
  it('is exactly castVote, currentResult and leaveKiosk, and the window lists are split by it', () => {
    expect([...kioskChannelNames].sort()).toEqual(['castVote', 'currentResult', 'leaveKiosk']);
    expect(channelNamesFor(true)).toEqual(kioskChannelNames);
    expect(channelNamesFor(false).some((name) => kioskChannelNames.includes(name))).toBe(false);
    expect(channelNamesFor(false).length + kioskChannelNames.length).toBe(channelNames.length);
  });

  it('refuses a kiosk caller every non-kiosk channel, even with an office user signed in on that caller id', async () => {
    const t = await openTempApp('2026-05-04T10:00:00');
    const office = await t.user('ombudsman', 'ombudsman');
    const dispatch = createDispatcher(t.app, () => undefined);
    t.app.kiosk.callers.add('kiosk-1');
    // Even a session left on the id (it cannot happen through login, which is refused too) opens nothing.
    t.app.sessions.set('kiosk-1', office.id!);
    for (const name of channelNames.filter((n) => !kioskChannelNames.includes(n))) {
      const result = await dispatch('kiosk-1', name, undefined);
      expect(result, name).toEqual({ ok: false, error: { code: 'forbidden_sender' } });
    }
    expect(await dispatch('kiosk-1', 'login', { username: 'ombudsman', password: STAFF_PASSWORD })).toEqual({ ok: false, error: { code: 'forbidden_sender' } });
    expect(await dispatch('kiosk-1', 'noSuchChannel', undefined)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    // Its own channels answer.
    const vote = await dispatch('kiosk-1', 'castVote', { rating: 'okay' });
    expect(vote).toMatchObject({ ok: true, value: { counted: true, current: { n: 1, index: 50 } } });
    expect(await dispatch('kiosk-1', 'currentResult', undefined)).toMatchObject({ ok: true, value: { quarter: '2026-Q2', n: 1 } });
    await t.cleanup();
  });

  it('refuses the kiosk channels to every other caller, signed in or not', async () => {
    const t = await openTempApp('2026-05-04T10:00:00');
    await t.user('ombudsman', 'ombudsman');
    const dispatch = createDispatcher(t.app, () => undefined);
    expect(await dispatch('window', 'login', { username: 'ombudsman', password: STAFF_PASSWORD })).toMatchObject({ ok: true });
    for (const caller of ['window', 'anonymous']) {
      for (const name of kioskChannelNames) {
        expect(await dispatch(caller, name, { rating: 'good' }), `${caller} ${name}`).toEqual({ ok: false, error: { code: 'forbidden_sender' } });
      }
    }
    expect(await rawValue(t.app, 'SELECT count(*) FROM barometer_votes')).toBe(0);
    await t.cleanup();
  });

  it('leaves kiosk mode only with an office staff login; a wrong password or another role is refused', async () => {
    const t = await openTempApp('2026-05-04T10:00:00');
    await t.user('ombudsman', 'ombudsman');
    await t.user('exec', 'executive');
    const dispatch = createDispatcher(t.app, () => undefined);
    t.app.kiosk.callers.add('kiosk-1');
    expect(await dispatch('kiosk-1', 'leaveKiosk', { username: 'ombudsman', password: 'wrong-password' })).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
    expect(await dispatch('kiosk-1', 'leaveKiosk', { username: 'exec', password: STAFF_PASSWORD })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(t.app.kiosk.isKiosk('kiosk-1')).toBe(true);
    expect(await dispatch('kiosk-1', 'leaveKiosk', { username: 'ombudsman', password: STAFF_PASSWORD })).toEqual({ ok: true, value: { navigate: './' } });
    expect(t.app.kiosk.isKiosk('kiosk-1')).toBe(false);
    // The kiosk window is not signed in by the staff login.
    expect(t.app.sessions.has('kiosk-1')).toBe(false);
    await t.cleanup();
  });

  it('openKiosk ends the office window session; the kiosk config is this computer\'s file, set by an admin', async () => {
    const t = await openTempApp('2026-05-04T10:00:00');
    await t.user('ombudsman', 'ombudsman');
    const dispatch = createDispatcher(t.app, () => undefined);
    await dispatch('window', 'login', { username: 'ombudsman', password: STAFF_PASSWORD });
    expect(await dispatch('window', 'updateKioskConfig', { startInKiosk: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const config = await dispatch('window', 'getKioskConfig', undefined);
    expect(config).toMatchObject({ ok: true, value: { startInKiosk: false, place: 'Kiosk' } });
    expect(await dispatch('window', 'openKiosk', undefined)).toEqual({ ok: true, value: { navigate: './kiosk#kiosk' } });
    expect(t.app.sessions.has('window')).toBe(false);
    await t.cleanup();
  });
});
