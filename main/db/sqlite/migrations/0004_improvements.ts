// Improvements: the changes made because of feedback, their links to cases (many to many) and an append-only timeline.
// The sign-off is part of the row: a done improvement always says when, by whom and what was done.
export const migration = {
  id: '0004_improvements',
  sql: /* sql */ `
CREATE TABLE improvements (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  department_id INTEGER NOT NULL REFERENCES departments (id),
  responsible_id INTEGER REFERENCES users (id),
  status TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'planned', 'in_progress', 'done', 'declined')),
  target_date TEXT CHECK (target_date IS NULL OR target_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  done_on TEXT CHECK (done_on IS NULL OR done_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  done_year INTEGER GENERATED ALWAYS AS (CAST(substr(done_on, 1, 4) AS INTEGER)) VIRTUAL,
  signed_off_by INTEGER REFERENCES users (id),
  signed_off_at TEXT,
  done_note TEXT,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users (id),
  updated_at TEXT NOT NULL,
  -- Done means signed off: date, note and the person who signed, never one without the others.
  CHECK ((status = 'done') = (done_on IS NOT NULL AND signed_off_at IS NOT NULL AND done_note IS NOT NULL))
) STRICT;
CREATE INDEX improvements_department_status ON improvements (department_id, status);
CREATE INDEX improvements_done_year ON improvements (done_year) WHERE done_on IS NOT NULL;

-- relation: the idea behind it, a complaint that is a root cause, or simply related feedback.
CREATE TABLE improvement_cases (
  improvement_id INTEGER NOT NULL REFERENCES improvements (id),
  case_id INTEGER NOT NULL REFERENCES cases (id),
  relation TEXT NOT NULL CHECK (relation IN ('idea', 'root_cause', 'related')),
  linked_at TEXT NOT NULL,
  linked_by INTEGER REFERENCES users (id),
  PRIMARY KEY (improvement_id, case_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX improvement_cases_case ON improvement_cases (case_id, improvement_id);

CREATE TABLE improvement_events (
  id INTEGER PRIMARY KEY,
  improvement_id INTEGER NOT NULL REFERENCES improvements (id),
  at TEXT NOT NULL,
  actor_id INTEGER REFERENCES users (id),
  type TEXT NOT NULL,
  data TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data))
) STRICT;
CREATE INDEX improvement_events_improvement ON improvement_events (improvement_id, id);
CREATE TRIGGER improvement_events_no_update BEFORE UPDATE ON improvement_events
BEGIN SELECT RAISE(ABORT, 'improvement_events are append-only'); END;
CREATE TRIGGER improvement_events_no_delete BEFORE DELETE ON improvement_events
BEGIN SELECT RAISE(ABORT, 'improvement_events are append-only'); END;
`,
};
