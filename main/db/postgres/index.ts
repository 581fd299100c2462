// The PostgreSQL engine: a pg Pool behind Kysely's PostgresDialect, migrated on open (postgres/migrate.ts).
//
// int8 (bigint: count(*), sum() of integers, the attachments' sizes) comes back from pg as a string, since it may exceed
// JavaScript's safe integers; this pool parses it as a number and throws on a value beyond 2^53 instead of rounding
// (no count, id or size of this app comes near). numeric (sum() of a bigint) is not parsed: the services sum integer
// columns only. The parser is set on this pool's connections, not on pg's global type table.
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Engine, OpenEngineOptions } from '../engine.ts';
import { createCaseFeed } from './case-feed.ts';
import type { Schema } from '../schema.ts';
import { postgresAttachmentContents } from './attachment-contents.ts';
import { backupPostgres } from './backup.ts';
import { clientOptions, type PostgresConnection } from './connection-options.ts';
import { mapPostgresError } from './errors.ts';
import { syncPostgresLoginRole } from './login-roles.ts';
import { migratePostgres } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { newerSchemaSentence, readSchemaState } from './schema-state.ts';

/** The database was migrated by a newer Ombudsdesk: this version refuses to open it (nothing is changed). */
export class NewerSchemaError extends Error {}


export type { PostgresConnection };

export interface PostgresEngine extends Engine {
  readonly kind: 'postgres';
  /** The pool, for this folder, migrations and tests' fixtures only (services use `db`). */
  readonly pool: pg.Pool;
  /** Resolves once watchCases' connection LISTENs (for tests that must not write before). */
  caseFeedReady(): Promise<void>;
}

const INT8 = 20;

/**
 * A transaction that PostgreSQL aborts as a deadlock victim or serialization failure (40P01, 40001, 55P03) runs again up
 * to this many times (services/context.ts); after that the caller gets "busy". Under READ COMMITTED deadlocks are the
 * usual case: two writers touching the same counters (case_counts, case_volumes) in opposite order.
 */
export const BUSY_RETRIES = 4;

function parseInt8(value: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number)) throw new RangeError(`int8 value ${value} is beyond JavaScript's safe integers`);
  return number;
}

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export function createPool(connection: PostgresConnection): pg.Pool {
  const pool = new pg.Pool({
    ...clientOptions(connection),
    max: connection.max ?? 4,
    types,
  });
  // An idle connection the server ends (a restart, a dropped database: 57P01) is only removed from the pool; the next
  // query opens a new one. Without a handler such an error would end the process.
  pool.on('error', (error: Error & { code?: string }) => {
    if (error.code !== '57P01') console.error('ombudsdesk: idle PostgreSQL connection failed', error);
  });
  return pool;
}

export async function openPostgres(connection: PostgresConnection, options: OpenEngineOptions = {}): Promise<PostgresEngine> {
  const pool = createPool(connection);
  try {
    // A newer app's schema is refused before anything runs on it (migratePostgres would also stop, less clearly).
    const state = await readSchemaState(pool, MIGRATIONS);
    if (state.state === 'newer') throw new NewerSchemaError(newerSchemaSentence(state, MIGRATIONS));
    if (options.migrate ?? true) await migratePostgres(pool, MIGRATIONS);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  const feed = (options.caseFeed ?? true) ? createCaseFeed(connection) : null;
  let closed = false;
  return {
    kind: 'postgres',
    pool,
    db,
    backup: (target, backupOptions) => backupPostgres(connection, target, backupOptions),
    mapError: mapPostgresError,
    busyRetries: BUSY_RETRIES,
    attachmentContents: postgresAttachmentContents,
    // SQLite's bulk setting (statement journals in memory) has no PostgreSQL counterpart: the server manages its WAL.
    bulkWrites: (fn) => fn(),
    watchCases: feed ? feed.watch : () => () => {},
    caseFeedReady: feed ? feed.ready : () => Promise.resolve(),
    async syncLoginRole(db, change) {
      await syncPostgresLoginRole(db, change);
    },
    async close() {
      if (closed) return;
      closed = true;
      await feed?.close();
      await db.destroy();
    },
  };
}
