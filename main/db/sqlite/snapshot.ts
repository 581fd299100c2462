// A read-only snapshot of a SQLite office for `db copy` (postgres/copy-from-sqlite.ts): opened read-only, one read
// transaction for everything read (a consistent state even if the app were writing), and its tables as data. Reading a
// WAL database leaves an empty -wal and a -shm beside it: those this snapshot made are removed again on close.
import BetterSqlite3 from 'better-sqlite3';
import { existsSync, rmSync, statSync } from 'node:fs';

export type SnapshotRow = Record<string, unknown>;

export interface SqliteSnapshot {
  /** The migration ids applied, in order. */
  applied(): string[];
  /** The office's own tables (not SQLite's, not the history, not the search index, whose shape is per engine). */
  tables(): string[];
  columns(table: string): string[];
  rows(table: string, columns: string[], where?: string): Iterable<SnapshotRow>;
  /** A single value (count(*) and the like). */
  value<T>(sql: string): T;
  pluck<T>(sql: string): T[];
  close(): void;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

export function openSqliteSnapshot(file: string): SqliteSnapshot {
  const sidecars = ['-wal', '-shm'].map((suffix) => file + suffix).filter((sidecar) => !existsSync(sidecar));
  const sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  sqlite.exec('BEGIN');
  return {
    applied: () => sqlite.prepare('SELECT id FROM schema_migrations ORDER BY position').pluck().all() as string[],
    tables: () =>
      (
        sqlite
          .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")
          .pluck()
          .all() as string[]
      ).filter((name) => name !== 'schema_migrations' && !name.startsWith('case_search')),
    columns: (table) => (sqlite.prepare(`PRAGMA table_info(${quote(table)})`).all() as { name: string }[]).map((column) => column.name),
    rows: (table, columns, where = '') =>
      sqlite.prepare(`SELECT ${columns.map(quote).join(', ')} FROM ${quote(table)}${where}`).iterate() as Iterable<SnapshotRow>,
    value: <T>(sql: string) => sqlite.prepare(sql).pluck().get() as T,
    pluck: <T>(sql: string) => sqlite.prepare(sql).pluck().all() as T[],
    close() {
      if (sqlite.inTransaction) sqlite.exec('COMMIT');
      sqlite.close();
      const wal = sidecars.find((sidecar) => sidecar.endsWith('-wal'));
      if (!wal || !existsSync(wal) || statSync(wal).size === 0) for (const sidecar of sidecars) rmSync(sidecar, { force: true });
    },
  };
}
