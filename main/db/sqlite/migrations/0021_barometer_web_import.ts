// Web votes imported from CSV/XLSX (issue 13, point 1): each imported vote carries the key its import derived from its
// row, unique, so importing the same file (or a later export that repeats its rows) adds nothing. NULL for kiosk and
// paper votes (NULLs never collide in a unique index). How the key is made: main/domain/barometer-import.ts.
export const migration = {
  id: '0021_barometer_web_import',
  sql: /* sql */ `
ALTER TABLE barometer_votes ADD COLUMN import_key TEXT;
CREATE UNIQUE INDEX barometer_votes_import_key ON barometer_votes (import_key);
`,
};
