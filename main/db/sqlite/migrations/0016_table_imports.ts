// Imports of spreadsheets and form exports (CSV, XLSX, JSON) and of Open311 GeoReport v2 requests (issue 12, points 4
// and 5): the imports' kind takes 'table' and 'open311'; column mappings are saved by name for reuse.
//
// SQLite cannot change a CHECK constraint in place (and writable_schema is off in defensive mode), so the three import
// tables of 0014 are rebuilt: copied into new tables, the old ones dropped children first (no foreign key is ever
// broken), the new ones renamed (SQLite rewrites the children's REFERENCES to the new names).
export const migration = {
  id: '0016_table_imports',
  sql: /* sql */ `
CREATE TABLE imports_v16 (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('mail', 'table', 'open311')),
  job_id INTEGER REFERENCES jobs (id),
  started_by INTEGER REFERENCES users (id),
  started_at TEXT NOT NULL,
  finished_at TEXT,
  source TEXT NOT NULL,
  new_count INTEGER NOT NULL DEFAULT 0 CHECK (new_count >= 0),
  appended_count INTEGER NOT NULL DEFAULT 0 CHECK (appended_count >= 0),
  skipped_count INTEGER NOT NULL DEFAULT 0 CHECK (skipped_count >= 0),
  failed_count INTEGER NOT NULL DEFAULT 0 CHECK (failed_count >= 0),
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'cancelled')),
  CHECK ((status = 'running') = (finished_at IS NULL))
) STRICT;
INSERT INTO imports_v16 SELECT id, kind, job_id, started_by, started_at, finished_at, source, new_count, appended_count, skipped_count, failed_count, status FROM imports;

CREATE TABLE import_items_v16 (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES imports_v16 (id),
  item TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('failed', 'skipped')),
  code TEXT NOT NULL,
  details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
  case_id INTEGER REFERENCES cases (id)
) STRICT;
INSERT INTO import_items_v16 SELECT id, import_id, item, outcome, code, details, case_id FROM import_items;

CREATE TABLE imported_sources_v16 (
  source_kind TEXT NOT NULL,
  external_id TEXT NOT NULL,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  import_id INTEGER REFERENCES imports_v16 (id),
  imported_at TEXT NOT NULL,
  PRIMARY KEY (source_kind, external_id)
) STRICT;
INSERT INTO imported_sources_v16 SELECT source_kind, external_id, case_id, import_id, imported_at FROM imported_sources;

DROP TABLE import_items;
DROP TABLE imported_sources;
DROP TABLE imports;
ALTER TABLE imports_v16 RENAME TO imports;
ALTER TABLE import_items_v16 RENAME TO import_items;
ALTER TABLE imported_sources_v16 RENAME TO imported_sources;
CREATE INDEX imports_started ON imports (started_at DESC, id DESC);
CREATE INDEX import_items_import ON import_items (import_id, id);
CREATE INDEX imported_sources_case ON imported_sources (case_id);

-- A column mapping for spreadsheet and form-export imports, saved by name and reused (the JSON is checked by main).
CREATE TABLE import_mappings (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  mapping TEXT NOT NULL CHECK (json_valid(mapping)),
  updated_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users (id)
) STRICT;
`,
};
