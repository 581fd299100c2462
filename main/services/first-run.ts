// The first-run choice of where this computer's data lives (issue 11, item 3): before anyone signs in on a brand-new
// installation, the sign-in screen asks "this computer only (SQLite)" or "a shared server (PostgreSQL)". Those calls
// need no sign-in, so they are allowed only while the start is pristine, checked on every call: no connection file in
// the data folder, running on the data folder's SQLite, and that database untouched (only the first admin, who has
// never changed the one-time password, and no cases). A stranger at a computer in use can never redirect it to another
// server. Choosing SQLite writes the connection file (the question is not asked again); choosing a server tests it
// first, writes the file (password sealed) and asks the app to restart onto it.
import { existsSync } from 'node:fs';
import type { ConnectionTestResult } from '../types/connection.ts';
import type { FirstRunChoice } from '../types/first-run.ts';
import { connectionFilePath, saveConnectionFile } from './connection-file.ts';
import { testServerConnection, type ServerInput } from './connection-settings.ts';
import type { ServiceContext } from './context.ts';
import { fail } from './errors.ts';
import type { SecretBox } from './secrets.ts';

export interface FirstRunApp {
  dataDir: string;
  services: ServiceContext;
  secrets: SecretBox;
  /** Asks the app to start again (on the engine the connection file now names). */
  restart(): void;
}

/** How long the window shows "restarting onto the server" before the app starts again. */
export const RESTART_DELAY_MS = 1_500;

/** Outcomes after which the server is saved: reachable and signed in (a database without the schema is set up at start). */
const SAVABLE: readonly ConnectionTestResult['outcome'][] = ['ok', 'not_migrated'];

/** Data folders whose choice is being made right now: a second call meanwhile is refused (one choice is written). */
const choosing = new Set<string>();

/** Whether this start is pristine: the only state in which the first-run channels answer. */
export async function isPristineStart(app: Pick<FirstRunApp, 'dataDir' | 'services'>): Promise<boolean> {
  if (existsSync(connectionFilePath(app.dataDir))) return false;
  if (app.services.engine.kind !== 'sqlite') return false;
  const db = app.services.read;
  const users = await db.selectFrom('users').select(['role', 'must_change_password']).limit(2).execute();
  if (users.length !== 1 || users[0]!.role !== 'admin' || Number(users[0]!.must_change_password) !== 1) return false;
  const anyCase = await db.selectFrom('cases').select('id').limit(1).executeTakeFirst();
  return anyCase === undefined;
}

async function requirePristine(app: FirstRunApp): Promise<void> {
  if (choosing.has(app.dataDir) || !(await isPristineStart(app))) fail('forbidden');
}

export async function firstRunTest(app: FirstRunApp, input: ServerInput): Promise<ConnectionTestResult> {
  await requirePristine(app);
  return testServerConnection(app.dataDir, input, app.secrets);
}

export async function firstRunChoose(app: FirstRunApp, choice: { engine: 'sqlite' } | ({ engine: 'postgres' } & ServerInput)): Promise<FirstRunChoice> {
  await requirePristine(app);
  choosing.add(app.dataDir);
  try {
    if (choice.engine === 'sqlite') {
      saveConnectionFile(app.dataDir, { engine: 'sqlite' }, app.secrets);
      return { saved: true, restarting: false, test: null };
    }
    // Not saved unless the server answers: a computer set to a server it cannot reach would not start at all.
    const test = await testServerConnection(app.dataDir, choice, app.secrets);
    if (!SAVABLE.includes(test.outcome)) return { saved: false, restarting: false, test };
    saveConnectionFile(app.dataDir, choice, app.secrets);
    // After the answer has gone out: the window shows "restarting onto the server" meanwhile.
    setTimeout(() => app.restart(), RESTART_DELAY_MS);
    return { saved: true, restarting: true, test };
  } finally {
    choosing.delete(app.dataDir);
  }
}
