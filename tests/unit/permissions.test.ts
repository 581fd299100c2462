import { describe, expect, it } from 'vitest';
import { JOB_ACCESS } from '../../main/api/areas/jobs.ts';
import { z } from 'zod';
import { channel } from '../../main/api/define.ts';
import { channelNames, channelNamesFor, channels, combine, kioskChannelNames } from '../../main/api/registry.ts';
import { isAllowed, PERMISSIONS } from '../../main/api/permissions.ts';
import { ROLES } from '../../main/domain/model.ts';

describe('role checks', () => {
  it('has exactly one permission entry and one schema per channel', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...channelNames].sort());
    for (const name of channelNames) {
      expect(channels[name].input, name).toBeInstanceOf(z.ZodType);
      expect(typeof channels[name].handler, name).toBe('function');
    }
  });

  it('refuses a channel name declared twice, naming both areas', () => {
    const spec = channel({ access: 'public', input: z.undefined(), output: null, handler: () => null });
    expect(() => combine({ cases: { ping: spec }, replies: { pong: spec, ping: spec } })).toThrow('API channel "ping" is declared in both the cases and the replies area');
    expect(Object.keys(combine({ cases: { ping: spec }, replies: { pong: spec } }))).toEqual(['ping', 'pong']);
  });

  it('lets nobody who is signed out do anything but sign in', () => {
    // A workbench window gets no kiosk channel (dispatch refuses them to any caller but a kiosk window).
    const open = channelNamesFor(false).filter((channel) => isAllowed(PERMISSIONS[channel], null));
    // The first-run choice is public too, but main answers it only on a pristine start (tests/integration/first-run.test.ts).
    expect(open.sort()).toEqual(['appInfo', 'currentUser', 'firstRunChoose', 'firstRunState', 'firstRunTestConnection', 'login', 'logout']);
    // The kiosk window, never signed in, reaches exactly its three channels.
    expect(channelNamesFor(true).sort()).toEqual(['castVote', 'currentResult', 'leaveKiosk']);
    expect(kioskChannelNames.every((channel) => isAllowed(PERMISSIONS[channel], null))).toBe(true);
    expect(channelNames.filter((channel) => isAllowed(PERMISSIONS[channel], null)).sort()).toEqual(['appInfo', 'castVote', 'currentResult', 'currentUser', 'firstRunChoose', 'firstRunState', 'firstRunTestConnection', 'leaveKiosk', 'login', 'logout']);
  });

  it('keeps case writes away from the executive and settings away from all but admin', () => {
    for (const channel of ['createCase', 'updateCase', 'transitionCase', 'addCaseNote', 'extendCaseDeadline'] as const) {
      expect(isAllowed(PERMISSIONS[channel], 'executive'), channel).toBe(false);
    }
    for (const role of ROLES) {
      expect(isAllowed(PERMISSIONS.updateSettings, role)).toBe(role === 'admin');
      expect(isAllowed(PERMISSIONS.saveUser, role)).toBe(role === 'admin');
    }
    expect(isAllowed(PERMISSIONS.listCases, 'department_head')).toBe(true);
    expect(isAllowed(PERMISSIONS.createCase, 'department_head')).toBe(false);
  });
});

describe('background jobs', () => {
  it('may be started by exactly those who may do the same thing directly', () => {
    expect(JOB_ACCESS.youSaidWeDidXlsx).toEqual(PERMISSIONS.exportYouSaidWeDid);
    expect(JOB_ACCESS.demo).toEqual(['admin']);
  });
});
