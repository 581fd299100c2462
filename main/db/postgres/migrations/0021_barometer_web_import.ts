// PostgreSQL twin of sqlite/migrations/0021_barometer_web_import.ts.
export const migration = {
  id: '0021_barometer_web_import',
  sql: /* sql */ `
ALTER TABLE barometer_votes ADD COLUMN import_key text;
CREATE UNIQUE INDEX barometer_votes_import_key ON barometer_votes (import_key);
`,
};
