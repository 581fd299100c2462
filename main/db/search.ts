// Full-text search and planner hints of the engine the app runs on (SQLite's FTS5 today): services import these from
// here, never from an engine's folder.
export * as search from './sqlite/search.ts';
