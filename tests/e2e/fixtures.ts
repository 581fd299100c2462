// Each test file gets its own transport server with a fresh data folder and a known first admin password.
import { test as base } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPostgresBin, startPostgres, stopPostgres } from '../support/postgres.ts';

export const ADMIN_PASSWORD = 'first-start-password';
const server = fileURLToPath(new URL('./transport-server.ts', import.meta.url));

export interface Transport {
  baseURL: string;
  dataDir: string;
}

/**
 * A transport server of its own (a seat): a fresh data folder, the known first admin password, and `env` (the office
 * clock, demo cases, or OMBUDSDESK_TEST_PG_CONNECTION for a PostgreSQL database several seats share). The data folder
 * is that of a computer already set up for its own database (connection.json: SQLite), so the sign-in comes first;
 * with `firstRun` it is a brand-new installation, where the sign-in screen first asks where the data lives.
 */
export async function startTransport(env: Record<string, string>, options: { firstRun?: boolean } = {}): Promise<Transport & { stop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ombudsdesk-e2e-'));
  if (!options.firstRun) writeFileSync(path.join(dataDir, 'connection.json'), JSON.stringify({ version: 1, engine: 'sqlite' }) + '\n');
  const child: ChildProcess = spawn(process.execPath, ['--experimental-strip-types', '--no-warnings', server], {
    env: { ...process.env, OMBUDSDESK_DATA_DIR: dataDir, OMBUDSDESK_ADMIN_PASSWORD: ADMIN_PASSWORD, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /LISTENING (\d+)/.exec(seen);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`transport server exited with ${code}`)));
  });
  return {
    baseURL: `http://127.0.0.1:${port}/`,
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Whether the PostgreSQL walks can run here: null, or why not. Without Debian's binaries they are skipped with the reason
 * printed, unless OMBUDSDESK_PG_REQUIRED=1 (CI installs them): there a missing server is an error, not a skip.
 */
export function postgresMissing(spec: string): string | null {
  const found = findPostgresBin();
  if (!('reason' in found)) return null;
  if (process.env.OMBUDSDESK_PG_REQUIRED === '1') throw new Error(`${spec}: OMBUDSDESK_PG_REQUIRED=1, but ${found.reason}`);
  console.log(`${spec} skipped: ${found.reason}`);
  return found.reason;
}

/**
 * Seats on one throwaway PostgreSQL server (started on the first seat): one database, copied from the migrated
 * template, and one transport per office clock.
 */
export interface PostgresSeats {
  seat(officeNow: string): Promise<Transport>;
}

export const test = base.extend<
  { pgOfficeNow: string | null },
  { transport: Transport; officeNow: string | null; demoCases: number; firstRun: boolean; engine: 'sqlite' | 'postgres'; postgresSeats: PostgresSeats }
>({
  /** 'postgres': this worker's tests run on PostgreSQL seats (see pgOfficeNow) and start no SQLite transport. */
  engine: ['sqlite', { scope: 'worker', option: true }],
  /** A brand-new installation: no connection file, so the first-run choice comes before the sign-in. */
  firstRun: [false, { scope: 'worker', option: true }],
  /** Fill the fresh database with this many demo cases before the first page loads. */
  demoCases: [0, { scope: 'worker', option: true }],
  /** Start the office clock here (ISO time) instead of now; see transport-server.ts. */
  officeNow: [null, { scope: 'worker', option: true }],
  transport: [
    async ({ officeNow, demoCases, engine, firstRun }, use) => {
      if (engine === 'postgres') {
        const none = () => {
          throw new Error('this worker runs on PostgreSQL: its tests reach their seat through baseURL (pgOfficeNow)');
        };
        await use({ get baseURL() { return none(); }, get dataDir() { return none(); } });
        return;
      }
      const server = await startTransport(
        {
          ...(officeNow ? { OMBUDSDESK_TEST_NOW: officeNow } : {}),
          ...(demoCases ? { OMBUDSDESK_TEST_DEMO_CASES: String(demoCases) } : {}),
        },
        { firstRun },
      );
      await use({ baseURL: server.baseURL, dataDir: server.dataDir });
      await server.stop();
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  /**
   * With engine 'postgres': the office clock of this test's seat. A test option (not a worker one like officeNow), so
   * walks at different times share the worker and its one database server; each time gets a database and seat of its own.
   */
  pgOfficeNow: [null, { option: true }],
  postgresSeats: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture needs from this pattern
    async ({}, use) => {
      let server: Awaited<ReturnType<typeof startPostgres>> | null = null;
      const seats = new Map<string, Transport & { stop(): Promise<void> }>();
      await use({
        async seat(officeNow) {
          const known = seats.get(officeNow);
          if (known) return known;
          server ??= await startPostgres();
          const database = `e2e_${seats.size + 1}`;
          const pg = (await import('pg')).default;
          const admin = new pg.Client({ host: server.host, port: server.port, user: server.user, database: 'postgres' });
          await admin.connect();
          await admin.query(`CREATE DATABASE ${database} TEMPLATE ${server.template}`);
          await admin.end();
          const connection = JSON.stringify({ host: server.host, port: server.port, user: server.user, database });
          const seat = await startTransport({ OMBUDSDESK_TEST_NOW: officeNow, OMBUDSDESK_TEST_PG_CONNECTION: connection });
          seats.set(officeNow, seat);
          return seat;
        },
      });
      for (const seat of seats.values()) await seat.stop();
      if (server) await stopPostgres();
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  baseURL: async ({ engine, pgOfficeNow, postgresSeats, transport }, use) => {
    if (engine === 'sqlite') return use(transport.baseURL);
    if (!pgOfficeNow) throw new Error('a PostgreSQL test needs its office clock (pgOfficeNow)');
    await use((await postgresSeats.seat(pgOfficeNow)).baseURL);
  },
});

export { expect } from '@playwright/test';
