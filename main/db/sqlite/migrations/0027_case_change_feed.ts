// Live refresh (issue 11, point 4) is PostgreSQL's: its twin adds triggers that NOTIFY the other seats when a case, its
// timeline or its attachments change. A SQLite file has one seat, so there is nothing to announce; this migration keeps
// the two engines' lists of ids equal and changes nothing.
export const migration = {
  id: '0027_case_change_feed',
  sql: /* sql */ `SELECT 1;`,
};
