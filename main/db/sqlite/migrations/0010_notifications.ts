// A working day: in-app notifications per user, the "last looked" markers of the start screens, and the indexes the
// start screens' figures need at 100,000 cases.
export const migration = {
  id: '0010_notifications',
  sql: /* sql */ `
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  type TEXT NOT NULL CHECK (type IN ('statement_returned', 'case_forwarded', 'deadline_reached', 'statement_due_soon')),
  case_id INTEGER REFERENCES cases (id),
  improvement_id INTEGER REFERENCES improvements (id),
  created_at TEXT NOT NULL,
  read_at TEXT,
  data TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data)),
  -- What makes a notification the same one: 'deadline_reached:<case>:<due date>' is created at most once per user.
  dedupe_key TEXT NOT NULL,
  UNIQUE (user_id, dedupe_key)
) STRICT;
CREATE INDEX notifications_user ON notifications (user_id, read_at, id);

-- When a user last looked at a part of their start screen ('returned': statements back from departments; 'statements':
-- a head's statement requests), so the screen can say what is new since then.
CREATE TABLE user_markers (
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL CHECK (name IN ('returned', 'statements')),
  at TEXT NOT NULL,
  PRIMARY KEY (user_id, name)
) STRICT, WITHOUT ROWID;

-- Workflow events by action and time: "statements returned since I last looked", "forwarded since". A query must
-- spell the expression and the WHERE exactly like this for the planner to use it (services/start-screens.ts does).
CREATE INDEX case_events_workflow ON case_events (json_extract(data, '$.action'), at) WHERE type = 'status_changed';

-- Volumes by received date and kind for the executive's overview, answered from the index alone.
CREATE INDEX cases_received_on_kind ON cases (received_on, kind, status);
`,
};
