// Each user's database login in the admin's user list (issue 11): on PostgreSQL every Ombudsdesk user has a login role
// of their own (login_roles, migration 0022), the user name their desk connects with, so listUsers names it; SQLite has
// no database users, so it says null. Runs on both engines (npm run test:pg -- tests/integration/database-logins.test.ts).
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../main/api/dispatch.ts';
import { openAppContext } from '../../main/app-context.ts';
import type { UserRecord } from '../../main/api/types.ts';
import { valueOf } from '../support/api.ts';
import { ADMIN_PASSWORD, onPostgres, openTempApp, rawQuery, removeTempDirs, STAFF_PASSWORD } from '../support/temp-app.ts';

afterAll(removeTempDirs);

describe('listUsers names each user’s database login', () => {
  it(onPostgres ? 'on PostgreSQL: the login role of login_roles, following a rename' : 'on SQLite: none (null)', async () => {
    const t = await openTempApp('2027-09-06T09:00:00');
    try {
      const roads = await t.department('Straßen');
      await t.user('Chefin', 'admin');
      const hanna = await t.user('Hanna', 'ombudsman');
      await t.user('kopf', 'department_head', [roads]);
      await t.user('rathaus', 'executive');
      const dispatch = createDispatcher(t.app, () => undefined);
      const login = await dispatch('w', 'login', { username: 'Chefin', password: STAFF_PASSWORD });
      expect(login).toMatchObject({ ok: true });
      // The session is not a user list entry: it does not carry the login.
      expect(login.ok ? Object.keys(login.value as object) : []).not.toContain('databaseLogin');
      const users = await valueOf<UserRecord[]>(dispatch, 'w', 'listUsers');
      expect(users.map((user) => user.username).sort()).toEqual(['admin', 'Chefin', 'Hanna', 'kopf', 'rathaus'].sort());

      if (!onPostgres) {
        expect(users.map((user) => user.databaseLogin)).toEqual(users.map(() => null));
        return;
      }
      const database = t.engine.kind === 'postgres' ? t.engine.connection.database : '';
      const roles = await rawQuery<{ user_id: number; role_name: string }>(t.app, 'SELECT user_id, role_name FROM login_roles');
      expect(roles).toHaveLength(users.length);
      for (const user of users) {
        expect(user.databaseLogin, user.username).toBe(roles.find((role) => role.user_id === user.id)!.role_name);
      }
      // Named `<database>_<lower(username)>`, the name a desk puts in its connection's user field.
      expect(users.find((user) => user.id === hanna.id)!.databaseLogin).toBe(`${database}_hanna`);

      // Renamed, the role follows, and the list (and saveUser's answer) says the new name.
      const hannaRecord = users.find((user) => user.id === hanna.id)!;
      const saved = await valueOf<UserRecord>(dispatch, 'w', 'saveUser', {
        requestId: randomUUID(),
        id: hanna.id,
        username: 'Hanna.Berg',
        displayName: hannaRecord.displayName,
        role: hannaRecord.role,
        departmentIds: [],
        language: 'de',
        active: true,
      });
      expect(saved.databaseLogin).toBe(`${database}_hanna.berg`);
      const again = await valueOf<UserRecord[]>(dispatch, 'w', 'listUsers');
      expect(again.find((user) => user.id === hanna.id)!.databaseLogin).toBe(`${database}_hanna.berg`);
      expect(await rawQuery(t.app, 'SELECT role_name FROM login_roles WHERE user_id = ?', [hanna.id])).toEqual([{ role_name: `${database}_hanna.berg` }]);
    } finally {
      await t.cleanup();
    }
  }, 60_000);

  it.runIf(onPostgres)('on PostgreSQL also at a seat that runs under a non-admin’s own login role (the executive’s)', async () => {
    const t = await openTempApp('2027-09-06T09:00:00');
    try {
      const executive = await t.user('rathaus', 'executive');
      await t.user('Hanna', 'ombudsman');
      if (t.engine.kind !== 'postgres') throw new Error('PostgreSQL only');
      const [role] = await rawQuery<{ role_name: string }>(t.app, 'SELECT role_name FROM login_roles WHERE user_id = ?', [executive.id]);
      const expected = (await rawQuery<{ user_id: number; role_name: string }>(t.app, 'SELECT user_id, role_name FROM login_roles ORDER BY user_id'));
      // The seat connects as the desk does: its own login role and the user's Ombudsdesk password, checked by the server.
      const connection = { host: '127.0.0.1', port: t.engine.connection.port!, database: t.engine.connection.database, user: role!.role_name, password: STAFF_PASSWORD };
      const seat = await openAppContext({ dataDir: t.dir, now: () => new Date('2027-09-06T09:00:00'), adminPassword: ADMIN_PASSWORD, engine: { kind: 'postgres', connection } });
      try {
        expect(seat.engine.seatUserId).toBe(executive.id);
        const dispatch = createDispatcher(seat, () => undefined);
        expect(await dispatch('s', 'login', { username: 'rathaus', password: STAFF_PASSWORD })).toMatchObject({ ok: true });
        const users = await valueOf<UserRecord[]>(dispatch, 's', 'listUsers');
        expect(users.map((user) => [user.id, user.databaseLogin]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual(expected.map((row) => [row.user_id, row.role_name]));
      } finally {
        await seat.close();
      }
    } finally {
      await t.cleanup();
    }
  }, 60_000);
});
