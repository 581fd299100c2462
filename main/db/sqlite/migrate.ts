// Runs the numbered migrations, each in its own transaction, and refuses a database whose history diverged.
import type BetterSqlite3 from 'better-sqlite3';
import type { Migration } from './migrations/index.ts';

export class MigrationHistoryError extends Error {
  readonly applied: string[];
  constructor(message: string, applied: string[]) {
    super(message);
    this.name = 'MigrationHistoryError';
    this.applied = applied;
  }
}

export function appliedMigrations(sqlite: BetterSqlite3.Database): string[] {
  sqlite.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, applied_at TEXT NOT NULL) STRICT`);
  return sqlite
    .prepare('SELECT id FROM schema_migrations ORDER BY position')
    .pluck()
    .all() as string[];
}

/** Applies what is missing; returns the ids it applied. */
export function migrate(sqlite: BetterSqlite3.Database, migrations: readonly Migration[], now = new Date()): string[] {
  const applied = appliedMigrations(sqlite);
  applied.forEach((id, index) => {
    if (migrations[index]?.id !== id) {
      throw new MigrationHistoryError(
        `database migration history diverges at position ${index + 1}: applied "${id}", this version ships "${migrations[index]?.id ?? 'nothing'}"`,
        applied,
      );
    }
  });
  const record = sqlite.prepare('INSERT INTO schema_migrations (position, id, applied_at) VALUES (?, ?, ?)');
  const done: string[] = [];
  for (const [index, migration] of migrations.entries()) {
    if (index < applied.length) continue;
    sqlite.transaction(() => {
      sqlite.exec(migration.sql);
      record.run(index + 1, migration.id, now.toISOString());
    }).immediate();
    done.push(migration.id);
  }
  return done;
}
