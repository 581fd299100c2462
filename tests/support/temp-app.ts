// A real data folder in a temp directory, with a controllable clock, for integration tests. With
// OMBUDSDESK_TEST_ENGINE=postgres the database is a fresh PostgreSQL database per app, copied from the migrated template
// of the run's throwaway server (tests/support/postgres.ts); the data folder still holds attachments and jobs' files.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { inject } from 'vitest';
import { openAppContext, type AppContext } from '../../main/app-context.ts';
import type { EngineConfig } from '../../main/db/open.ts';
import type { PostgresEngine } from '../../main/db/postgres/index.ts';
import type { SqliteEngine } from '../../main/db/sqlite/index.ts';
import type { Actor } from '../../main/services/actor.ts';
import { saveDepartment } from '../../main/services/departments.ts';
import { saveUser } from '../../main/services/users.ts';
import type { Role } from '../../main/domain/model.ts';

export const ADMIN_PASSWORD = 'first-admin-password';
export const STAFF_PASSWORD = 'staff-password-123';

export interface TempApp {
  app: AppContext;
  dir: string;
  /** The app's database, to open it again (openAppContext's engine option). */
  engine: EngineConfig;
  setNow(iso: string): void;
  /** Creates a user (password already changed) and returns it as an Actor. */
  user(username: string, role: Role, departmentIds?: number[]): Promise<Actor>;
  department(name: string): Promise<number>;
  cleanup(): Promise<void>;
}

const made: string[] = [];

