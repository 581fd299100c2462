// The database enforces the permissions (issue 11, point 2; migration 0022): users of every office role are created
// through the users service, then each role's own login connects DIRECTLY to PostgreSQL (pg, not the app) and tries
// what the app refuses it: a department head reads and changes nothing of another department (cases, improvements,
// statements on the timeline, attachments, search rows), the executive writes nothing anywhere, nobody but the owner
// changes or deletes a timeline or protocol row. The allowed reads and writes are tried too, so a "deny everything"
// policy would fail here. Runs on the throwaway server of npm run test:pg; on SQLite it says why it is skipped.
//
// The test server authenticates by trust over its socket, so connecting proves the role and its rights, not the
// password; the password is checked against the SCRAM verifier PostgreSQL stores for the role.
import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostgresConnection, PostgresEngine } from '../../main/db/postgres/index.ts';
import { scramVerifier } from '../../main/db/postgres/login-roles.ts';
import type { Actor } from '../../main/services/actor.ts';
import { addAttachment } from '../../main/services/attachments.ts';
import { transitionCase } from '../../main/services/case-workflow.ts';
import { createCase } from '../../main/services/cases.ts';
import { createImprovement } from '../../main/services/improvements.ts';
import { changePassword, saveUser } from '../../main/services/users.ts';
import { ADMIN_PASSWORD, onPostgres, openTempApp, removeTempDirs, STAFF_PASSWORD, type TempApp } from '../support/temp-app.ts';

afterAll(removeTempDirs);

if (!onPostgres) console.log('pg-permissions.test.ts: skipped, it needs PostgreSQL (npm run test:pg; without the server binaries test:pg says so and stops)');

const SUBMITTER = { anonymous: false, name: 'Jürgen Müller', email: 'jm@example.org', phone: null, address: null, organisation: null, language: 'de', consent: false, consentText: null } as const;
const APPEND_ONLY = ['case_events', 'improvement_events', 'prize_draw_events', 'prize_draws'];
/** What a refused statement raises: insufficient_privilege (no GRANT, or a row-level security WITH CHECK). */
const DENIED = '42501';

