// Trust: sign-in and password-check throttling that survives a restart, the password policy on the forced first change,
// and append-only tables that refuse INSERT OR REPLACE (SQLite) or INSERT … ON CONFLICT DO UPDATE (PostgreSQL) from a raw
// connection. Runs on both engines (npm run test:pg).
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAppContext, type AppContext } from '../../main/app-context.ts';
import { createDispatcher, type Dispatch } from '../../main/api/dispatch.ts';
import { DATABASE_FILE } from '../../main/db/sqlite/index.ts';
import { ADMIN_PASSWORD, onPostgres, openTempApp, STAFF_PASSWORD, type TempApp } from '../support/temp-app.ts';

let t: TempApp;
let dispatch: Dispatch;

beforeEach(async () => {
  t = await openTempApp('2027-03-01T09:00:00');
  await t.user('petra', 'ombudsman');
  dispatch = createDispatcher(t.app, () => undefined);
});
afterEach(async () => t.cleanup());

const wrong = (username: string) => dispatch('w', 'login', { username, password: 'not-the-password' });

describe('sign-in throttling', () => {
  it('survives a restart of the app: five failures lock the name until the lock has passed', async () => {
    for (let i = 0; i < 5; i++) expect(await wrong(i % 2 ? 'Petra' : ' petra ')).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
    // A restart: a new app context on the same data folder and a new dispatcher.
    await t.app.close();
    let now = new Date('2027-03-01T09:00:30');
    const reopened: AppContext = await openAppContext({ dataDir: t.dir, now: () => now, engine: t.engine });
    t.app = reopened;
    const again = createDispatcher(reopened, () => undefined);
    expect(await again('w', 'login', { username: 'petra', password: STAFF_PASSWORD })).toMatchObject({
      ok: false,
      error: { code: 'too_many_attempts', details: { retryAfterSeconds: 270 } },
    });
    now = new Date('2027-03-01T09:05:01');
    expect(await again('w', 'login', { username: 'petra', password: STAFF_PASSWORD })).toMatchObject({ ok: true });
  });

  it('also locks after many failures spread over many user names', async () => {
    for (let i = 0; i < 30; i++) await wrong(`guess-${i}`);
    expect(await dispatch('w', 'login', { username: 'petra', password: STAFF_PASSWORD })).toMatchObject({ ok: false, error: { code: 'too_many_attempts' } });
  });

  it('throttles the current-password check of a signed-in account', async () => {
    expect(await dispatch('w', 'login', { username: 'petra', password: STAFF_PASSWORD })).toMatchObject({ ok: true });
    for (let i = 0; i < 5; i++) {
      expect(await dispatch('w', 'changePassword', { currentPassword: `guess-${i}`, newPassword: 'correct horse battery staple' })).toMatchObject({
        ok: false,
        error: { code: 'invalid_credentials', details: { field: 'currentPassword' } },
      });
    }
    expect(await dispatch('w', 'changePassword', { currentPassword: STAFF_PASSWORD, newPassword: 'correct horse battery staple' })).toMatchObject({
      ok: false,
      error: { code: 'too_many_attempts' },
    });
    t.setNow('2027-03-01T09:05:01');
    expect(await dispatch('w', 'changePassword', { currentPassword: STAFF_PASSWORD, newPassword: 'correct horse battery staple' })).toMatchObject({ ok: true });
  });
});

