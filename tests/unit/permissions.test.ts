import { describe, expect, it } from 'vitest';
import { channelNames } from '../../main/api/channels.ts';
import { contract } from '../../main/api/contract.ts';
import { isAllowed, PERMISSIONS } from '../../main/api/permissions.ts';
import { ROLES } from '../../main/domain/model.ts';

describe('role checks', () => {
  it('has exactly one permission entry and one schema per channel', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...channelNames].sort());
    expect(Object.keys(contract).sort()).toEqual([...channelNames].sort());
  });

  it('lets nobody who is signed out do anything but sign in', () => {
    const open = channelNames.filter((channel) => isAllowed(PERMISSIONS[channel], null));
    expect(open.sort()).toEqual(['appInfo', 'currentUser', 'login', 'logout']);
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
