// SQLite's errors as the API's codes: a constraint violation is a conflict, a locked or busy database is "busy".
import BetterSqlite3 from 'better-sqlite3';
import type { MappedDbError } from '../engine.ts';

export function mapSqliteError(error: unknown): MappedDbError | null {
  if (!(error instanceof BetterSqlite3.SqliteError)) return null;
  if (error.code.startsWith('SQLITE_CONSTRAINT')) return { code: 'conflict', details: { constraint: error.code } };
  if (error.code.startsWith('SQLITE_BUSY') || error.code.startsWith('SQLITE_LOCKED')) return { code: 'busy', details: { reason: error.code } };
  return null;
}