describe('the forced first password change', () => {
  it('refuses the one-time password itself, white space and easy passwords, each with its reason at the field', async () => {
    expect(await dispatch('w', 'login', { username: 'admin', password: ADMIN_PASSWORD })).toMatchObject({ ok: true, value: { mustChangePassword: true } });
    for (const [newPassword, reason] of [
      [ADMIN_PASSWORD, 'same_as_current'],
      [' '.repeat(10), 'blank'],
      ['short', 'too_short'],
      ['1234567890', 'guessable'],
      ['administrator1', 'guessable'],
    ] as const) {
      expect(await dispatch('w', 'changePassword', { currentPassword: ADMIN_PASSWORD, newPassword })).toMatchObject({
        ok: false,
        error: { code: 'password_too_weak', details: { field: 'newPassword', reason, minLength: 10 } },
      });
    }
    expect(await dispatch('w', 'listCases', {})).toMatchObject({ ok: false, error: { code: 'password_change_required' } });
    expect(await dispatch('w', 'changePassword', { currentPassword: ADMIN_PASSWORD, newPassword: 'Kaffee trinkt der Drache gern' })).toMatchObject({
      ok: true,
      value: { mustChangePassword: false },
    });
  });

  it('applies the same policy to a one-time password the admin sets', async () => {
    await dispatch('w', 'login', { username: 'admin', password: ADMIN_PASSWORD });
    await dispatch('w', 'changePassword', { currentPassword: ADMIN_PASSWORD, newPassword: 'Kaffee trinkt der Drache gern' });
    expect(await dispatch('w', 'saveUser', { username: 'jonas', displayName: 'Jonas Öztürk', role: 'deputy', password: ' '.repeat(12) })).toMatchObject({
      ok: false,
      error: { code: 'password_too_weak', details: { field: 'password', reason: 'blank' } },
    });
  });
});

describe.skipIf(onPostgres)('append-only tables on a raw connection', () => {
  let raw: BetterSqlite3.Database;
  beforeEach(async () => {
    // A plain connection as any SQLite tool would open it: no app pragmas, recursive_triggers off.
    raw = new BetterSqlite3(path.join(t.dir, DATABASE_FILE));
    expect(raw.pragma('recursive_triggers', { simple: true })).toBe(0);
  });
  afterEach(async () => raw.close());

  it('refuses INSERT OR REPLACE and REPLACE over a case event', async () => {
    await dispatch('w', 'login', { username: 'petra', password: STAFF_PASSWORD });
    const created = await dispatch('w', 'createCase', {
      kind: 'praise', channel: 'phone', origin: 'external', subject: 'Danke', description: '', submitter: { anonymous: true },
    });
    expect(created).toMatchObject({ ok: true });
    const event = raw.prepare('SELECT * FROM case_events ORDER BY id LIMIT 1').get() as { id: number; case_id: number; data: string };
    for (const verb of ['INSERT OR REPLACE', 'REPLACE']) {
      expect(() =>
        raw.prepare(`${verb} INTO case_events (id, case_id, actor_id, type, at, data) VALUES (?, ?, NULL, 'note', '2027-01-01T00:00:00.000Z', '{}')`).run(event.id, event.case_id),
      ).toThrow(/append-only/);
    }
    expect(raw.prepare('SELECT * FROM case_events WHERE id = ?').get(event.id)).toEqual(event);
    // An ordinary new event still goes in.
    raw.prepare(`INSERT INTO case_events (case_id, actor_id, type, at, data) VALUES (?, NULL, 'note', '2027-01-01T00:00:00.000Z', '{}')`).run(event.case_id);
  });

  it('refuses to replace a drawn prize draw, by its id or by moving another draw onto it', async () => {
    const insert = raw.prepare(`INSERT INTO prize_draws (year, pool, status, prizes, entries, entry_case_ids, exclusions, fingerprint, prepared_at,
      seed, algorithm, algorithm_version, ranking, winner_count, witnesses, drawn_at, drawn_by_name)
      VALUES (2026, 'external', ?, '[]', '["2026-00001"]', '[1]', '[]', ?, '2026-12-01T10:00:00.000Z', ?, ?, 1, ?, 1, '[]', ?, 'Clara Vogt')`);
    const drawn = Number(insert.run('drawn', 'a'.repeat(64), '3 6 1', 'hmac-sha256-rank', '["2026-00001"]', '2026-12-06T10:00:00.000Z').lastInsertRowid);
    const prepared = Number(insert.run('prepared', 'b'.repeat(64), null, null, null, null).lastInsertRowid);
    const before = raw.prepare('SELECT * FROM prize_draws ORDER BY id').all();
    expect(() =>
      raw.prepare(`INSERT OR REPLACE INTO prize_draws (id, year, pool, status, prizes, entries, entry_case_ids, exclusions, fingerprint, prepared_at)
        VALUES (?, 2026, 'external', 'prepared', '[]', '[]', '[]', '[]', ?, '2026-12-01T10:00:00.000Z')`).run(drawn, 'c'.repeat(64)),
    ).toThrow(/never replaced/);
    // A second prepared draw of the same year and pool would replace the first through the one-prepared index.
    expect(() =>
      raw.prepare(`REPLACE INTO prize_draws (year, pool, status, prizes, entries, entry_case_ids, exclusions, fingerprint, prepared_at)
        VALUES (2026, 'external', 'prepared', '[]', '[]', '[]', '[]', ?, '2026-12-01T10:00:00.000Z')`).run('d'.repeat(64)),
    ).toThrow(/never replaced/);
    expect(() => raw.prepare('UPDATE OR REPLACE prize_draws SET id = ? WHERE id = ?').run(drawn, prepared)).toThrow(/never replaced/);
    expect(raw.prepare('SELECT * FROM prize_draws ORDER BY id').all()).toEqual(before);
  });

  it('refuses INSERT OR REPLACE over improvement and prize draw events', async () => {
    raw.exec(`INSERT INTO departments (name, active, created_at) VALUES ('Straßen', 1, '2027-01-01');
      INSERT INTO improvements (id, title, department_id, created_at, updated_at) VALUES (1, 'x', last_insert_rowid(), '2027-01-01', '2027-01-01');
      INSERT INTO improvement_events (id, improvement_id, type, at, data) VALUES (1, 1, 'created', '2027-01-01', '{}');`);
    expect(() => raw.exec(`INSERT OR REPLACE INTO improvement_events (id, improvement_id, type, at, data) VALUES (1, 1, 'forged', '2027-01-01', '{}')`)).toThrow(/append-only/);
    expect(raw.prepare('SELECT type FROM improvement_events WHERE id = 1').pluck().get()).toBe('created');
    const triggers = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%no_replace'").pluck().all();
    expect(triggers.sort()).toEqual(['case_events_no_replace', 'improvement_events_no_replace', 'prize_draw_events_no_replace', 'prize_draws_no_replace']);
  });
});

