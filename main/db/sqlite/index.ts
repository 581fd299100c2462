// The SQLite engine: one better-sqlite3 connection (WAL, foreign keys, busy timeout), migrated on open, behind Kysely.
import BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Engine } from '../engine.ts';
import type { Schema } from '../schema.ts';
import { backupDatabase } from './backup.ts';
import { createKysely } from './driver.ts';
import { mapSqliteError } from './errors.ts';
import { migrate } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';

export const DATABASE_FILE = 'ombudsdesk.sqlite';

export interface SqliteEngine extends Engine {
  readonly kind: 'sqlite';
  /** The raw connection, for this folder, migrations and tests' fixtures only (services use `db`). */
  readonly sqlite: BetterSqlite3.Database;
}

export interface OpenOptions {
  migrate?: boolean;
  readonly?: boolean;
}

export function openSqlite(file: string, options: OpenOptions = {}): SqliteEngine {
  const sqlite = new BetterSqlite3(file, { readonly: options.readonly ?? false });
  sqlite.pragma('busy_timeout = 5000');
  if (!options.readonly) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  // 64 MiB of page cache instead of SQLite's 2 MiB: the inbox indexes and the search index of 100,000 cases stay in memory.
  sqlite.pragma('cache_size = -65536');
  if (options.migrate ?? true) migrate(sqlite, MIGRATIONS);
  return wrap(sqlite);
}

function wrap(sqlite: BetterSqlite3.Database): SqliteEngine {
  const db: Kysely<Schema> = createKysely(sqlite);
  let closed = false;
  return {
    kind: 'sqlite',
    sqlite,
    db,
    backup: (target, options) => backupDatabase(sqlite, target, options),
    mapError: mapSqliteError,
    // One file, one user (the app on this computer): SQLite has no database roles to keep in step.
    syncLoginRole: async () => {},
    // Writers queue on BEGIN IMMEDIATE with busy_timeout: a busy error is that wait run out, not worth another wait.
    busyRetries: 0,
    // One seat: the attachments stay files in the data folder beside the database file.
    attachmentContents: null,
    // One file, no database logins: the app's own sign-in is the only one.
    seatUserId: null,
    checkSeatPassword: () => Promise.reject(new Error('SQLite has no seat logins')),
    useSeatPassword: () => {},
    setOwnPassword: () => Promise.reject(new Error('SQLite has no seat logins')),
    async bulkWrites(fn) {
      // Every write to `cases` runs triggers (search index, counts, volumes), so SQLite keeps a statement journal of the
      // pages it changes, to undo a failing statement; by default that journal is a temporary file, and the demo spent a
      // quarter of its CPU time (17 s of 65 s per 100,000 cases) in the system calls writing it (some 65 pages per case).
      // Kept in memory instead, it costs no system calls; it holds one statement's pages at a time (a case's merge
      // savepoint: its few pages), so it stays small. Temporary tables and sorts would move to memory too, which is why
      // this is only for the bulk run and the default comes back afterwards. Nothing about durability changes (a
      // statement journal is not needed to recover from a crash; the WAL and synchronous stay as they are).
      if (sqlite.inTransaction) return await fn();
      const tempStore = sqlite.pragma('temp_store', { simple: true }) as number;
      sqlite.pragma('temp_store = MEMORY');
      try {
        return await fn();
      } finally {
        if (sqlite.open && !sqlite.inTransaction) sqlite.pragma(`temp_store = ${Number(tempStore)}`);
      }
    },
    // One seat per file: a window's own writes refresh it already (see Engine.watchCases).
    watchCases: () => () => {},
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}