describe.skipIf(!onPostgres)('the database enforces the permissions (PostgreSQL roles, GRANTs, row-level security)', () => {
  let t: TempApp;
  let owner: pg.Pool;
  let connection: PostgresConnection;
  const clients: pg.Client[] = [];
  const ids = {} as Record<'roads' | 'parks' | 'caseA' | 'caseB' | 'improvementA' | 'improvementB' | 'attachmentA' | 'attachmentB' | 'statementB', number>;
  const users = {} as Record<'admin' | 'ombudsman' | 'deputy' | 'headRoads' | 'headParks' | 'executive', Actor & { id: number }>;

  async function roleOf(userId: number): Promise<string> {
    const { rows } = await owner.query<{ role_name: string }>('SELECT role_name FROM login_roles WHERE user_id = $1', [userId]);
    return rows[0]!.role_name;
  }

  /** A direct connection with the user's own login role, as psql with a seat's credentials would make it. */
  async function connectAs(userId: number): Promise<pg.Client> {
    const client = new pg.Client({ host: connection.host, port: connection.port, database: connection.database, user: await roleOf(userId), password: STAFF_PASSWORD });
    await client.connect();
    clients.push(client);
    return client;
  }

  async function refused(client: pg.Client, text: string, params: unknown[] = []): Promise<string> {
    const error = await client.query(text, params).then(() => null, (e: { code?: string; message: string }) => e);
    expect(error, `expected refusal: ${text}`).not.toBeNull();
    return error!.code ?? error!.message;
  }

  async function rowCount(client: Pick<pg.Client, 'query'>, text: string, params: unknown[] = []): Promise<number> {
    return (await client.query(text, params)).rowCount ?? 0;
  }

  beforeAll(async () => {
    t = await openTempApp();
    const engine = t.app.engine as PostgresEngine;
    owner = engine.pool;
    if (t.engine.kind !== 'postgres') throw new Error('expected a PostgreSQL app');
    connection = t.engine.connection;
    ids.roads = await t.department('Straßenbau');
    ids.parks = await t.department('Grünflächen');
    const adminId = (await owner.query<{ id: number }>("SELECT id FROM users WHERE username = 'admin'")).rows[0]!.id;
    users.admin = { id: adminId, role: 'admin', departmentIds: [] };
    const user = async (...args: Parameters<TempApp['user']>) => {
      const actor = await t.user(...args);
      return { ...actor, id: actor.id! };
    };
    users.ombudsman = await user('olga', 'ombudsman');
    users.deputy = await user('dieter', 'deputy');
    users.headRoads = await user('hanna', 'department_head', [ids.roads]);
    users.headParks = await user('bernd', 'department_head', [ids.parks]);
    users.executive = await user('edgar', 'executive');
    const services = t.app.services;
    const office = users.ombudsman;
    ids.caseA = await createCase(services, office, { kind: 'complaint', channel: 'phone', origin: 'external', priority: 'normal', subject: 'Schlagloch Hauptstraße', description: 'Tief', submitter: SUBMITTER });
    ids.caseB = await createCase(services, office, { kind: 'complaint', channel: 'phone', origin: 'external', priority: 'normal', subject: 'Parkbank kaputt', description: 'Geheimnis der Grünflächen', submitter: SUBMITTER });
    await transitionCase(services, office, { id: ids.caseA, action: 'triage' });
    await transitionCase(services, office, { id: ids.caseB, action: 'triage' });
    await transitionCase(services, office, { id: ids.caseA, action: 'forward', departmentId: ids.roads });
    await transitionCase(services, office, { id: ids.caseB, action: 'forward', departmentId: ids.parks });
    // Parks' head answers with a statement: a timeline event that roads' head must not see.
    await transitionCase(services, users.headParks, { id: ids.caseB, action: 'return_from_department', statement: 'Stellungnahme der Grünflächen' });
    ids.statementB = (await owner.query<{ id: number }>("SELECT id FROM case_events WHERE case_id = $1 AND data::jsonb ->> 'statement' IS NOT NULL", [ids.caseB])).rows[0]!.id;
    ids.attachmentA = (await addAttachment(services, t.app.attachments, office, { caseId: ids.caseA, fileName: 'a.jpg', mediaType: 'image/jpeg', dataBase64: 'aGVsbG8=' })).id;
    ids.attachmentB = (await addAttachment(services, t.app.attachments, office, { caseId: ids.caseB, fileName: 'b.jpg', mediaType: 'image/jpeg', dataBase64: 'd29ybGQ=' })).id;
    ids.improvementA = await createImprovement(services, office, { title: 'Straßen prüfen', description: 'x', departmentId: ids.roads, links: [{ caseId: ids.caseA }] });
    ids.improvementB = await createImprovement(services, office, { title: 'Bänke tauschen', description: 'y', departmentId: ids.parks, links: [{ caseId: ids.caseB }] });
  });

  afterAll(async () => {
    for (const client of clients) await client.end().catch(() => {});
    await t?.cleanup();
  });

  it('gives every user created through the service a login role in the group of their office role, with their password', async () => {
    const { rows } = await owner.query<{ username: string; rolname: string; rolcanlogin: boolean; groups: string[]; rolpassword: string | null; rolsuper: boolean; rolcreaterole: boolean; rolbypassrls: boolean }>(`
      SELECT u.username, r.rolname, r.rolcanlogin, r.rolsuper, r.rolcreaterole, r.rolbypassrls, a.rolpassword,
        array(SELECT g.rolname::text FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid WHERE m.member = r.oid ORDER BY 1) AS groups
      FROM users u JOIN login_roles l ON l.user_id = u.id JOIN pg_roles r ON r.rolname = l.role_name JOIN pg_authid a ON a.oid = r.oid
      ORDER BY u.username`);
    const prefix = 'ombudsdesk_template'; // the test databases are copies of the migrated template and keep its prefix
    const byName = Object.fromEntries(rows.map((row) => [row.username, row]));
    expect(Object.keys(byName).sort()).toEqual(['admin', 'bernd', 'dieter', 'edgar', 'hanna', 'olga']);
    expect(byName.hanna!.rolname).toBe(`${connection.database}_hanna`);
    expect(byName.admin!.groups).toEqual([`${prefix}_admin`]);
    expect(byName.olga!.groups).toEqual([`${prefix}_office`]);
    expect(byName.dieter!.groups).toEqual([`${prefix}_office`]);
    expect(byName.hanna!.groups).toEqual([`${prefix}_department_head`]);
    expect(byName.edgar!.groups).toEqual([`${prefix}_executive`]);
    for (const row of rows) {
      expect(row.rolcanlogin, row.username).toBe(true);
      expect([row.rolsuper, row.rolcreaterole, row.rolbypassrls], row.username).toEqual([false, false, false]);
      expect(verifies(row.rolpassword!, row.username === 'admin' ? ADMIN_PASSWORD : STAFF_PASSWORD), row.username).toBe(true);
      expect(verifies(row.rolpassword!, 'wrong-password'), row.username).toBe(false);
    }
  });

  it('lets a department head read and change their department only: zero rows of the other department, writes refused', async () => {
    const head = await connectAs(users.headRoads.id);
    const { caseA, caseB, improvementA, improvementB, attachmentA, attachmentB, statementB } = ids;
    // What is theirs is there (so this is not "deny all")...
    expect((await head.query('SELECT id FROM cases ORDER BY id')).rows.map((r) => r.id)).toEqual([caseA]);
    expect((await head.query('SELECT id FROM improvements')).rows.map((r) => r.id)).toEqual([improvementA]);
    expect((await head.query('SELECT id FROM attachments')).rows.map((r) => r.id)).toEqual([attachmentA]);
    expect(await rowCount(head, 'SELECT 1 FROM case_events WHERE case_id = $1', [caseA])).toBeGreaterThan(0);
    expect(await rowCount(head, 'SELECT 1 FROM improvement_events WHERE improvement_id = $1', [improvementA])).toBeGreaterThan(0);
    expect(await rowCount(head, 'SELECT 1 FROM case_search WHERE rowid = $1', [caseA])).toBe(1);
    expect(await rowCount(head, 'SELECT 1 FROM improvement_cases WHERE improvement_id = $1', [improvementA])).toBe(1);
    // ...and nothing of the other department is, however it is asked for.
    for (const [text, id] of [
      ['SELECT * FROM cases WHERE id = $1', caseB],
      ['SELECT * FROM case_events WHERE case_id = $1', caseB],
      ['SELECT * FROM case_events WHERE id = $1', statementB],
      ["SELECT * FROM case_events WHERE data LIKE '%' || $1 || '%'", 'Grünflächen'],
      ['SELECT * FROM case_pauses WHERE case_id = $1', caseB],
      ['SELECT * FROM attachments WHERE id = $1', attachmentB],
      ['SELECT * FROM case_search WHERE rowid = $1', caseB],
      ["SELECT * FROM case_search WHERE excerpt LIKE '%' || $1 || '%'", 'Geheimnis'],
      ['SELECT * FROM improvements WHERE id = $1', improvementB],
      ['SELECT * FROM improvement_events WHERE improvement_id = $1', improvementB],
      ['SELECT * FROM improvement_cases WHERE improvement_id = $1 OR case_id = $1', improvementB],
      ['SELECT * FROM notifications WHERE user_id <> $1', users.headRoads.id],
      ['SELECT * FROM request_ids WHERE user_id <> $1', users.headRoads.id],
    ] as const) {
      expect(await rowCount(head, text, [id]), text).toBe(0);
    }
    // Changes to the other department's rows change nothing (no visible row to change)...
    expect(await rowCount(head, "UPDATE cases SET subject = 'gehackt' WHERE id = $1", [caseB])).toBe(0);
    expect(await rowCount(head, 'UPDATE cases SET status = status, updated_at = updated_at')).toBe(1); // their own case only (the counts' triggers run as the owner)
    expect(await rowCount(head, "UPDATE improvements SET title = 'gehackt' WHERE id = $1", [improvementB])).toBe(0);
    expect(await rowCount(head, 'UPDATE case_pauses SET to_date = NULL WHERE case_id = $1', [caseB])).toBe(0);
    // ...or is refused outright: moving a case or an improvement out of their departments, a statement on another
    // department's case or in someone else's name, deleting, creating cases, attachments, users.
    expect(await refused(head, 'UPDATE cases SET department_id = $1 WHERE id = $2', [ids.parks, caseA])).toBe(DENIED);
    expect(await refused(head, 'UPDATE improvements SET department_id = $1 WHERE id = $2', [ids.parks, improvementA])).toBe(DENIED);
    expect(await refused(head, "INSERT INTO case_events (case_id, at, actor_id, type) VALUES ($1, 'now', $2, 'note')", [caseB, users.headRoads.id])).toBe(DENIED);
    expect(await refused(head, "INSERT INTO case_events (case_id, at, actor_id, type) VALUES ($1, 'now', $2, 'note')", [caseA, users.ombudsman.id])).toBe(DENIED);
    expect(await refused(head, "INSERT INTO improvement_events (improvement_id, at, actor_id, type) VALUES ($1, 'now', $2, 'note')", [improvementB, users.headRoads.id])).toBe(DENIED);
    for (const text of [
      'DELETE FROM cases WHERE id = $1', 'DELETE FROM improvements WHERE id = $1', 'DELETE FROM attachments WHERE id = $1',
      "UPDATE attachments SET file_name = 'x' WHERE id = $1", "INSERT INTO attachments (case_id, sha256, file_name, media_type, size, added_at) VALUES ($1, repeat('a', 64), 'x', 'x', 1, 'now')",
      "INSERT INTO cases (reference, year, number, kind, channel, origin, received_at, received_on, subject, status, stage_started_on, ack_due, response_due, created_at, updated_at) VALUES ('X-' || $1, 2026, 99999, 'idea', 'web', 'external', 'now', 'now', 's', 'new', 'now', 'now', 'now', 'now', 'now')",
      "INSERT INTO improvements (title, department_id) VALUES ('x', $1)", 'DELETE FROM improvement_cases WHERE case_id = $1',
      'SELECT password_hash FROM users WHERE id = $1', "UPDATE users SET role = 'admin' WHERE id = $1",
      "UPDATE settings SET value = 'x' WHERE key = $1::text", 'DELETE FROM user_departments WHERE user_id = $1',
      "INSERT INTO user_departments (user_id, department_id) VALUES ($1, 0)",
    ]) {
      expect(await refused(head, text, [caseB]), text).toBe(DENIED);
    }
    // The search vocabulary and the inbox counts (migration 0028): only what their departments' cases hold.
    expect(await rowCount(head, "SELECT term FROM case_search_vocab WHERE term IN ('parkbank', 'kaputt')")).toBe(0);
    expect(await rowCount(owner, "SELECT term FROM case_search_vocab WHERE term IN ('parkbank', 'kaputt')")).toBe(2);
    const headWords = (await head.query<{ term: string }>('SELECT term FROM case_search_vocab ORDER BY term')).rows.map((r) => r.term);
    const caseAWords = (await owner.query<{ words: string[] }>('SELECT words FROM case_search WHERE rowid = $1', [caseA])).rows[0]!.words;
    expect(headWords.length).toBeGreaterThan(0);
    expect(caseAWords).toEqual(expect.arrayContaining(headWords));
    expect(await rowCount(head, 'SELECT * FROM case_counts WHERE department_id <> $1', [ids.roads])).toBe(0);
    expect(await rowCount(head, 'SELECT * FROM case_counts WHERE department_id = $1', [ids.roads])).toBeGreaterThan(0);
    // Their own password: their row only; another user's login is not theirs to touch.
    expect(await rowCount(head, 'UPDATE users SET must_change_password = 0 WHERE id = $1', [users.headRoads.id])).toBe(1);
    expect(await rowCount(head, 'UPDATE users SET must_change_password = 1 WHERE id = $1', [users.admin.id])).toBe(0);
    expect(await refused(head, 'SELECT ombudsdesk_sync_login($1, NULL)', [users.admin.id])).toBe(DENIED);
    // The allowed writes work: a note in their own name on their case, their improvement's status.
    expect(await rowCount(head, "INSERT INTO case_events (case_id, at, actor_id, type, data) VALUES ($1, 'now', $2, 'note', '{}')", [caseA, users.headRoads.id])).toBe(1);
    expect(await rowCount(head, "UPDATE improvements SET status = status WHERE id = $1", [improvementA])).toBe(1);
    // Nothing of the other department changed meanwhile.
    const { rows } = await owner.query('SELECT subject, status, department_id FROM cases WHERE id = $1', [caseB]);
    expect(rows[0]).toEqual({ subject: 'Parkbank kaputt', status: 'open', department_id: ids.parks });
  });

  /**
   * What the executive writes (migration 0028), each limited further below: their own jobs, request ids, markers and
   * notifications, the sign-in throttle, a kiosk's votes, and the prize draw (a new draw, its result columns, the
   * winners' follow-up).
   */
  const EXECUTIVE_WRITES: Record<string, ('INSERT' | 'UPDATE' | 'DELETE')[]> = {
    jobs: ['INSERT', 'UPDATE'],
    request_ids: ['INSERT', 'UPDATE'],
    user_markers: ['INSERT', 'UPDATE'],
    notifications: ['UPDATE'],
    auth_failures: ['INSERT', 'DELETE'],
    barometer_votes: ['INSERT'],
    prize_draws: ['INSERT'],
    prize_draw_events: ['INSERT'],
  };

  it('lets the executive read every table and write none but their own bookkeeping and the prize draw', async () => {
    const executive = await connectAs(users.executive.id);
    const tables = (await owner.query<{ tablename: string }>('SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1')).rows.map((r) => r.tablename);
    expect(tables.length).toBeGreaterThan(30);
    for (const table of tables) {
      const column = (await owner.query<{ column_name: string }>('SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position LIMIT 1', [table])).rows[0]!.column_name;
      const quoted = executive.escapeIdentifier(table);
      const col = executive.escapeIdentifier(column);
      if (table !== 'users') await executive.query(`SELECT count(*) FROM ${quoted}`);
      const allowed = EXECUTIVE_WRITES[table] ?? [];
      if (!allowed.includes('INSERT')) expect(await refused(executive, `INSERT INTO ${quoted} DEFAULT VALUES`), table).toBe(DENIED);
      // The first column is the id (or key): an UPDATE of it is refused even where some columns may be updated (the
      // prize draw's result); the tables they may update are their own rows only (checked below).
      if (!allowed.includes('UPDATE')) expect(await refused(executive, `UPDATE ${quoted} SET ${col} = ${col}`), table).toBe(DENIED);
      if (!allowed.includes('DELETE')) expect(await refused(executive, `DELETE FROM ${quoted}`), table).toBe(DENIED);
      expect(await refused(executive, `TRUNCATE ${quoted}`), table).toBe(DENIED);
    }
    // The allowed writes stay theirs: nobody else's job, request id or marker; a draw's entry list is never theirs to change.
    const me = users.executive.id;
    expect(await refused(executive, "INSERT INTO jobs (kind, status, user_id, started_at) VALUES ('x', 'running', $1, 'now')", [users.ombudsman.id])).toBe(DENIED);
    expect(await rowCount(executive, "INSERT INTO jobs (kind, status, user_id, started_at) VALUES ('x', 'running', $1, 'now')", [me])).toBe(1);
    expect(await rowCount(executive, 'SELECT 1 FROM jobs WHERE user_id <> $1', [me])).toBe(0);
    expect(await refused(executive, "INSERT INTO request_ids (id, channel, user_id, result, at) VALUES (repeat('r', 36), 'x', $1, '{}', 'now')", [users.ombudsman.id])).toBe(DENIED);
    expect(await refused(executive, 'UPDATE prize_draws SET entries = entries')).toBe(DENIED);
    expect(await rowCount(executive, 'UPDATE notifications SET read_at = read_at WHERE user_id <> $1', [me])).toBe(0);
    await owner.query("INSERT INTO jobs (kind, status, user_id, started_at) VALUES ('x', 'running', $1, 'now')", [users.ombudsman.id]);
    await owner.query("INSERT INTO request_ids (id, channel, user_id, result, at) VALUES (repeat('o', 36), 'x', $1, '{}', 'now')", [users.ombudsman.id]);
    for (const table of ['jobs', 'request_ids']) {
      expect(await rowCount(owner, `SELECT 1 FROM ${table} WHERE user_id <> $1`, [me]), table).toBeGreaterThan(0);
      expect(await rowCount(executive, `UPDATE ${table} SET user_id = user_id WHERE user_id <> $1`, [me]), table).toBe(0);
    }
    expect((await executive.query('SELECT id FROM cases ORDER BY id')).rows.map((r) => r.id)).toEqual([ids.caseA, ids.caseB]);
    expect(await rowCount(executive, 'SELECT id, username, role FROM users')).toBe(6);
    expect(await refused(executive, 'SELECT password_hash FROM users')).toBe(DENIED);
    expect(await refused(executive, 'SELECT ombudsdesk_sync_login($1, NULL)', [users.admin.id])).toBe(DENIED);
  });

  it('refuses everyone but the owner UPDATE, DELETE and TRUNCATE of the timelines and the draw protocol', async () => {
    for (const user of Object.values(users)) {
      const client = await connectAs(user.id);
      for (const table of APPEND_ONLY) {
        for (const text of [`UPDATE ${table} SET id = id`, `DELETE FROM ${table}`, `TRUNCATE ${table} CASCADE`]) {
          expect(await refused(client, text), `${user.role}: ${text}`).toBe(DENIED);
        }
      }
    }
    // The office still appends (so the refusal above is the table's, not the connection's).
    const office = await connectAs(users.deputy.id);
    expect(await rowCount(office, "INSERT INTO case_events (case_id, at, actor_id, type, data) VALUES ($1, 'now', $2, 'note', '{}')", [ids.caseB, users.deputy.id])).toBe(1);
  });

  it('lets the office read and work on every department, but not users, settings or password hashes; the admin those', async () => {
    const office = await connectAs(users.ombudsman.id);
    expect((await office.query('SELECT id FROM cases ORDER BY id')).rows.map((r) => r.id)).toEqual([ids.caseA, ids.caseB]);
    expect(await rowCount(office, 'SELECT 1 FROM case_events WHERE id = $1', [ids.statementB])).toBe(1);
    expect(await rowCount(office, "UPDATE cases SET priority = 'high' WHERE id = $1", [ids.caseB])).toBe(1);
    expect(await refused(office, 'SELECT password_hash FROM users')).toBe(DENIED);
    expect(await refused(office, "UPDATE users SET role = 'admin' WHERE id = $1", [users.ombudsman.id])).toBe(DENIED);
    // Settings: the last Open311 endpoint is the office's to keep (migration 0028); no other key changes.
    expect(await rowCount(office, "UPDATE settings SET value = value WHERE key <> 'open311_endpoint'")).toBe(0);
    expect(await refused(office, "INSERT INTO settings (key, value) VALUES ('deadline_rules', '{}')")).toBe(DENIED);
    expect(await refused(office, "INSERT INTO departments (name, created_at) VALUES ('x', 'now')")).toBe(DENIED);
    expect(await refused(office, 'SELECT ombudsdesk_sync_login($1, NULL)', [users.deputy.id])).toBe(DENIED);
    const admin = await connectAs(users.admin.id);
    expect(await rowCount(admin, 'SELECT password_hash FROM users')).toBe(6);
    expect(await rowCount(admin, "UPDATE settings SET value = value")).toBeGreaterThanOrEqual(0);
    expect(await rowCount(admin, "UPDATE cases SET priority = 'low' WHERE id = $1", [ids.caseA])).toBe(1); // the office's rights
  });

  it('follows the users service: a new password, a role change, a rename and a deactivation', async () => {
    const before = await roleOf(users.headParks.id);
    await changePassword(t.app.services, users.headParks.id, STAFF_PASSWORD, 'a-much-better-secret-42');
    expect(verifies(await storedVerifier(before), 'a-much-better-secret-42')).toBe(true);
    expect(verifies(await storedVerifier(before), STAFF_PASSWORD)).toBe(false);
    // Parks' head becomes the executive, renamed: another group, another role name, the password kept.
    await saveUser(t.app.services, { id: users.headParks.id, username: 'Bernadette', displayName: 'Bernadette', role: 'executive', departmentIds: [], language: 'de', active: true });
    const renamed = await roleOf(users.headParks.id);
    expect(renamed).toBe(`${connection.database}_bernadette`);
    expect(verifies(await storedVerifier(renamed), 'a-much-better-secret-42')).toBe(true);
    const groups = await owner.query<{ rolname: string }>('SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = $1', [renamed]);
    expect(groups.rows.map((r) => r.rolname)).toEqual(['ombudsdesk_template_executive']);
    const asExecutive = await connectAs(users.headParks.id);
    expect(await refused(asExecutive, "UPDATE improvements SET status = status WHERE id = $1", [ids.improvementB])).toBe(DENIED);
    // Deactivated: the role may no longer log in.
    await saveUser(t.app.services, { id: users.headParks.id, username: 'Bernadette', displayName: 'Bernadette', role: 'executive', departmentIds: [], language: 'de', active: false });
    const { rows } = await owner.query<{ rolcanlogin: boolean }>('SELECT rolcanlogin FROM pg_roles WHERE rolname = $1', [renamed]);
    expect(rows[0]!.rolcanlogin).toBe(false);
    await expect(connectAs(users.headParks.id)).rejects.toThrow(/not permitted to log in/);
  });

  async function storedVerifier(role: string): Promise<string> {
    return (await owner.query<{ rolpassword: string }>('SELECT rolpassword FROM pg_authid WHERE rolname = $1', [role])).rows[0]!.rolpassword;
  }
});

/** Whether a stored SCRAM-SHA-256 verifier belongs to this password (what the server checks at sign-in). */
function verifies(stored: string, password: string): boolean {
  const match = /^SCRAM-SHA-256\$(\d+):([^$]+)\$([^:]+):(.+)$/.exec(stored);
  if (!match) return false;
  const salt = Buffer.from(match[2]!, 'base64');
  const salted = pbkdf2Sync(password, salt, Number(match[1]), 32, 'sha256');
  const storedKey = createHash('sha256').update(createHmac('sha256', salted).update('Client Key').digest()).digest().toString('base64');
  return storedKey === match[3] && scramVerifier(password, salt, Number(match[1])) === stored;
}
