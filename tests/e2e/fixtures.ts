// Each test file gets its own transport server with a fresh data folder and a known first admin password.
import { test as base } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

export const test = base.extend<object, { transport: Transport; officeNow: string | null; demoCases: number; firstRun: boolean }>({
  /** A brand-new installation: no connection file, so the first-run choice comes before the sign-in. */
  firstRun: [false, { scope: 'worker', option: true }],
  /** Fill the fresh database with this many demo cases before the first page loads. */
  demoCases: [0, { scope: 'worker', option: true }],
  /** Start the office clock here (ISO time) instead of now; see transport-server.ts. */
  officeNow: [null, { scope: 'worker', option: true }],
  transport: [
    async ({ officeNow, demoCases, firstRun }, use) => {
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
  baseURL: async ({ transport }, use) => use(transport.baseURL),
});

export { expect } from '@playwright/test';
