import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { appliedMigrations, migrate, MigrationHistoryError } from '../../main/db/sqlite/migrate.ts';
import { MIGRATIONS } from '../../main/db/sqlite/migrations/index.ts';
import { openSqlite as openDatabase } from '../../main/db/sqlite/index.ts';
import { caseCountsQuery } from '../../main/services/case-list.ts';
import { createServiceContext } from '../../main/services/context.ts';
import { removeTempDirs, tempDir } from '../support/temp-app.ts';

afterAll(removeTempDirs);

const opened: BetterSqlite3.Database[] = [];
function freshFile(): string {
  return path.join(tempDir(), 'test.sqlite');
}
afterEach(async () => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});

describe('migrations', () => {
  it('applies every shipped migration once, in order, and is idempotent', async () => {
    const sqlite = new BetterSqlite3(freshFile());
    opened.push(sqlite);
    expect(migrate(sqlite, MIGRATIONS)).toEqual(MIGRATIONS.map((m) => m.id));
    expect(migrate(sqlite, MIGRATIONS)).toEqual([]);
    expect(appliedMigrations(sqlite)).toEqual(MIGRATIONS.map((m) => m.id));
  });

  it('refuses a database whose applied history is not a prefix of the shipped one', async () => {
    const sqlite = new BetterSqlite3(freshFile());
    opened.push(sqlite);
    migrate(sqlite, MIGRATIONS);
    sqlite.prepare("UPDATE schema_migrations SET id = 'from_a_fork' WHERE position = 1").run();
    expect(() => migrate(sqlite, MIGRATIONS)).toThrow(MigrationHistoryError);
  });

  it('refuses a database that is newer than this version', async () => {
    const sqlite = new BetterSqlite3(freshFile());
    opened.push(sqlite);
    migrate(sqlite, [...MIGRATIONS, { id: '9999_future', sql: 'CREATE TABLE future (x INTEGER) STRICT;' }]);
    expect(() => migrate(sqlite, MIGRATIONS)).toThrow(/diverges at position/);
  });

  it('rolls back a failing migration completely and records nothing for it', async () => {
    const sqlite = new BetterSqlite3(freshFile());
    opened.push(sqlite);
    const broken = { id: '0002_broken', sql: 'CREATE TABLE half (x INTEGER) STRICT; INSERT INTO nowhere VALUES (1);' };
    expect(() => migrate(sqlite, [...MIGRATIONS, broken])).toThrow();
    expect(appliedMigrations(sqlite)).toEqual(MIGRATIONS.map((m) => m.id));
    expect(sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(0);
  });

  it('sets WAL, foreign keys and a busy timeout, and uses STRICT tables', async () => {
    const db = openDatabase(freshFile());
    opened.push(db.sqlite);
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    const tables = db.sqlite
      .prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'case_search%'")
      .all() as { name: string; strict: number }[];
    expect(tables.length).toBeGreaterThan(8);
    for (const table of tables) expect(table.strict, table.name).toBe(1);
  });

  it('pages a broad kind filter along the sort index and counts it from the covering facet index (0002)', async () => {
    const { createServiceContext } = await import('../../main/services/context.ts');
    const { caseListQueries } = await import('../../main/services/case-list.ts');
    const db = openDatabase(freshFile());
    opened.push(db.sqlite);
    const ctx = createServiceContext(db);
    const actor = { id: 1, role: 'ombudsman' as const, departmentIds: [] };
    const { count, ids, page } = caseListQueries(
      ctx,
      actor,
      { filter: { kinds: ['idea'], channels: ['phone'] }, sort: { column: 'receivedAt', direction: 'desc' }, limit: 100, offset: 0 },
      '2026-11-23',
    );
    const plan = (query: { compile(): { sql: string; parameters: readonly unknown[] } }) => {
      const compiled = query.compile();
      return (db.sqlite.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...compiled.parameters) as { detail: string }[]).map((row) => row.detail).join(' | ');
    };
    expect(plan(count)).toMatch(/COVERING INDEX cases_facets \(kind=\? AND channel=\?\)/);
    expect(plan(page)).toMatch(/SCAN c USING INDEX cases_received/);
    // The page's ids walk the sort index (no sort of all matches); since 0012 the page reads its 100 rows by those ids
    // and sorts only them.
    expect(plan(ids)).toMatch(/SCAN c USING INDEX cases_received/);
    expect(plan(ids)).not.toMatch(/TEMP B-TREE/);
    expect(plan(page).match(/TEMP B-TREE/g)).toHaveLength(1);
    expect(plan(page)).toMatch(/LEFT-JOIN \| USE TEMP B-TREE FOR ORDER BY$/);
  });

  it('adds reply templates (16 seeded, de and en) and attachments to a database at 0002, keeping its cases (0003)', async () => {
    const sqlite = new BetterSqlite3(freshFile());
    opened.push(sqlite);
    const upTo0002 = MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.id === '0003_replies_attachments'));
    expect(upTo0002.map((m) => m.id)).toEqual(['0001_foundation', '0002_inbox_facet_index']);
    migrate(sqlite, upTo0002);
    sqlite.exec(`INSERT INTO cases (reference, year, number, kind, channel, origin, received_at, received_on, subject, status, stage_started_on, ack_due, response_due, created_at, updated_at)
      VALUES ('2026-00001', 2026, 1, 'idea', 'web', 'external', '2026-11-23T08:00:00.000Z', '2026-11-23', 'Mehr Bänke im Park', 'new', '2026-11-23', '2026-11-30', '2026-12-07', '2026-11-23T08:00:00.000Z', '2026-11-23T08:00:00.000Z')`);
    expect(migrate(sqlite, MIGRATIONS.slice(0, upTo0002.length + 1))).toEqual(['0003_replies_attachments']);
    expect(sqlite.prepare('SELECT reference FROM cases').pluck().all()).toEqual(['2026-00001']);
    const seeded = sqlite.prepare('SELECT kind, language, count(*) AS n, min(active) AS active FROM reply_templates GROUP BY kind, language').all();
    expect(seeded).toHaveLength(8);
    for (const group of seeded) expect(group).toMatchObject({ n: 2, active: 1 });
    expect(sqlite.prepare("SELECT created_at FROM reply_templates LIMIT 1").pluck().get()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(sqlite.prepare("SELECT body FROM reply_templates WHERE language = 'de' AND kind = 'complaint' AND name = 'Antwort'").pluck().get()).toMatch(/^\{\{salutation\}\},\n\nwir haben Ihre Beschwerde/);

    const plan = (sql: string) => (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((row) => row.detail).join(' | ');
    expect(plan('SELECT * FROM attachments WHERE case_id = 1 ORDER BY id')).toMatch(/USING INDEX attachments_case \(case_id=\?\)/);
    expect(plan('SELECT * FROM attachments WHERE case_id = 1 ORDER BY id')).not.toMatch(/TEMP B-TREE/);
    expect(plan("SELECT count(*) FROM attachments WHERE sha256 = 'ab'")).toMatch(/COVERING INDEX attachments_sha256/);
    expect(plan("SELECT * FROM reply_templates WHERE kind = 'idea' AND language = 'de'")).toMatch(/USING INDEX sqlite_autoindex_reply_templates_1 \(kind=\? AND language=\?\)/);
    expect(() => sqlite.prepare("INSERT INTO attachments (case_id, sha256, file_name, media_type, size, added_at) VALUES (1, 'not-a-hash', 'a', 'b/c', 1, 'x')").run()).toThrow(/CHECK/);
  });

  it('adds improvements, their case links and an append-only timeline to a database at 0003 (0004)', async () => {
    const sqlite = new BetterSqlite3(freshFile());
    opened.push(sqlite);
    const upTo0003 = MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.id === '0004_improvements'));
    migrate(sqlite, upTo0003);
    sqlite.exec(`INSERT INTO departments (name, created_at) VALUES ('Straßen', 'now')`);
    expect(migrate(sqlite, MIGRATIONS.slice(0, upTo0003.length + 1))).toEqual(['0004_improvements']);
    sqlite.exec(`INSERT INTO improvements (title, department_id, created_at, updated_at) VALUES ('Radweg', 1, 'now', 'now')`);
    sqlite.exec(`UPDATE improvements SET status = 'done', done_on = '2027-05-31', done_note = 'x', signed_off_at = 'now'`);
    expect(sqlite.prepare('SELECT done_year FROM improvements').pluck().get()).toBe(2027);
    expect(() => sqlite.exec(`UPDATE improvements SET done_on = '31.05.2027'`)).toThrow(/CHECK/);
    const plan = (sql: string) => (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((row) => row.detail).join(' | ');
    expect(plan('SELECT id FROM improvements WHERE department_id = 1 AND status = \'planned\'')).toMatch(/INDEX improvements_department_status/);
    expect(plan('SELECT id FROM improvements WHERE done_year = 2027 AND done_on IS NOT NULL')).toMatch(/INDEX improvements_done_year/);
    expect(plan('SELECT improvement_id FROM improvement_cases WHERE case_id = 1')).toMatch(/COVERING INDEX improvement_cases_case/);
  });

  it('counts by status and kind from the counts table, without reading cases (0006, since 0012)', async () => {
    const db = openDatabase(freshFile());
    opened.push(db.sqlite);
    const { sql, parameters } = caseCountsQuery(createServiceContext(db, () => new Date()), { id: 1, role: 'ombudsman', departmentIds: [] }).compile();
    const plan = (db.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[]).map((row) => row.detail).join(' | ');
    expect(sql).toMatch(/from "case_counts"/);
    expect(sql).not.toMatch(/"cases"/);
    expect(plan).toMatch(/^SCAN k$/);
  });

  it("pages the office's broad views (open statuses or overdue, all departments, by due date) from one covering index and totals them without counting cases (0012)", async () => {
    const { caseListQueries } = await import('../../main/services/case-list.ts');
    const db = openDatabase(freshFile());
    opened.push(db.sqlite);
    const ctx = createServiceContext(db, () => new Date());
    const actor = { id: 1, role: 'ombudsman' as const, departmentIds: [] };
    const plan = (query: { compile(): { sql: string; parameters: readonly unknown[] } }) => {
      const compiled = query.compile();
      return (db.sqlite.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...compiled.parameters) as { detail: string }[]).map((row) => row.detail).join(' | ');
    };
    const sort = { column: 'responseDue' as const, direction: 'asc' as const };
    const open = caseListQueries(ctx, actor, { filter: { statuses: ['new', 'open', 'forwarded', 'on_hold'] }, sort, limit: 100, offset: 0 }, '2026-11-23');
    expect(plan(open.ids)).toMatch(/COVERING INDEX cases_status_due \(status=\?\)/);
    expect(open.count.compile().sql).toMatch(/from "case_counts"/);
    const overdue = caseListQueries(ctx, actor, { filter: { overdue: true }, sort, limit: 100, offset: 0 }, '2026-11-23');
    expect(plan(overdue.ids)).toMatch(/COVERING INDEX cases_status_due \(status=\? AND response_due<\?\)/);
    expect(plan(overdue.count)).toMatch(/COVERING INDEX cases_status_due \(status=\? AND response_due<\?\)/);
    const all = caseListQueries(ctx, actor, { filter: {}, sort: { column: 'receivedAt', direction: 'desc' }, limit: 100, offset: 0 }, '2026-11-23');
    expect(plan(all.ids)).toMatch(/SCAN c USING COVERING INDEX cases_received/);
    expect(all.count.compile().sql).toMatch(/from "case_counts"/);
  });

  it('serves the inbox query from an index', async () => {
    const db = openDatabase(freshFile());
    opened.push(db.sqlite);
    const plan = db.sqlite
      .prepare("EXPLAIN QUERY PLAN SELECT id FROM cases WHERE status IN ('new','open') AND department_id = 1 ORDER BY response_due LIMIT 100")
      .all() as { detail: string }[];
    expect(plan.map((row) => row.detail).join(' | ')).toMatch(/USING (COVERING )?INDEX cases_(inbox|due)/);
  });
});
