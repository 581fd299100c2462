// Issue 11, items 3 and 5, against the run's real PostgreSQL server (npm run test:pg): `db init` (and its refusal of a
// newer schema), `db copy` from a SQLite office (tables, attachment files, sequences, verification, the SQLite file
// untouched, a non-empty target refused), `backup` as pg_dump and its documented restore with pg_restore, and the
// connection test's outcomes for each failure the test server can produce.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openAppContext } from '../../main/app-context.ts';
import { testPostgresConnection } from '../../main/db/postgres/admin.ts';
import { toPgConnection } from '../../main/db/postgres/connection.ts';
import { MIGRATIONS } from '../../main/db/postgres/migrations/index.ts';
import { createAttachmentStore } from '../../main/services/attachment-store.ts';
import { getAttachment } from '../../main/services/attachments.ts';
import { createCase } from '../../main/services/cases.ts';
import { searchCases } from '../../main/services/case-list.ts';
import { onPostgres, removeTempDirs, tempDir } from '../support/temp-app.ts';

afterAll(removeTempDirs);
const cli = fileURLToPath(new URL('../../main/cli.ts', import.meta.url));

function run(...args: string[]) {
  return spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, OMBUDSDESK_ADMIN_PASSWORD: 'cli-admin-password' },
  });
}

if (!onPostgres) console.log('postgres-connect.test.ts: skipped (run with npm run test:pg)');

