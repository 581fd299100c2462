// PostgreSQL's search index learns each case's department (its twin: a department head's search narrows the matches by
// an index before reading them) and its vocabulary gets an index for prefix ranges. SQLite's search is planned
// differently (main/db/sqlite/search.ts); this migration keeps the two engines' lists of ids equal and changes nothing.
export const migration = {
  id: '0029_search_department',
  sql: /* sql */ `SELECT 1;`,
};
