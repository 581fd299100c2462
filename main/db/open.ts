// Opens the engine the app runs on: SQLite in the data folder (the default), or a PostgreSQL server. Opening an engine
// also selects its SQL for the services (main/db/dialect.ts, main/db/search.ts): one engine per process.
import path from 'node:path';
import type { Engine, OpenEngineOptions } from './engine.ts';
import { selectEngineSql } from './dialect.ts';
import { openPostgres, type PostgresConnection } from './postgres/index.ts';
import { DATABASE_FILE, openSqlite } from './sqlite/index.ts';

export { DATABASE_FILE };
export type { PostgresConnection };

/** Where the data lives: a SQLite file, or a PostgreSQL database. Plain data, so a job's worker thread gets it too. */
export type EngineConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; connection: PostgresConnection };

/** The default: SQLite in the data folder. */
export function sqliteConfig(dataDir: string): EngineConfig {
  return { kind: 'sqlite', file: path.join(dataDir, DATABASE_FILE) };
}

export async function openEngine(config: EngineConfig, options: OpenEngineOptions = {}): Promise<Engine> {
  selectEngineSql(config.kind);
  if (config.kind === 'postgres') return openPostgres(config.connection, options);
  return openSqlite(config.file, options);
}

export type { Engine };
