// What an admin does with a PostgreSQL database before seats use it: create or update the schema (`db init`), and test
// a seat's connection (the connection form's button): each failure as one outcome the window translates.
import pg from 'pg';
import { CaFileError, clientOptions, type PostgresConnection } from './connection-options.ts';
import { migratePostgres } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { newerSchemaSentence, readSchemaState } from './schema-state.ts';
import { createPool } from './index.ts';

export class InitRefused extends Error {}

/** Creates the schema in an empty database or brings an older one up to date; refuses a newer or diverged one. */
export async function initPostgres(connection: PostgresConnection): Promise<{ applied: string[]; latest: string }> {
  const pool = createPool({ ...connection, max: 1 });
  try {
    const state = await readSchemaState(pool, MIGRATIONS);
    if (state.state === 'newer') throw new InitRefused(newerSchemaSentence(state, MIGRATIONS));
    if (state.state === 'diverged') throw new InitRefused(`The database's migration history differs from this version's at position ${state.position}; the database was not changed.`);
    const applied = await migratePostgres(pool, MIGRATIONS);
    return { applied, latest: MIGRATIONS.at(-1)!.id };
  } finally {
    await pool.end();
  }
}

export type ConnectionOutcome = 'ok' | 'unreachable' | 'wrong_password' | 'certificate' | 'database_missing' | 'not_migrated' | 'newer_schema' | 'failed';

export interface ConnectionTest {
  outcome: ConnectionOutcome;
  /** The server's version (server_version), when it answered. */
  serverVersion: string | null;
  /** The driver's own words, for the log and the details line (never the password). */
  detail: string | null;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOENT', 'ECONNRESET', 'EPIPE']);

/** The outcome for a failure to connect or query (exported for unit tests of the mapping). */
export function classifyConnectionError(error: unknown): ConnectionOutcome {
  if (error instanceof CaFileError) return 'certificate';
  const e = error as { code?: string; message?: string };
  const code = e.code ?? '';
  const message = e.message ?? '';
  if (code === '28P01' || code === '28000') return 'wrong_password';
  if (/password must be a string|password authentication failed|no password supplied/i.test(message)) return 'wrong_password';
  if (code === '3D000') return 'database_missing';
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ALTNAME|ERR_SSL/.test(code) || /does not support SSL|certificate|self[- ]signed/i.test(message)) return 'certificate';
  if (UNREACHABLE.has(code) || /timeout|timed out|Connection terminated/i.test(message)) return 'unreachable';
  return 'failed';
}

export async function testPostgresConnection(connection: PostgresConnection, timeoutMs = 5000): Promise<ConnectionTest> {
  let client: pg.Client | null = null;
  let serverVersion: string | null = null;
  try {
    client = new pg.Client({ ...clientOptions(connection), connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
    // A failure after connecting is reported by the query; this keeps a dropped socket from throwing elsewhere.
    client.on('error', () => {});
    await client.connect();
    serverVersion = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? null;
    const state = await readSchemaState(client, MIGRATIONS);
    if (state.state === 'newer') return { outcome: 'newer_schema', serverVersion, detail: newerSchemaSentence(state, MIGRATIONS) };
    if (state.state === 'empty' || state.state === 'behind') return { outcome: 'not_migrated', serverVersion, detail: state.state };
    if (state.state === 'diverged') return { outcome: 'failed', serverVersion, detail: `migration history differs at position ${state.position}` };
    return { outcome: 'ok', serverVersion, detail: null };
  } catch (error) {
    return { outcome: classifyConnectionError(error), serverVersion, detail: error instanceof Error ? error.message : String(error) };
  } finally {
    await client?.end().catch(() => {});
  }
}
