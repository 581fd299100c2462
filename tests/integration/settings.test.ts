import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../main/api/dispatch.ts';
import { DEFAULT_DEADLINE_RULES } from '../../main/domain/deadlines.ts';
import { openTempApp, STAFF_PASSWORD, type TempApp } from '../support/temp-app.ts';

let t: TempApp;
let dispatch: Dispatch;
const phoneCall = { kind: 'complaint', channel: 'phone', origin: 'external', subject: 'Ampel an der Schule defekt' };

beforeEach(async () => {
  // Tuesday 31 March 2026: the 10 working days run across Easter.
  t = await openTempApp('2026-03-31T10:00:00');
  await t.user('root', 'admin');
  await t.user('petra', 'ombudsman');
  dispatch = createDispatcher(t.app);
  await dispatch('admin-window', 'login', { username: 'root', password: STAFF_PASSWORD });
  await dispatch('office-window', 'login', { username: 'petra', password: STAFF_PASSWORD });
});
afterEach(async () => t.cleanup());

async function responseDue(): Promise<string> {
  const created = await dispatch('office-window', 'createCase', phoneCall);
  if (!created.ok) throw new Error(created.error.code);
  return (created.value as { deadlines: { responseDue: string } }).deadlines.responseDue;
}

describe('office settings', () => {
  it('defaults to DE-NW and the standard deadline rules', async () => {
    expect(await dispatch('office-window', 'getSettings', undefined)).toEqual({
      ok: true,
      value: { holidayRegion: 'DE-NW', closedDays: [], deadlineRules: DEFAULT_DEADLINE_RULES },
    });
  });

  it('counts deadlines in the configured region and closed days', async () => {
    // DE-NW: Good Friday 3 April and Easter Monday 6 April are off -> 10 working days end on Thursday 16 April.
    expect(await responseDue()).toBe('2026-04-16');
    // Denmark also closes on Maundy Thursday 2 April -> Friday 17 April.
    expect(await dispatch('admin-window', 'updateSettings', { holidayRegion: 'DK' })).toMatchObject({ ok: true });
    expect(await responseDue()).toBe('2026-04-17');
    // The office closes one more day -> Monday 20 April.
    expect(await dispatch('admin-window', 'updateSettings', { closedDays: ['2026-04-14'] })).toMatchObject({ ok: true });
    expect(await responseDue()).toBe('2026-04-20');
  });

  it('applies changed deadline rules to new cases', async () => {
    const rules = structuredClone(DEFAULT_DEADLINE_RULES);
    rules.complaint.stage1 = { acknowledgeDays: 2, respondDays: 15 };
    expect(await dispatch('admin-window', 'updateSettings', { deadlineRules: rules })).toMatchObject({ ok: true });
    expect(await responseDue()).toBe('2026-04-23');
  });

  it('refuses unknown regions, impossible rules and non-admins, and keeps what was stored', async () => {
    expect(await dispatch('admin-window', 'updateSettings', { holidayRegion: 'DE-XX' })).toMatchObject({ ok: false, error: { code: 'unknown_region' } });
    const broken = structuredClone(DEFAULT_DEADLINE_RULES);
    broken.idea.stage1 = { acknowledgeDays: 12, respondDays: 3 };
    expect(await dispatch('admin-window', 'updateSettings', { deadlineRules: broken })).toMatchObject({ ok: false, error: { code: 'invalid_deadline_rules' } });
    expect(await dispatch('office-window', 'updateSettings', { holidayRegion: 'SE' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await dispatch('office-window', 'getSettings', undefined)).toMatchObject({ ok: true, value: { holidayRegion: 'DE-NW', deadlineRules: DEFAULT_DEADLINE_RULES } });
  });
});
