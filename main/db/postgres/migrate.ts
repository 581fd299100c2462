// Runs the numbered migrations on PostgreSQL, each in its own transaction under a transaction-level advisory lock (two
// seats starting at once apply each migration once; the second waits, then sees it applied). The history table has the
// name and shape of SQLite's (sqlite/migrate.ts), and a diverged history is refused the same way.
import type pg from 'pg';
import { MigrationHistoryError } from '../sqlite/migrate.ts';
import type { Migration } from '../sqlite/migrations/index.ts';

/** The advisory lock key of Ombudsdesk's migrations (any fixed 64-bit number; "ombudsdk" in ASCII). */
const LOCK_KEY = '7957589412557351787';

async function history(client: pg.PoolClient): Promise<string[]> {
  // Created only when missing: a seat's own login role (migration 0022) may read the history but not create tables, and
  // CREATE TABLE IF NOT EXISTS checks that right before it looks.
  const exists = await client.query<{ found: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS found");
  if (!exists.rows[0]!.found) await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    position integer PRIMARY KEY, id text NOT NULL UNIQUE, applied_at text NOT NULL)`);
  const result = await client.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY position');
  return result.rows.map((row) => row.id);
}

function checkHistory(applied: string[], migrations: readonly Migration[]): void {
  applied.forEach((id, index) => {
    if (migrations[index]?.id !== id) {
      throw new MigrationHistoryError(
        `database migration history diverges at position ${index + 1}: applied "${id}", this version ships "${migrations[index]?.id ?? 'nothing'}"`,
        applied,
      );
    }
  });
}

export async function appliedPostgresMigrations(pool: pg.Pool): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    const applied = await history(client);
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/** Applies what is missing; returns the ids it applied. */
export async function migratePostgres(pool: pg.Pool, migrations: readonly Migration[], now = new Date()): Promise<string[]> {
  const done: string[] = [];
  const client = await pool.connect();
  try {
    for (;;) {
      await client.query('BEGIN');
      try {
        await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
        const applied = await history(client);
        checkHistory(applied, migrations);
        const next = migrations[applied.length];
        if (!next) {
          await client.query('COMMIT');
          return done;
        }
        await client.query(next.sql);
        await client.query('INSERT INTO schema_migrations (position, id, applied_at) VALUES ($1, $2, $3)', [applied.length + 1, next.id, now.toISOString()]);
        await client.query('COMMIT');
        done.push(next.id);
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    client.release();
  }
}
