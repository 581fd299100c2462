// A throwaway PostgreSQL server for one test run (vitest globalSetup, active when OMBUDSDESK_TEST_ENGINE=postgres):
// initdb into a temp folder as the `postgres` user (the server refuses root), trust authentication over a Unix socket
// (the owner's way in, as the migrating administrator's) and SCRAM-SHA-256 passwords over TCP on 127.0.0.1 (the seats'
// way in: their login roles' passwords are really checked there), fsync off; a template database migrated once; every test app gets its own database
// copied from it (CREATE DATABASE … TEMPLATE, tests/support/temp-app.ts). The server stops when the run ends.
// Without the binaries the run stops with the reason printed (a PostgreSQL run that silently used SQLite would lie).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

export const TEMPLATE_DATABASE = 'ombudsdesk_template';

export interface TestPostgres {
  /** The socket folder (pg's host for a Unix socket). */
  host: string;
  /** The socket's port, and the TCP port on 127.0.0.1 (passwords checked with SCRAM-SHA-256 there). */
  port: number;
  user: string;
  template: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: TestPostgres | null;
  }
}

export const wantsPostgres = () => process.env.OMBUDSDESK_TEST_ENGINE === 'postgres';

/** The folder of Debian's PostgreSQL binaries (the newest version), or null with the reason. */
export function findPostgresBin(): { bin: string } | { reason: string } {
  const root = '/usr/lib/postgresql';
  if (process.env.OMBUDSDESK_PG_BIN) return { bin: process.env.OMBUDSDESK_PG_BIN };
  if (!existsSync(root)) return { reason: `no PostgreSQL under ${root} (apt-get install postgresql postgresql-contrib)` };
  const versions = readdirSync(root).filter((name) => existsSync(path.join(root, name, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) return { reason: `no initdb under ${root}/*/bin` };
  return { bin: path.join(root, versions[0]!, 'bin') };
}

/**
 * As root, commands run as the postgres user (the server refuses root): spawn's uid/gid rather than runuser, so the
 * server is our direct child and gets our SIGINT at the end.
 */
function postgresUser(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** A TCP port on 127.0.0.1 that nothing listens on right now (the OS picks it). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

let server: ChildProcess | null = null;
let folder: string | null = null;

export async function startPostgres(): Promise<TestPostgres> {
  const found = findPostgresBin();
  if ('reason' in found) throw new Error(`OMBUDSDESK_TEST_ENGINE=postgres, but PostgreSQL cannot start: ${found.reason}`);
  folder = mkdtempSync(path.join(tmpdir(), 'ombudsdesk-pg-'));
  chmodSync(folder, 0o777);
  const data = path.join(folder, 'data');
  const socket = folder;
  const owner = process.getuid?.() === 0 ? 'postgres' : (process.env.USER ?? 'postgres');
  const user = postgresUser();
  const run = (command: string, args: string[]) => {
    execFileSync(path.join(found.bin, command), args, { stdio: ['ignore', 'ignore', 'pipe'], cwd: folder!, ...user });
  };
  run('initdb', ['-D', data, '--auth-local=trust', '--auth-host=scram-sha-256', '-U', owner, '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']);
  const port = await freePort();
  server = spawn(path.join(found.bin, 'postgres'), [
    '-D', data, '-k', socket, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off',
    '-c', 'full_page_writes=off', '-c', 'max_connections=200', '-c', 'shared_buffers=64MB',
  ], { stdio: ['ignore', 'ignore', 'pipe'], cwd: folder, ...user });
  let log = '';
  server.stderr!.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  const info: TestPostgres = { host: socket, port, user: owner, template: TEMPLATE_DATABASE };
  const pg = (await import('pg')).default;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const client = new pg.Client({ host: socket, port, user: owner, database: 'postgres' });
    try {
      await client.connect();
      await client.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
      await client.end();
      break;
    } catch (error) {
      await client.end().catch(() => {});
      if (server.exitCode !== null || Date.now() > deadline) throw new Error(`PostgreSQL did not start: ${String(error)}\n${log}`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  // The template: every migration applied once; each test app copies it.
  const { openPostgres } = await import('../../main/db/postgres/index.ts');
  const engine = await openPostgres({ host: socket, port, user: owner, database: TEMPLATE_DATABASE });
  await engine.close();
  // Copies need the template without sessions: refuse new ones and wait until the closed pool's backends are gone.
  const client = new pg.Client({ host: socket, port, user: owner, database: 'postgres' });
  await client.connect();
  await client.query(`ALTER DATABASE ${TEMPLATE_DATABASE} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
  while ((await client.query('SELECT 1 FROM pg_stat_activity WHERE datname = $1', [TEMPLATE_DATABASE])).rowCount) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await client.end();
  return info;
}

export async function stopPostgres(): Promise<void> {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGINT'); // fast shutdown
    await exited;
  }
  server = null;
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = null;
}

/** vitest globalSetup: starts the server for a PostgreSQL run and provides its address to the test files. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!wantsPostgres()) {
    project.provide('postgres', null);
    return async () => {};
  }
  const info = await startPostgres();
  console.log(`PostgreSQL test server on ${info.host} port ${info.port} (template ${info.template})`);
  project.provide('postgres', info);
  return stopPostgres;
}
