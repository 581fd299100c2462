// Foundation: users, departments, categories, settings, cases with their timeline, pauses and search index.
export const migration = {
  id: '0001_foundation',
  sql: /* sql */ `
CREATE TABLE departments (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE categories (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'ombudsman', 'deputy', 'department_head', 'executive')),
  password_hash TEXT NOT NULL,
  language TEXT NOT NULL DEFAULT 'de',
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE user_departments (
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  department_id INTEGER NOT NULL REFERENCES departments (id),
  PRIMARY KEY (user_id, department_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE reference_counters (
  year INTEGER PRIMARY KEY,
  last_number INTEGER NOT NULL
) STRICT;

CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  reference TEXT NOT NULL UNIQUE,
  year INTEGER NOT NULL,
  number INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('complaint', 'idea', 'praise', 'question')),
  channel TEXT NOT NULL CHECK (channel IN ('web', 'email', 'phone', 'walk_in', 'letter')),
  origin TEXT NOT NULL CHECK (origin IN ('external', 'internal')),
  received_at TEXT NOT NULL,
  received_on TEXT NOT NULL,
  subject TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  submitter_anonymous INTEGER NOT NULL DEFAULT 0 CHECK (submitter_anonymous IN (0, 1)),
  submitter_name TEXT,
  submitter_email TEXT,
  submitter_phone TEXT,
  submitter_address TEXT,
  submitter_organisation TEXT,
  submitter_language TEXT,
  consent_given_at TEXT,
  consent_text TEXT,
  department_id INTEGER REFERENCES departments (id),
  category_id INTEGER REFERENCES categories (id),
  priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  status TEXT NOT NULL CHECK (status IN ('new', 'open', 'forwarded', 'on_hold', 'answered', 'closed', 'withdrawn', 'merged')),
  resume_status TEXT,
  outcome TEXT,
  stage INTEGER NOT NULL DEFAULT 1 CHECK (stage IN (1, 2)),
  handler_id INTEGER REFERENCES users (id),
  stage1_handler_id INTEGER REFERENCES users (id),
  stage_started_on TEXT NOT NULL,
  extension_days INTEGER NOT NULL DEFAULT 0,
  ack_due TEXT NOT NULL,
  response_due TEXT NOT NULL,
  first_response_at TEXT,
  answered_on TEXT,
  closed_at TEXT,
  duplicate_of INTEGER REFERENCES cases (id),
  created_by INTEGER REFERENCES users (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (year, number),
  CHECK (submitter_anonymous = 0 OR (submitter_name IS NULL AND submitter_email IS NULL AND submitter_phone IS NULL AND submitter_address IS NULL))
) STRICT;

CREATE INDEX cases_inbox ON cases (status, department_id, response_due);
CREATE INDEX cases_due ON cases (response_due);
CREATE INDEX cases_received ON cases (received_at);
CREATE INDEX cases_handler ON cases (handler_id, status);
CREATE INDEX cases_kind_status ON cases (kind, status);
CREATE INDEX cases_department ON cases (department_id, received_at);

CREATE TABLE case_pauses (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  stage INTEGER NOT NULL,
  from_date TEXT NOT NULL,
  to_date TEXT
) STRICT;
CREATE INDEX case_pauses_case ON case_pauses (case_id, stage);

CREATE TABLE case_events (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  at TEXT NOT NULL,
  actor_id INTEGER REFERENCES users (id),
  type TEXT NOT NULL,
  data TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data))
) STRICT;
CREATE INDEX case_events_case ON case_events (case_id, id);

-- The timeline is append-only: the database itself refuses edits and deletes.
CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
BEGIN SELECT RAISE(ABORT, 'case_events are append-only'); END;
CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
BEGIN SELECT RAISE(ABORT, 'case_events are append-only'); END;

CREATE VIRTUAL TABLE case_search USING fts5 (
  subject, description, submitter_name,
  content = 'cases', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER cases_search_insert AFTER INSERT ON cases BEGIN
  INSERT INTO case_search (rowid, subject, description, submitter_name)
  VALUES (new.id, new.subject, new.description, coalesce(new.submitter_name, ''));
END;
CREATE TRIGGER cases_search_update AFTER UPDATE OF subject, description, submitter_name ON cases BEGIN
  INSERT INTO case_search (case_search, rowid, subject, description, submitter_name)
  VALUES ('delete', old.id, old.subject, old.description, coalesce(old.submitter_name, ''));
  INSERT INTO case_search (rowid, subject, description, submitter_name)
  VALUES (new.id, new.subject, new.description, coalesce(new.submitter_name, ''));
END;
CREATE TRIGGER cases_search_delete AFTER DELETE ON cases BEGIN
  INSERT INTO case_search (case_search, rowid, subject, description, submitter_name)
  VALUES ('delete', old.id, old.subject, old.description, coalesce(old.submitter_name, ''));
END;
`,
};
