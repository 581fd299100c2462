// Opens the engine the app runs on (SQLite in the data folder today; a PostgreSQL server is the next one).
import path from 'node:path';
import type { Engine, OpenEngineOptions } from './engine.ts';
import { DATABASE_FILE, openSqlite, type SqliteEngine } from './sqlite/index.ts';

export { DATABASE_FILE };

/** The engine for a data folder. */
export function openEngine(dataDir: string, options: OpenEngineOptions = {}): SqliteEngine {
  return openSqlite(path.join(dataDir, DATABASE_FILE), options);
}

export type { Engine };
