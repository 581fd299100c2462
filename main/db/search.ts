// Full-text search and planner hints of the engine the app runs on (SQLite's FTS5 or PostgreSQL's tsvector): services
// import `search` from here, never from an engine's folder. Like the compiled-statement cache (handles.ts reusable),
// this assumes one engine per process: opening an engine selects its module (selectEngineSql in main/db/open.ts).
import * as sqlite from './sqlite/search.ts';
import * as postgres from './postgres/search.ts';
import { selectedEngine } from './dialect.ts';

type SearchSql = typeof sqlite;

const modules: Record<'sqlite' | 'postgres', SearchSql> = { sqlite, postgres: postgres as unknown as SearchSql };

/** The selected engine's search functions, looked up on every call. */
export const search: SearchSql = new Proxy({} as SearchSql, {
  get: (_, key: string) => modules[selectedEngine()][key as keyof SearchSql],
});
