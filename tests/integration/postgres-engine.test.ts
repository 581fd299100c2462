// The PostgreSQL engine's own guarantees (issue 11): the same migration ids as SQLite, append-only tables refused in
// PL/pgSQL, case-insensitive user names, int8 counts as numbers, the draw protocol's text stored byte for byte,
// errors mapped to conflict, and the search's folding. Runs on the throwaway server of OMBUDSDESK_TEST_ENGINE=postgres
// (npm run test:pg); on a SQLite run only the migration list check runs and the rest says why it is skipped.
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { MIGRATIONS as PG_MIGRATIONS } from '../../main/db/postgres/migrations/index.ts';
import { MIGRATIONS as SQLITE_MIGRATIONS } from '../../main/db/sqlite/migrations/index.ts';
import { BUSY_RETRIES, type PostgresEngine } from '../../main/db/postgres/index.ts';
import { createCase } from '../../main/services/cases.ts';
import { searchCases } from '../../main/services/case-list.ts';
import { onPostgres, openTempApp, rawQuery, removeTempDirs, type TempApp } from '../support/temp-app.ts';

afterAll(removeTempDirs);

const ANONYMOUS = { anonymous: true, name: null, email: null, phone: null, address: null, organisation: null, language: 'de', consent: false, consentText: null } as const;

it('ships the same migration ids, in the same order, for both engines', () => {
  expect(PG_MIGRATIONS.map((m) => m.id)).toEqual(SQLITE_MIGRATIONS.map((m) => m.id));
});

if (!onPostgres) console.log('postgres-engine.test.ts: PostgreSQL checks skipped (run with OMBUDSDESK_TEST_ENGINE=postgres, npm run test:pg)');

