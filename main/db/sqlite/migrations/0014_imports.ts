// Imports (issue 12): each run's record with its counts, the items that failed or were skipped with their reason, and
// the sources already imported (kind + external id, e.g. a mail's Message-ID) so the same message never becomes two cases.
export const migration = {
  id: '0014_imports',
  sql: /* sql */ `
CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('mail')),
  job_id INTEGER REFERENCES jobs (id),
  started_by INTEGER REFERENCES users (id),
  started_at TEXT NOT NULL,
  finished_at TEXT,
  -- what was imported, as the person chose it: file names, a mailbox, a URL
  source TEXT NOT NULL,
  new_count INTEGER NOT NULL DEFAULT 0 CHECK (new_count >= 0),
  appended_count INTEGER NOT NULL DEFAULT 0 CHECK (appended_count >= 0),
  skipped_count INTEGER NOT NULL DEFAULT 0 CHECK (skipped_count >= 0),
  failed_count INTEGER NOT NULL DEFAULT 0 CHECK (failed_count >= 0),
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'cancelled')),
  CHECK ((status = 'running') = (finished_at IS NULL))
) STRICT;
CREATE INDEX imports_started ON imports (started_at DESC, id DESC);

-- The items of an import that did not become a case or a timeline entry: failed (with an error code) or skipped.
CREATE TABLE import_items (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES imports (id),
  item TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('failed', 'skipped')),
  code TEXT NOT NULL,
  details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
  case_id INTEGER REFERENCES cases (id)
) STRICT;
CREATE INDEX import_items_import ON import_items (import_id, id);

-- Idempotency: a source item (a mail's Message-ID, later a form export's row id or an Open311 request id) is imported once.
CREATE TABLE imported_sources (
  source_kind TEXT NOT NULL,
  external_id TEXT NOT NULL,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  import_id INTEGER REFERENCES imports (id),
  imported_at TEXT NOT NULL,
  PRIMARY KEY (source_kind, external_id)
) STRICT;
CREATE INDEX imported_sources_case ON imported_sources (case_id);
`,
};