/** A fresh folder under the system temp dir; removeTempDirs() (an afterAll) deletes them all. */
export function tempDir(prefix = 'ombudsdesk-test-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The raw better-sqlite3 connection under an app, for fixtures and counts (tests may reach under the engine). */
export function rawDb(app: AppContext | SqliteEngine): BetterSqlite3.Database {
  const engine = 'sqlite' in app ? app : app.engine;
  if (!('sqlite' in engine)) throw new Error(`rawDb: this test reaches under the engine with SQLite's raw connection; the engine is ${engine.kind}`);
  return (engine as SqliteEngine).sqlite;
}

/**
 * A statement run under the engine, either one (`?` placeholders, numbered for PostgreSQL): its rows. For fixtures and
 * checks that need no engine-specific SQL; rawDb stays for what only SQLite has.
 */
export async function rawQuery<R = Record<string, unknown>>(app: AppContext, text: string, params: unknown[] = []): Promise<R[]> {
  const engine = app.engine;
  if ('sqlite' in engine) {
    const statement = (engine as SqliteEngine).sqlite.prepare(text);
    if (statement.reader) return statement.all(...params) as R[];
    statement.run(...params);
    return [];
  }
  let n = 0;
  const { rows } = await (engine as PostgresEngine).pool.query(text.replace(/\?/g, () => `$${++n}`), params);
  return rows as R[];
}

/** The first column of the first row of rawQuery (undefined without rows). */
export async function rawValue<T>(app: AppContext, text: string, params: unknown[] = []): Promise<T> {
  const [row] = await rawQuery<Record<string, unknown>>(app, text, params);
  return (row ? Object.values(row)[0] : undefined) as T;
}

/** Whether this run's tests use PostgreSQL (OMBUDSDESK_TEST_ENGINE=postgres). */
export const onPostgres = process.env.OMBUDSDESK_TEST_ENGINE === 'postgres';

let databases = 0;

/**
 * The engine for a new test app: SQLite in `dir`, or on a PostgreSQL run a new database copied from the template
 * (dropped again by the returned drop()).
 */
export async function testEngine(dir: string): Promise<{ config: EngineConfig; drop(): Promise<void> }> {
  if (!onPostgres) return { config: { kind: 'sqlite', file: path.join(dir, 'ombudsdesk.sqlite') }, drop: async () => {} };
  const server = inject('postgres');
  if (!server) throw new Error('OMBUDSDESK_TEST_ENGINE=postgres, but no PostgreSQL test server was started (tests/support/postgres.ts)');
  return copyDatabase(server.template);
}

/**
 * A copy of a test app's database for another app (the app that used it closed first): on SQLite the file in `dir`
 * (the caller copied the data folder there), on PostgreSQL a new database with the source as its template.
 */
export async function copyTestEngine(source: EngineConfig, dir: string): Promise<{ config: EngineConfig; drop(): Promise<void> }> {
  if (source.kind === 'sqlite') return { config: { kind: 'sqlite', file: path.join(dir, path.basename(source.file)) }, drop: async () => {} };
  return copyDatabase(source.connection.database);
}

async function copyDatabase(template: string): Promise<{ config: EngineConfig; drop(): Promise<void> }> {
  const server = inject('postgres');
  if (!server) throw new Error('OMBUDSDESK_TEST_ENGINE=postgres, but no PostgreSQL test server was started (tests/support/postgres.ts)');
  const name = `t_${process.pid}_${++databases}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ host: server.host, port: server.port, user: server.user, database: 'postgres' });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  // Another file's copy may hold the template for a moment ("being accessed by other users", 55006): try again.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin(`CREATE DATABASE ${name} TEMPLATE ${template} STRATEGY FILE_COPY`);
      break;
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    config: { kind: 'postgres', connection: { host: server.host, port: server.port, user: server.user, database: name } },
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

export async function openTempApp(startAt = '2026-03-02T09:00:00'): Promise<TempApp> {
  const dir = tempDir();
  let now = new Date(startAt);
  const engine = await testEngine(dir);
  const app = await openAppContext({ dataDir: dir, now: () => now, adminPassword: ADMIN_PASSWORD, engine: engine.config });
  return {
    app,
    dir,
    engine: engine.config,
    setNow(iso) {
      now = new Date(iso);
    },
    async user(username, role, departmentIds = []) {
      const record = await saveUser(app.services, {
        username,
        displayName: username,
        role,
        departmentIds,
        language: 'de',
        active: true,
        password: STAFF_PASSWORD,
      });
      await app.services.tx(({ db }) => db.updateTable('users').set({ must_change_password: 0 }).where('id', '=', record.id).execute());
      return { id: record.id, role, departmentIds: record.departmentIds };
    },
    async department(name) {
      return (await saveDepartment(app.services, { name, active: true })).id;
    },
    async cleanup() {
      await app.close();
      await engine.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Makes every INSERT into `table` fail (a write that must then leave nothing behind) until the returned function is
 * called: a temp trigger on SQLite's connection, a trigger in the test's own database on PostgreSQL.
 */
export async function refuseInserts(app: AppContext, table: string): Promise<() => Promise<void>> {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`refuseInserts: unexpected table ${table}`);
  const name = `refuse_${table}`;
  if ('sqlite' in app.engine) {
    const sqlite = (app.engine as SqliteEngine).sqlite;
    sqlite.exec(`CREATE TEMP TRIGGER ${name} BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    return async () => void sqlite.exec(`DROP TRIGGER ${name}`);
  }
  const pool = (app.engine as PostgresEngine).pool;
  await pool.query(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$`);
  await pool.query(`CREATE TRIGGER ${name} BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`);
  return async () => {
    await pool.query(`DROP TRIGGER ${name} ON ${table}`);
    await pool.query(`DROP FUNCTION ${name}()`);
  };
}

/**
 * Every row of every table but `except` (and SQLite's own and FTS tables), as one string, on either engine: "changed
 * nothing" means it is equal before and after. Rows are compared as a sorted list, not in storage order.
 */
export async function snapshotTables(app: AppContext, except: readonly string[] = []): Promise<string> {
  const skip = new Set(except);
  const tables = (
    await rawQuery<{ name: string }>(
      app,
      'sqlite' in app.engine
        ? "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'case_search%' ORDER BY name"
        : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'case_search%' ORDER BY 1",
    )
  )
    .map((row) => row.name)
    .filter((name) => !skip.has(name));
  const parts: string[] = [];
  for (const table of tables) {
    const rows = await rawQuery(app, `SELECT * FROM "${table}"`);
    parts.push(`${table}:${JSON.stringify(rows.map((row) => JSON.stringify(row)).sort())}`);
  }
  return parts.join('\n');
}