describe.skipIf(!onPostgres)('a shared PostgreSQL server', () => {
  const server = inject('postgres')!;
  const created: string[] = [];
  let n = 0;

  async function admin<T = unknown>(statement: string, database = 'postgres'): Promise<T[]> {
    const client = new pg.Client({ host: server.host, port: server.port, user: server.user, database });
    await client.connect();
    try {
      return (await client.query(statement)).rows as T[];
    } finally {
      await client.end();
    }
  }
  async function freshDatabase(): Promise<string> {
    const name = `pgc_${process.pid}_${++n}`;
    await admin(`CREATE DATABASE ${name}`);
    created.push(name);
    return name;
  }
  const urlOf = (database: string, user = server.user) => `postgres://${user}@/${database}?host=${encodeURIComponent(server.host)}&port=${server.port}`;
  const connectionOf = (database: string) => ({ host: server.host, port: server.port, user: server.user, database });
  // The counts and volumes that PostgreSQL's triggers keep: SQLite keeps rows that dropped to 0, a copy makes none.
  const countSql = (table: string) => `SELECT count(*) AS n FROM ${table}${['case_counts', 'case_volumes'].includes(table) ? ' WHERE n <> 0' : ''}`;
  const countsOf = async (database: string, tables: string[]) =>
    Object.fromEntries(await Promise.all(tables.map(async (table) => [table, Number((await admin<{ n: string }>(countSql(table), database))[0]!.n)])));

  afterAll(async () => {
    for (const name of created) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  describe('db init', () => {
    it('creates the schema in an empty database, and the second run has nothing to do', async () => {
      const db = await freshDatabase();
      const first = run('db', 'init', '--engine', 'postgres', '--url', urlOf(db));
      expect(first.status, first.stderr).toBe(0);
      expect(first.stdout).toContain(`${MIGRATIONS.length} migration(s) applied`);
      const ids = await admin<{ id: string }>('SELECT id FROM schema_migrations ORDER BY position', db);
      expect(ids.map((row) => row.id)).toEqual(MIGRATIONS.map((m) => m.id));
      const again = run('db', 'init', '--engine', 'postgres', '--url', urlOf(db));
      expect(again.status, again.stderr).toBe(0);
      expect(again.stdout).toContain('nothing to do');
    }, 60_000);

    it('refuses a database with a newer schema than this app, with a clear sentence, and changes nothing', async () => {
      const db = await freshDatabase();
      await admin(`CREATE TABLE schema_migrations (position integer PRIMARY KEY, id text NOT NULL UNIQUE, applied_at text NOT NULL)`, db);
      const values = [...MIGRATIONS.map((m) => m.id), '9999_from_the_future'].map((id, i) => `(${i + 1}, '${id}', 'x')`).join(', ');
      await admin(`INSERT INTO schema_migrations VALUES ${values}`, db);
      const result = run('db', 'init', '--engine', 'postgres', '--url', urlOf(db));
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('The database has a newer schema than this version of Ombudsdesk (it has migration 9999_from_the_future');
      expect(result.stderr).toContain('the database was not changed');
      const tables = await admin<{ n: string }>("SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'", db);
      expect(Number(tables[0]!.n)).toBe(1);
    }, 60_000);

    it('explains a URL without a database', () => {
      const result = run('db', 'init', '--engine', 'postgres', '--url', 'postgres://someone@localhost');
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('names no database');
    });
  });

  describe('db copy and backup', () => {
    const dataDir = tempDir();
    const sqliteFile = path.join(dataDir, 'ombudsdesk.sqlite');
    const fileSum = () => createHash('sha256').update(readFileSync(sqliteFile)).digest('hex');
    let target: string;
    let tables: string[];
    let sqliteCounts: Record<string, number>;
    const pdf = Buffer.from('%PDF-1.4 Ombudsdesk attachment\n');
    const photo = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));

    beforeAll(async () => {
      // A SQLite office with demo cases, users and events (the CLI's demo, in a process of its own: one engine per
      // process), and three attachments of two contents (stored once each), put in as the attachment store keeps them.
      const demo = run('demo', '--cases', '40', '--seed', '5', '--data-dir', dataDir);
      expect(demo.status, demo.stderr).toBe(0);
      const store = createAttachmentStore(path.join(dataDir, 'attachments'));
      const office = new BetterSqlite3(sqliteFile);
      const insert = office.prepare('INSERT INTO attachments (case_id, sha256, file_name, media_type, size, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, NULL)');
      for (const [caseId, bytes, name] of [[1, pdf, 'Brief.pdf'], [2, photo, 'Foto.jpg'], [3, pdf, 'Kopie.pdf']] as const) {
        insert.run(caseId, store.putFile(bytes), name, 'application/octet-stream', bytes.length, '2026-05-04T10:00:00.000Z');
      }
      office.close();
      const sqlite = new BetterSqlite3(sqliteFile, { readonly: true });
      tables = (sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'case_search%' AND name <> 'schema_migrations'").pluck().all() as string[]);
      sqliteCounts = Object.fromEntries(tables.map((table) => [table, sqlite.prepare(countSql(table)).pluck().get() as number]));
      sqlite.close();
      target = await freshDatabase();
      expect(run('db', 'init', '--engine', 'postgres', '--url', urlOf(target)).status).toBe(0);
    }, 120_000);

    it('copies every table and attachment file, verified, and leaves the SQLite file untouched', async () => {
      expect(sqliteCounts.cases).toBe(40);
      expect(sqliteCounts.attachments).toBe(3);
      const before = fileSum();
      const filesBefore = readdirSync(dataDir).sort();
      const result = run('db', 'copy', '--to', urlOf(target), '--data-dir', dataDir);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/Copied .* \d+ tables, \d+ rows and 2 attachment files .* verified by row count and checksum/);
      expect(fileSum()).toBe(before);
      expect(readdirSync(dataDir).sort()).toEqual(filesBefore);
      expect(await countsOf(target, tables)).toEqual(sqliteCounts);
      const contents = await admin<{ sha256: string; size: number; ok: boolean }>("SELECT sha256, size, encode(sha256(content), 'hex') = sha256 AS ok FROM attachment_contents ORDER BY size", target);
      expect(contents.map((row) => [row.size, row.ok])).toEqual([[31, true], [5000, true]]);
    }, 120_000);

    it('leaves the copied office working on PostgreSQL: the next ids follow the copied ones, the search finds copied cases, the attachments read back from the database', async () => {
      const app = await openAppContext({ dataDir: tempDir(), engine: { kind: 'postgres', connection: connectionOf(target) } });
      try {
        expect(app.firstRunNotice).toBeNull(); // the copied admin is there
        const [office] = await admin<{ id: number }>("SELECT id FROM users WHERE role = 'ombudsman' ORDER BY id LIMIT 1", target);
        const actor = { id: office!.id, role: 'ombudsman' as const, departmentIds: [] };
        const id = await createCase(app.services, actor, {
          kind: 'complaint', channel: 'phone', origin: 'external', priority: 'normal', subject: 'Nach dem Umzug', description: 'Erster Fall auf dem Server',
          submitter: { anonymous: true, name: null, email: null, phone: null, address: null, organisation: null, language: 'de', consent: false, consentText: null },
        });
        expect(id).toBe(41);
        const [copied] = await admin<{ id: number; subject: string }>('SELECT id, subject FROM cases WHERE id = 7', target);
        const hits = await searchCases(app.services, actor, copied!.subject, 10);
        expect(hits.map((hit) => hit.id)).toContain(7);
        // The copied attachments read back through the app from the database, byte for byte, at a seat whose data
        // folder (a fresh one) holds no attachment file.
        const attachments = await admin<{ id: number; case_id: number }>('SELECT id, case_id FROM attachments ORDER BY id', target);
        expect(attachments.map((row) => row.case_id)).toEqual([1, 2, 3]);
        const read = async (id: number) => Buffer.from((await getAttachment(app.services, app.attachments, actor, id)).dataBase64, 'base64');
        expect((await read(attachments[0]!.id)).equals(pdf)).toBe(true);
        expect((await read(attachments[1]!.id)).equals(photo)).toBe(true);
        expect((await read(attachments[2]!.id)).equals(pdf)).toBe(true);
        expect(existsSync(path.join(app.dataDir, 'attachments'))).toBe(false);
      } finally {
        await app.close();
      }
    }, 60_000);

    it('refuses a target that is not empty, and changes nothing there', async () => {
      const before = await countsOf(target, ['cases', 'users', 'attachment_contents']);
      const result = run('db', 'copy', '--to', urlOf(target), '--data-dir', dataDir);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/nothing was copied: the target database is not empty \(table \w+ has \d+ rows\)/);
      expect(await countsOf(target, ['cases', 'users', 'attachment_contents'])).toEqual(before);
    }, 60_000);

    it('refuses a database that is not initialised', async () => {
      const empty = await freshDatabase();
      const result = run('db', 'copy', '--to', urlOf(empty), '--data-dir', dataDir);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('the target database is not migrated');
    }, 60_000);

    it('backs the server up with pg_dump (temp name, then renamed) and restores it into a fresh database with equal counts', async () => {
      const folder = tempDir();
      const file = path.join(folder, 'office.dump');
      const result = run('backup', file, '--url', urlOf(target));
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toContain('pg_dump custom format');
      expect(readdirSync(folder)).toEqual(['office.dump']);
      expect(readFileSync(file).subarray(0, 5).toString()).toBe('PGDMP');
      // The documented restore: an empty database, then pg_restore --no-owner into it.
      const restored = await freshDatabase();
      const restore = spawnSync('pg_restore', ['--no-owner', `--dbname=${restored}`, file], {
        encoding: 'utf8',
        env: { ...process.env, PGHOST: server.host, PGPORT: String(server.port), PGUSER: server.user },
      });
      expect(restore.status, restore.stderr).toBe(0);
      const all = [...tables, 'attachment_contents', 'case_search', 'schema_migrations'];
      expect(await countsOf(restored, all)).toEqual(await countsOf(target, all));
    }, 120_000);

    it('refuses a broken dump and leaves no file under the target name', async () => {
      const folder = tempDir();
      const { openPostgres } = await import('../../main/db/postgres/index.ts');
      const engine = await openPostgres(connectionOf(target), { migrate: false });
      try {
        await expect(engine.backup(path.join(folder, 'x.dump'), { beforeVerify: (temp) => writeFileSync(temp, 'not a dump') })).rejects.toThrow(/backup verification failed/);
      } finally {
        await engine.close();
      }
      expect(readdirSync(folder)).toEqual([]);
    }, 60_000);
  });

  describe('the command line on a server', () => {
    it("opens no LISTEN connection for the windows' live refresh: it has no windows", async () => {
      const database = await freshDatabase();
      const dataDir = tempDir();
      writeFileSync(path.join(dataDir, 'connection.json'), JSON.stringify({ engine: 'postgres', host: server.host, port: server.port, database, user: server.user, sslmode: 'disable' }));
      const child = spawn(process.execPath, ['--experimental-strip-types', '--no-warnings', cli, 'demo', '--cases', '300', '--seed', '3', '--data-dir', dataDir], {
        env: { ...process.env, OMBUDSDESK_ADMIN_PASSWORD: 'cli-admin-password' },
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      let running = true;
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code))).finally(() => (running = false));
      // The CLI's sessions on its database, looked at while it runs: what each last sent.
      const seen = new Set<string>();
      while (running) {
        const rows = await admin<{ query: string }>(`SELECT query FROM pg_stat_activity WHERE datname = '${database}' AND pid <> pg_backend_pid()`);
        for (const row of rows) seen.add(row.query);
        await sleep(20);
      }
      expect(await exited, stderr).toBe(0);
      expect(seen.size).toBeGreaterThan(0);
      expect([...seen].filter((query) => /^\s*LISTEN\b/i.test(query))).toEqual([]);
    }, 120_000);
  });

  describe('testing a connection', () => {
    it('answers OK with the server version for a migrated database', async () => {
      const db = await freshDatabase();
      expect(run('db', 'init', '--engine', 'postgres', '--url', urlOf(db)).status).toBe(0);
      const result = await testPostgresConnection(connectionOf(db));
      expect(result.outcome).toBe('ok');
      expect(result.serverVersion).toMatch(/^\d+/);
    }, 60_000);

    it('says "not migrated" for an empty database, and "newer schema" for a database with a future migration', async () => {
      const db = await freshDatabase();
      expect((await testPostgresConnection(connectionOf(db))).outcome).toBe('not_migrated');
      await admin(`CREATE TABLE schema_migrations (position integer PRIMARY KEY, id text NOT NULL UNIQUE, applied_at text NOT NULL)`, db);
      const values = [...MIGRATIONS.map((m) => m.id), '9999_from_the_future'].map((id, i) => `(${i + 1}, '${id}', 'x')`).join(', ');
      await admin(`INSERT INTO schema_migrations VALUES ${values}`, db);
      const newer = await testPostgresConnection(connectionOf(db));
      expect(newer.outcome).toBe('newer_schema');
      expect(newer.serverVersion).toMatch(/^\d+/);
    }, 60_000);

    it('says "unreachable" for a port nobody listens on, and "database missing" for a database that does not exist', async () => {
      const tcp = await testPostgresConnection(toPgConnection({ host: '127.0.0.1', port: 1, database: 'x', user: 'x', sslmode: 'verify-full' }));
      expect(tcp.outcome).toBe('unreachable');
      const socket = await testPostgresConnection({ ...connectionOf('postgres'), port: server.port + 1 });
      expect(socket.outcome).toBe('unreachable');
      expect((await testPostgresConnection(connectionOf('no_such_database'))).outcome).toBe('database_missing');
    });

    it('says "wrong password" when the server refuses the password (scram for one role over the socket)', async () => {
      // The test server trusts its socket; for this role alone it asks for a password (pg_hba.conf is read top down).
      const hba = path.join(server.host, 'data', 'pg_hba.conf');
      writeFileSync(hba, `local all ombudsdesk_pw scram-sha-256\n${readFileSync(hba, 'utf8')}`);
      await admin(`DO $$ BEGIN CREATE ROLE ombudsdesk_pw LOGIN PASSWORD 'right-password'; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
      await admin('SELECT pg_reload_conf()');
      const as = (password: string | undefined) => testPostgresConnection({ ...connectionOf('postgres'), user: 'ombudsdesk_pw', ...(password ? { password } : {}) });
      expect((await as('wrong-password')).outcome).toBe('wrong_password');
      expect((await as(undefined)).outcome).toBe('wrong_password');
      expect((await as('right-password')).outcome).toBe('not_migrated'); // reached and signed in: the postgres database has no schema
    });

    it('says "certificate" when the CA file for verify-full cannot be read', async () => {
      const result = await testPostgresConnection(toPgConnection({ host: '127.0.0.1', port: 1, database: 'x', user: 'x', sslmode: 'verify-full', caFile: '/nonexistent/ca.pem' }));
      expect(result.outcome).toBe('certificate');
    });
  });
});
