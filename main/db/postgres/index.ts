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
import { setOwnPostgresPassword, syncPostgresLoginRole } from './login-roles.ts';
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

/** pg's client options with the password asked for on each new connection (a seat's password may change). */
type Secret = { password: string | undefined };
function optionsWithSecret(connection: PostgresConnection, secret: Secret) {
  return { ...clientOptions(connection), password: connection.password === undefined ? undefined : () => secret.password ?? '' };
}

export function createPool(connection: PostgresConnection, secret: Secret = { password: connection.password }): pg.Pool {
  const pool = new pg.Pool({
    ...optionsWithSecret(connection, secret),
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

/** The database's schema is older than this app and this connection (a seat's own login) may not migrate it. */
export class SchemaBehindError extends Error {}

/**
 * The Ombudsdesk user whose login role this connection is (login_roles, migration 0022), or null: the owner, a role of
 * nobody's, or a database from before 0022.
 */
async function seatUserOf(pool: pg.Pool): Promise<number | null> {
  const { rows } = await pool.query<{ user_id: number | null }>(
    "SELECT CASE WHEN to_regprocedure('ombudsdesk_session_user_id()') IS NULL THEN NULL ELSE ombudsdesk_session_user_id() END AS user_id",
  );
  return rows[0]?.user_id ?? null;
}

export async function openPostgres(connection: PostgresConnection, options: OpenEngineOptions = {}): Promise<PostgresEngine> {
  const secret: Secret = { password: connection.password };
  const pool = createPool(connection, secret);
  let seatUserId: number | null;
  try {
    // A newer app's schema is refused before anything runs on it (migratePostgres would also stop, less clearly).
    const state = await readSchemaState(pool, MIGRATIONS);
    if (state.state === 'newer') throw new NewerSchemaError(newerSchemaSentence(state, MIGRATIONS));
    seatUserId = state.state === 'empty' ? null : await seatUserOf(pool);
    // A seat's own login may not change the schema (no CREATE, not the tables' owner): it says so instead of failing
    // half-way into a migration. The administrator migrates with the owner's login (db init, or the app started with it).
    if (seatUserId !== null && state.state !== 'current') {
      throw new SchemaBehindError(
        `The database ${connection.database} has not been brought up to this version of Ombudsdesk yet (missing: ${'missing' in state ? state.missing.join(', ') : 'its history diverges'}). ` +
          'Ask the administrator to run `npm run cli -- db init --engine postgres` with the owner\'s login (or to start this version with it once); the database was not changed.',
      );
    }
    if ((options.migrate ?? true) && seatUserId === null) await migratePostgres(pool, MIGRATIONS);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  const feed = (options.caseFeed ?? true) ? createCaseFeed(optionsWithSecret(connection, secret)) : null;
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
    seatUserId,
    async checkSeatPassword(password) {
      // A connection of its own, outside the pool, with the password to check; the server's answer is the check.
      const client = new pg.Client({ ...clientOptions(connection), password });
      try {
        await client.connect();
        return true;
      } catch (error) {
        // 28P01: wrong password; 28000: the role may not log in (deactivated). Anything else (unreachable) is not an answer.
        const code = (error as { code?: string }).code;
        if (code === '28P01' || code === '28000') return false;
        throw error;
      } finally {
        await client.end().catch(() => {});
      }
    },
    useSeatPassword(password) {
      secret.password = password;
    },
    async setOwnPassword(db, hash, password) {
      await setOwnPostgresPassword(db, hash, password);
    },
    async close() {
      if (closed) return;
      closed = true;
      await feed?.close();
      await db.destroy();
    },
  };
}
