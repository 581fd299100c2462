// Backup of a PostgreSQL database: pg_dump in its custom format (compressed; pg_restore reads it, also table by table),
// taken from a snapshot this process exports, so the row counts measured in that same snapshot are exactly the dump's.
// The dump is written under a temp name beside the target, checked with pg_restore --list (every table's data is in
// it), flushed and only then renamed; a failed or killed run leaves the target untouched.
//
// Restore (README, "Shared server"): create an empty database owned by the Ombudsdesk owner role, then
//   pg_restore --no-owner --role=<owner> --dbname=<new database> <file>
// and point the seats' connection at it (tests/integration/postgres-connect.test.ts restores one and compares counts).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { BackupOptions, BackupResult } from '../engine.ts';
import { clientOptions, type PostgresConnection } from './connection-options.ts';

const run = promisify(execFile);

/** pg_dump / pg_restore: from OMBUDSDESK_PG_BIN when set, else from the PATH. */
export function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  const bin = process.env.OMBUDSDESK_PG_BIN;
  return bin && existsSync(path.join(bin, name)) ? path.join(bin, name) : name;
}

/** libpq's environment for the command-line tools: the same server, user, password and TLS as the pool. */
export function libpqEnv(connection: PostgresConnection): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PGHOST: connection.host, PGDATABASE: connection.database, PGUSER: connection.user };
  if (connection.port) env.PGPORT = String(connection.port);
  if (connection.password !== undefined) env.PGPASSWORD = connection.password;
  env.PGSSLMODE = connection.sslmode ?? 'disable';
  if (connection.sslrootcert) env.PGSSLROOTCERT = connection.sslrootcert;
  return env;
}

export async function backupPostgres(connection: PostgresConnection, target: string, options: BackupOptions = {}): Promise<BackupResult> {
  const final = path.resolve(target);
  const folder = path.dirname(final);
  if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`cannot write the backup: the folder ${folder} does not exist`);
  const temp = path.join(folder, `.${path.basename(final)}.${process.pid}-${randomBytes(6).toString('hex')}.partial`);
  const client = new pg.Client(clientOptions(connection));
  await client.connect();
  try {
    // The snapshot stays valid while this transaction is open: pg_dump dumps exactly what was counted here.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snapshot = (await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0]!.id;
    const tables = (
      await client.query<{ name: string }>(
        "SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1",
      )
    ).rows.map((row) => row.name);
    let rows = 0;
    for (const table of tables) rows += Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
    try {
      await run(pgTool('pg_dump'), ['--format=custom', `--snapshot=${snapshot}`, '--no-password', `--file=${temp}`], {
        env: libpqEnv(connection),
        maxBuffer: 16 * 1024 * 1024,
      });
    } catch (error) {
      throw new Error(`pg_dump failed: ${toolMessage(error)}`, { cause: error });
    }
    await client.query('COMMIT');
    options.beforeVerify?.(temp);
    await verifyDump(temp, tables, final);
    const fd = openSync(temp, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, final);
    if (process.platform !== 'win32') {
      const dir = openSync(folder, 'r');
      try {
        fsyncSync(dir);
      } finally {
        closeSync(dir);
      }
    }
    return { totalPages: 0, bytes: statSync(final).size, tables: tables.length, rows, format: 'pg_dump custom' };
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}

/** pg_restore --list reads the whole table of contents; every table must have its TABLE DATA entry. */
async function verifyDump(temp: string, tables: string[], final: string): Promise<void> {
  let list: string;
  try {
    list = (await run(pgTool('pg_restore'), ['--list', temp], { maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (error) {
    throw new Error(`backup verification failed (pg_restore --list: ${toolMessage(error)}); nothing was written to ${final}`, { cause: error });
  }
  const withData = new Set(
    list
      .split('\n')
      .map((line) => / TABLE DATA (\S+) (\S+) /.exec(line))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => `${match[1]}.${match[2]}`),
  );
  const missing = tables.filter((table) => !withData.has(table.replaceAll('"', '')));
  if (missing.length > 0) throw new Error(`backup verification failed (no data for ${missing.join(', ')}); nothing was written to ${final}`);
}

function toolMessage(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr?.trim();
  if (stderr) return stderr.split('\n')[0]!;
  return error instanceof Error ? error.message : String(error);
}
