// A real data folder in a temp directory, with a controllable clock, for integration tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { openAppContext, type AppContext } from '../../main/app-context.ts';
import type { SqliteEngine } from '../../main/db/sqlite/index.ts';
import type { Actor } from '../../main/services/actor.ts';
import { saveDepartment } from '../../main/services/departments.ts';
import { saveUser } from '../../main/services/users.ts';
import type { Role } from '../../main/domain/model.ts';

export const ADMIN_PASSWORD = 'first-admin-password';
export const STAFF_PASSWORD = 'staff-password-123';

export interface TempApp {
  app: AppContext;
  dir: string;
  setNow(iso: string): void;
  /** Creates a user (password already changed) and returns it as an Actor. */
  user(username: string, role: Role, departmentIds?: number[]): Promise<Actor>;
  department(name: string): Promise<number>;
  cleanup(): Promise<void>;
}

const made: string[] = [];

/** A fresh folder under the system temp dir; removeTempDirs() (an afterAll) deletes them all. */
export function tempDir(prefix = 'ombudsdesk-test-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The raw better-sqlite3 connection under an app, for fixtures and counts (tests may reach under the engine). */
export function rawDb(app: AppContext | SqliteEngine): BetterSqlite3.Database {
  return 'sqlite' in app ? app.sqlite : (app.engine as SqliteEngine).sqlite;
}

export async function openTempApp(startAt = '2026-03-02T09:00:00'): Promise<TempApp> {
  const dir = tempDir();
  let now = new Date(startAt);
  const app = await openAppContext({ dataDir: dir, now: () => now, adminPassword: ADMIN_PASSWORD });
  return {
    app,
    dir,
    setNow(iso) {
      now = new Date(iso);
    },
    async user(username, role, departmentIds = []) {
      const record = await saveUser(app.services, {
        username,
        displayName: username,
        role,
        departmentIds,
        language: 'de',
        active: true,
        password: STAFF_PASSWORD,
      });
      await app.services.tx(({ db }) => db.updateTable('users').set({ must_change_password: 0 }).where('id', '=', record.id).execute());
      return { id: record.id, role, departmentIds: record.departmentIds };
    },
    async department(name) {
      return (await saveDepartment(app.services, { name, active: true })).id;
    },
    async cleanup() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
