// A real data folder in a temp directory, with a controllable clock, for integration tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openAppContext, type AppContext } from '../../main/app-context.ts';
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
  user(username: string, role: Role, departmentIds?: number[]): Actor;
  department(name: string): number;
  cleanup(): void;
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

export function openTempApp(startAt = '2026-03-02T09:00:00'): TempApp {
  const dir = tempDir();
  let now = new Date(startAt);
  const app = openAppContext({ dataDir: dir, now: () => now, adminPassword: ADMIN_PASSWORD });
  return {
    app,
    dir,
    setNow(iso) {
      now = new Date(iso);
    },
    user(username, role, departmentIds = []) {
      const record = saveUser(app.services, {
        username,
        displayName: username,
        role,
        departmentIds,
        language: 'de',
        active: true,
        password: STAFF_PASSWORD,
      });
      app.db.run(app.db.q.updateTable('users').set({ must_change_password: 0 }).where('id', '=', record.id));
      return { id: record.id, role, departmentIds: record.departmentIds };
    },
    department(name) {
      return saveDepartment(app.services, { name, active: true }).id;
    },
    cleanup() {
      app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
