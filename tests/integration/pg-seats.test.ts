// Seats under their users' own login roles (issue 11, point 2; migrations 0022 and 0028): a desk's computer connects
// to PostgreSQL with its user's login role and password (over TCP, where the test server checks passwords with
// SCRAM-SHA-256), so the database enforces that user's rights on everything the app does there. This file checks the
// app's side of it: who may sign in at a seat and how the password is checked, the password change (the users row, the
// login role, the stored connection and the job workers' connection together), a schema the seat may not migrate, and
// the mail timer staying off at seats whose users do not import mail. The role x action matrix (role-matrix.test.ts)
// runs every role's calls at such seats; pg-permissions.test.ts the same logins directly in SQL.
import { rmSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../main/api/dispatch.ts';
import type { JobRecord } from '../../main/api/types.ts';
import { openAppContext, type AppContext } from '../../main/app-context.ts';
import type { EngineConfig } from '../../main/db/open.ts';
import { SchemaBehindError } from '../../main/db/postgres/index.ts';
import { pollsOnTimer } from '../../main/jobs/mail-poll.ts';
import type { Actor } from '../../main/services/actor.ts';
import { transitionCase } from '../../main/services/case-workflow.ts';
import { createCase } from '../../main/services/cases.ts';
import { saveUser } from '../../main/services/users.ts';
import { valueOf } from '../support/api.ts';
import { onPostgres, openTempApp, rawQuery, removeTempDirs, STAFF_PASSWORD, tempDir, testEngine, type TempApp } from '../support/temp-app.ts';

afterAll(removeTempDirs);

if (!onPostgres) console.log('pg-seats.test.ts: skipped, it needs PostgreSQL (npm run test:pg; without the server binaries test:pg says so and stops)');

const SUBMITTER = { anonymous: false, name: 'Jürgen Müller', email: 'jm@example.org', phone: null, address: null, organisation: null, language: 'de', consent: false, consentText: null } as const;

describe.skipIf(!onPostgres)('seats under their users’ own PostgreSQL logins', () => {
  let t: TempApp;
  const apps: AppContext[] = [];
  const users = {} as Record<'petra' | 'hanna' | 'eva', Actor & { id: number }>;
  const ids = { roads: 0, parks: 0, roadsCase: 0, parksCase: 0 };

  /** The seat connection of a user: their login role over TCP with a password. */
  async function seatConfig(userId: number, password: string, database?: string): Promise<EngineConfig> {
    if (t.engine.kind !== 'postgres') throw new Error('expected PostgreSQL');
    const db = database ?? t.engine.connection.database;
    const owner = new pg.Client({ ...t.engine.connection, database: db });
    await owner.connect();
    const { rows } = await owner.query<{ role_name: string }>('SELECT role_name FROM login_roles WHERE user_id = $1', [userId]);
    await owner.end();
    return { kind: 'postgres', connection: { host: '127.0.0.1', port: t.engine.connection.port!, database: db, user: rows[0]!.role_name, password } };
  }

  async function openSeat(userId: number, password: string, extra: { onSeatPassword?: (password: string) => void } = {}): Promise<AppContext> {
    const app = await openAppContext({ dataDir: tempDir(), engine: await seatConfig(userId, password), ...extra });
    apps.push(app);
    return app;
  }

  /** Whether a direct connection (psql's way) opens with this role and password. */
  async function opens(config: EngineConfig, password: string): Promise<boolean> {
    if (config.kind !== 'postgres') throw new Error('expected PostgreSQL');
    const client = new pg.Client({ ...config.connection, password });
    try {
      await client.connect();
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === '28P01') return false;
      throw error;
    } finally {
      await client.end().catch(() => {});
    }
  }

  beforeAll(async () => {
    t = await openTempApp('2027-03-01T09:00:00');
    ids.roads = await t.department('Straßenbau');
    ids.parks = await t.department('Grünflächen');
    const user = async (...args: Parameters<TempApp['user']>) => {
      const actor = await t.user(...args);
      return { ...actor, id: actor.id! };
    };
    users.petra = await user('petra', 'ombudsman');
    users.hanna = await user('hanna', 'department_head', [ids.roads]);
    users.eva = await user('eva', 'executive');
    const make = async (subject: string, departmentId: number) => {
      const id = await createCase(t.app.services, users.petra, { kind: 'complaint', channel: 'email', origin: 'external', subject, description: 'Bitte prüfen.', departmentId, priority: 'normal', submitter: SUBMITTER });
      await transitionCase(t.app.services, users.petra, { id, action: 'forward', departmentId });
      return id;
    };
    ids.roadsCase = await make('Schlagloch Hauptstraße', ids.roads);
    ids.parksCase = await make('Parkbank Stadtgarten', ids.parks);
  }, 60_000);

  afterAll(async () => {
    for (const app of apps.splice(0)) await app.close();
    await t?.cleanup();
  });

  it('signs in only the seat’s own user, the server checking the password, and shows that user their departments only', async () => {
    const app = await openSeat(users.hanna.id, STAFF_PASSWORD);
    expect(app.engine.seatUserId).toBe(users.hanna.id);
    const dispatch = createDispatcher(app, () => undefined);
    // Another user at this desk: refused before any password is tried (the process runs with hanna's rights).
    expect(await dispatch('w', 'login', { username: 'petra', password: STAFF_PASSWORD })).toEqual({ ok: false, error: { code: 'seat_user_mismatch', details: { field: 'username' } } });
    // A wrong password: the server's SCRAM check says no.
    expect(await dispatch('w', 'login', { username: 'hanna', password: 'not-her-password' })).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
    expect(await dispatch('w', 'login', { username: 'Hanna', password: STAFF_PASSWORD })).toMatchObject({ ok: true, value: { username: 'hanna', role: 'department_head' } });
    const page = await valueOf<{ rows: { id: number }[]; total: number }>(dispatch, 'w', 'listCases', {});
    expect(page.rows.map((row) => row.id)).toEqual([ids.roadsCase]);
    expect(await valueOf<unknown[]>(dispatch, 'w', 'searchCases', { query: 'Parkbank' })).toEqual([]);
    expect(await valueOf<unknown[]>(dispatch, 'w', 'searchCases', { query: 'Schlagloch' })).toHaveLength(1);
    expect(await dispatch('w', 'getCase', { id: ids.parksCase })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // Her statement goes on her case's timeline through her own login.
    await valueOf(dispatch, 'w', 'transitionCase', { id: ids.roadsCase, action: 'return_from_department', statement: 'Wird nächste Woche ausgebessert.' });
    const [event] = await rawQuery<{ actor_id: number }>(t.app, "SELECT actor_id FROM case_events WHERE case_id = ? AND type = 'status_changed' ORDER BY id DESC LIMIT 1", [ids.roadsCase]);
    expect(event?.actor_id).toBe(users.hanna.id);
  });

  it('changes the password of the users row and the login role together, and the seat keeps working with the new one', async () => {
    const stored: string[] = [];
    const app = await openSeat(users.eva.id, STAFF_PASSWORD, { onSeatPassword: (password) => stored.push(password) });
    const config = await seatConfig(users.eva.id, STAFF_PASSWORD);
    const dispatch = createDispatcher(app, () => undefined);
    await valueOf(dispatch, 'w', 'login', { username: 'eva', password: STAFF_PASSWORD });
    // The current password is checked by the server too.
    expect(await dispatch('w', 'changePassword', { currentPassword: 'a-wrong-current-one', newPassword: 'eva-new-secret-2027' })).toMatchObject({ ok: false, error: { code: 'invalid_credentials', details: { field: 'currentPassword' } } });
    await valueOf(dispatch, 'w', 'changePassword', { currentPassword: STAFF_PASSWORD, newPassword: 'eva-new-secret-2027' });
    expect(stored).toEqual(['eva-new-secret-2027']);
    expect(await opens(config, STAFF_PASSWORD)).toBe(false);
    expect(await opens(config, 'eva-new-secret-2027')).toBe(true);
    // The owner's sign-in (a single computer's way) accepts the new password as well: the hash changed with the role.
    const [row] = await rawQuery<{ must_change_password: number }>(t.app, 'SELECT must_change_password FROM users WHERE id = ?', [users.eva.id]);
    expect(row?.must_change_password).toBe(0);
    await valueOf(createDispatcher(t.app, () => undefined), 'o', 'login', { username: 'eva', password: 'eva-new-secret-2027' });
    // The next start reads the stored (new) password: its connections and its job worker's sign in with it.
    const again = await openSeat(users.eva.id, 'eva-new-secret-2027');
    const seat = createDispatcher(again, () => undefined);
    await valueOf(seat, 'w', 'login', { username: 'eva', password: 'eva-new-secret-2027' });
    const job = await valueOf<JobRecord>(seat, 'w', 'startJob', { kind: 'youSaidWeDidXlsx', params: { year: 2027, language: 'de' } });
    expect(await again.jobs.finished(job.id)).toMatchObject({ status: 'done', error: null });
  });

  it('runs a job in a worker with the seat’s password after a change in the same process', async () => {
    const app = await openSeat(users.petra.id, STAFF_PASSWORD);
    const dispatch = createDispatcher(app, () => undefined);
    await valueOf(dispatch, 'w', 'login', { username: 'petra', password: STAFF_PASSWORD });
    await valueOf(dispatch, 'w', 'changePassword', { currentPassword: STAFF_PASSWORD, newPassword: 'petra-new-secret-2027' });
    const job = await valueOf<JobRecord>(dispatch, 'w', 'startJob', { kind: 'youSaidWeDidXlsx', params: { year: 2027, language: 'de' } });
    expect(await app.jobs.finished(job.id)).toMatchObject({ status: 'done', error: null });
    expect(await valueOf(dispatch, 'w', 'listCases', {})).toMatchObject({ total: 2 });
  });

  it('keeps the mail timer to the office’s seats', async () => {
    const head = await openSeat(users.hanna.id, STAFF_PASSWORD);
    expect(await pollsOnTimer(head.services)).toBe(false);
    expect(await pollsOnTimer(t.app.services)).toBe(true);
  });

  it('refuses to start on a schema older than the app, which a seat may not migrate, and says what to do', async () => {
    const dir = tempDir();
    const engine = await testEngine(dir);
    try {
      const owner = await openAppContext({ dataDir: dir, engine: engine.config, adminPassword: 'first-admin-password' });
      const olga = await saveUser(owner.services, { username: 'olga', displayName: 'Olga', role: 'deputy', departmentIds: [], language: 'de', active: true, password: STAFF_PASSWORD });
      const [last] = await rawQuery<{ id: string }>(owner, 'SELECT id FROM schema_migrations ORDER BY position DESC LIMIT 1');
      await rawQuery(owner, 'DELETE FROM schema_migrations WHERE id = ?', [last!.id]);
      await owner.close();
      if (engine.config.kind !== 'postgres') throw new Error('expected PostgreSQL');
      const seat = await seatConfig(olga.id, STAFF_PASSWORD, engine.config.connection.database);
      const opening = openAppContext({ dataDir: tempDir(), engine: seat });
      await expect(opening).rejects.toThrow(SchemaBehindError);
      await expect(opening).rejects.toThrow(new RegExp(`missing: ${last!.id}.*db init`));
    } finally {
      await engine.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