describe.skipIf(!onPostgres)('append-only tables on a raw PostgreSQL connection', () => {
  let raw: pg.Client;
  beforeEach(async () => {
    // A plain connection as psql would open it, outside the app's pool.
    if (t.engine.kind !== 'postgres') throw new Error('a PostgreSQL run has a PostgreSQL engine');
    raw = new pg.Client(t.engine.connection);
    await raw.connect();
  });
  afterEach(async () => raw.end());
  const rows = async (text: string, params: unknown[] = []) => (await raw.query(text, params)).rows;

  it('refuses INSERT … ON CONFLICT DO UPDATE over a case event', async () => {
    await dispatch('w', 'login', { username: 'petra', password: STAFF_PASSWORD });
    expect(await dispatch('w', 'createCase', { kind: 'praise', channel: 'phone', origin: 'external', subject: 'Danke', description: '', submitter: { anonymous: true } })).toMatchObject({ ok: true });
    const [event] = await rows('SELECT * FROM case_events ORDER BY id LIMIT 1');
    await expect(raw.query(`INSERT INTO case_events (id, case_id, actor_id, type, at, data) VALUES ($1, $2, NULL, 'note', '2027-01-01T00:00:00.000Z', '{}')
      ON CONFLICT (id) DO UPDATE SET type = excluded.type, data = excluded.data`, [event.id, event.case_id])).rejects.toThrow(/append-only/);
    expect(await rows('SELECT * FROM case_events WHERE id = $1', [event.id])).toEqual([event]);
    // An ordinary new event still goes in.
    await raw.query(`INSERT INTO case_events (case_id, actor_id, type, at, data) VALUES ($1, NULL, 'note', '2027-01-01T00:00:00.000Z', '{}')`, [event.case_id]);
  });

  it('refuses to replace a drawn prize draw, by its id or by moving another draw onto it', async () => {
    const insert = (status: string, fingerprint: string, seed: string | null, algorithm: string | null, ranking: string | null, drawnAt: string | null) =>
      raw.query(`INSERT INTO prize_draws (year, pool, status, prizes, entries, entry_case_ids, exclusions, fingerprint, prepared_at,
        seed, algorithm, algorithm_version, ranking, winner_count, witnesses, drawn_at, drawn_by_name)
        VALUES (2026, 'external', $1, '[]', '["2026-00001"]', '[1]', '[]', $2, '2026-12-01T10:00:00.000Z', $3, $4, 1, $5, 1, '[]', $6, 'Clara Vogt') RETURNING id`,
      [status, fingerprint, seed, algorithm, ranking, drawnAt]).then((r) => Number(r.rows[0].id));
    const drawn = await insert('drawn', 'a'.repeat(64), '3 6 1', 'hmac-sha256-rank', '["2026-00001"]', '2026-12-06T10:00:00.000Z');
    const prepared = await insert('prepared', 'b'.repeat(64), null, null, null, null);
    const before = await rows('SELECT * FROM prize_draws ORDER BY id');
    await expect(raw.query(`INSERT INTO prize_draws (id, year, pool, status, prizes, entries, entry_case_ids, exclusions, fingerprint, prepared_at)
      VALUES ($1, 2026, 'external', 'prepared', '[]', '[]', '[]', '[]', $2, '2026-12-01T10:00:00.000Z')
      ON CONFLICT (id) DO UPDATE SET status = excluded.status, entries = excluded.entries, fingerprint = excluded.fingerprint`, [drawn, 'c'.repeat(64)])).rejects.toThrow(/immutable/);
    // A second prepared draw of the same year and pool, written over the first through the one-prepared index.
    await expect(raw.query(`INSERT INTO prize_draws (year, pool, status, prizes, entries, entry_case_ids, exclusions, fingerprint, prepared_at)
      VALUES (2026, 'external', 'prepared', '[]', '[]', '[]', '[]', $1, '2026-12-01T10:00:00.000Z')
      ON CONFLICT (year, pool) WHERE status = 'prepared' DO UPDATE SET entries = excluded.entries, fingerprint = excluded.fingerprint`, ['d'.repeat(64)])).rejects.toThrow(/frozen/);
    await expect(raw.query('UPDATE prize_draws SET id = $1 WHERE id = $2', [drawn, prepared])).rejects.toThrow(/never replaced/);
    await expect(raw.query('DELETE FROM prize_draws WHERE id = $1', [drawn])).rejects.toThrow(/never deleted/);
    expect(await rows('SELECT * FROM prize_draws ORDER BY id')).toEqual(before);
  });

  it('refuses INSERT … ON CONFLICT DO UPDATE over improvement and prize draw events', async () => {
    await raw.query(`INSERT INTO departments (id, name, active, created_at) VALUES (900, 'Straßen', 1, '2027-01-01');
      INSERT INTO improvements (id, title, department_id, created_at, updated_at) VALUES (900, 'x', 900, '2027-01-01', '2027-01-01');
      INSERT INTO improvement_events (id, improvement_id, type, at, data) VALUES (900, 900, 'created', '2027-01-01', '{}');`);
    await expect(raw.query(`INSERT INTO improvement_events (id, improvement_id, type, at, data) VALUES (900, 900, 'forged', '2027-01-01', '{}')
      ON CONFLICT (id) DO UPDATE SET type = excluded.type`)).rejects.toThrow(/append-only/);
    expect((await rows('SELECT type FROM improvement_events WHERE id = 900'))[0]).toEqual({ type: 'created' });
    const triggers = await rows(`SELECT event_object_table AS t FROM information_schema.triggers
      WHERE event_object_table IN ('case_events', 'improvement_events', 'prize_draw_events', 'prize_draws') AND event_manipulation = 'UPDATE' GROUP BY 1 ORDER BY 1`);
    expect(triggers.map((r) => r.t)).toEqual(['case_events', 'improvement_events', 'prize_draw_events', 'prize_draws']);
  });
});