describe.skipIf(!onPostgres)('the PostgreSQL engine', () => {
  let t: TempApp;
  const pool = () => (t.app.engine as PostgresEngine).pool;
  afterAll(async () => t?.cleanup());

  it('migrates into one history table shaped like SQLite’s', async () => {
    t = await openTempApp();
    expect(t.app.engine.kind).toBe('postgres');
    const { rows } = await pool().query<{ position: number; id: string }>('SELECT position, id FROM schema_migrations ORDER BY position');
    expect(rows.map((r) => r.id)).toEqual(PG_MIGRATIONS.map((m) => m.id));
    expect(rows[0]!.position).toBe(1);
  });

  it('returns int8 counts as numbers', async () => {
    const row = await t.app.engine.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(row.n).toBe(1);
  });

  it('keeps user names unique whatever their case, and finds them in any case', async () => {
    await t.user('Petra', 'ombudsman');
    await expect(t.user('PETRA', 'deputy')).rejects.toThrow();
    const found = await t.app.engine.db.selectFrom('users').select('username').where('username', '=', 'pEtRa').execute();
    expect(found.map((r) => r.username)).toEqual(['Petra']);
  });

  it('refuses to change or delete the timeline, and maps that to a conflict', async () => {
    const actor = await t.user('office', 'ombudsman');
    await createCase(t.app.services, actor, { kind: 'complaint', channel: 'phone', origin: 'external', priority: 'normal', subject: 'Straße kaputt', description: 'Herr Müller ruft an', submitter: { anonymous: false, name: 'Jürgen Müller', email: null, phone: '+49 221 123456', address: null, organisation: null, language: 'de', consent: false, consentText: null } });
    for (const statement of ['UPDATE case_events SET type = $1', 'DELETE FROM case_events WHERE type <> $1']) {
      const error = await pool().query(statement, ['x']).catch((e: unknown) => e);
      expect(String(error)).toMatch(/case_events are append-only/);
      expect(t.app.engine.mapError(error)?.code).toBe('conflict');
    }
    await expect(pool().query('TRUNCATE case_events CASCADE')).rejects.toThrow(/append-only/);
  });

  it('stores JSON text byte for byte (text, not jsonb)', async () => {
    const text = '{ "b": 1,  "a": [1.50, "ü"] }';
    await pool().query('CREATE TEMP TABLE j (v text CHECK (ombudsdesk_json_valid(v)))');
    // (A temp table on one pooled connection: insert and read in one statement.)
    const { rows } = await pool().query<{ v: string }>('WITH i AS (INSERT INTO j VALUES ($1) RETURNING v) SELECT v FROM i', [text]);
    expect(rows[0]!.v).toBe(text);
    await expect(pool().query('INSERT INTO j VALUES ($1)', ['{nope'])).rejects.toThrow();
    await pool().query('DROP TABLE IF EXISTS j');
  });

  it('finds German spellings both ways, phone numbers in any format and one typo', async () => {
    const actor = await t.user('reader', 'deputy');
    for (const query of ['Müller', 'Mueller', 'Muller', 'Strasse', 'Straße', '0221-123456', 'Jurgen Muler']) {
      const hits = await searchCases(t.app.services, actor, query, 10);
      expect(hits.length, query).toBe(1);
    }
  });

  it('keeps references gap-free under concurrent writers', async () => {
    const actor = await t.user('office2', 'deputy');
    await Promise.all(Array.from({ length: 12 }, (_, i) =>
      createCase(t.app.services, actor, { kind: 'idea', channel: 'web', origin: 'internal', priority: 'normal', subject: `Idee ${i}`, description: '', submitter: ANONYMOUS })));
    const { rows } = await pool().query<{ number: number }>('SELECT number FROM cases ORDER BY number');
    expect(rows.map((r) => r.number)).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
    const count = await t.app.engine.db.selectFrom('case_counts').select(sql<number>`sum(n)`.as('n')).executeTakeFirstOrThrow();
    expect(count.n).toBe(rows.length);
  });

  it('runs a deadlock victim again, so both writers succeed and each change is applied once', async () => {
    await rawQuery(t.app, 'CREATE TABLE deadlock_probe (id integer PRIMARY KEY, n integer NOT NULL)');
    await rawQuery(t.app, 'INSERT INTO deadlock_probe VALUES (1, 0), (2, 0)');
    let attempts = 0;
    let arrived = 0;
    let release!: () => void;
    const bothHoldOne = new Promise<void>((resolve) => (release = resolve));
    // Two transactions lock rows 1 and 2 in opposite order; PostgreSQL aborts one with 40P01, ctx.tx runs it again.
    const writer = (first: number, second: number) =>
      t.app.services.tx(async ({ db }) => {
        const attempt = ++attempts;
        await sql`UPDATE deadlock_probe SET n = n + 1 WHERE id = ${first}`.execute(db);
        if (attempt <= 2) {
          if (++arrived === 2) release();
          await bothHoldOne;
        }
        await sql`UPDATE deadlock_probe SET n = n + 1 WHERE id = ${second}`.execute(db);
        return attempt;
      });
    await Promise.all([writer(1, 2), writer(2, 1)]);
    expect(attempts).toBe(3);
    expect(await rawQuery(t.app, 'SELECT id, n FROM deadlock_probe ORDER BY id')).toEqual([{ id: 1, n: 2 }, { id: 2, n: 2 }]);
  });

  it('gives up after a bounded number of attempts with busy, and never repeats other failures', async () => {
    const failing = (code: string) => {
      let calls = 0;
      const run = t.app.services.tx(async () => {
        calls++;
        throw Object.assign(new Error(`simulated ${code}`), { code, severity: 'ERROR' });
      });
      return run.catch((error: unknown) => ({ error, calls }));
    };
    const serialization = await failing('40001');
    expect(serialization.calls).toBe(BUSY_RETRIES + 1);
    expect(t.app.engine.mapError(serialization.error)?.code).toBe('busy');
    const deadlock = await failing('40P01');
    expect(deadlock.calls).toBe(BUSY_RETRIES + 1);
    const unique = await failing('23505');
    expect(unique.calls).toBe(1);
    expect(t.app.engine.mapError(unique.error)?.code).toBe('conflict');
  });
});
