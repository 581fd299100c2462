// Trust: failed sign-ins and password checks are counted in the database (a restart grants no new guesses, and several
// seats share one count), and the append-only tables also refuse INSERT OR REPLACE. REPLACE resolves a key conflict
// by deleting the old row, and that delete fires no DELETE trigger unless recursive_triggers is on for the connection,
// which a raw connection need not set; so a BEFORE INSERT trigger refuses any insert whose key is already taken, and
// no key of a prize draw may change (UPDATE OR REPLACE onto a drawn draw's id would delete it the same way).
export const migration = {
  id: '0007_trust',
  sql: /* sql */ `
CREATE TABLE auth_failures (
  id INTEGER PRIMARY KEY,
  -- 'login:<user name, lower case>', 'login:*' (every user name), or 'password:<user id>'.
  subject TEXT NOT NULL,
  at_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX auth_failures_subject ON auth_failures (subject, at_ms);

CREATE TRIGGER case_events_no_replace BEFORE INSERT ON case_events
WHEN EXISTS (SELECT 1 FROM case_events WHERE id = new.id)
BEGIN SELECT RAISE(ABORT, 'case_events are append-only'); END;

CREATE TRIGGER improvement_events_no_replace BEFORE INSERT ON improvement_events
WHEN EXISTS (SELECT 1 FROM improvement_events WHERE id = new.id)
BEGIN SELECT RAISE(ABORT, 'improvement_events are append-only'); END;

CREATE TRIGGER prize_draw_events_no_replace BEFORE INSERT ON prize_draw_events
WHEN EXISTS (SELECT 1 FROM prize_draw_events WHERE id = new.id)
BEGIN SELECT RAISE(ABORT, 'prize_draw_events are append-only'); END;

-- Both keys of a draw: its id, and the one prepared draw per year and pool.
CREATE TRIGGER prize_draws_no_replace BEFORE INSERT ON prize_draws
WHEN EXISTS (SELECT 1 FROM prize_draws WHERE id = new.id)
  OR (new.status = 'prepared' AND EXISTS (SELECT 1 FROM prize_draws WHERE year = new.year AND pool = new.pool AND status = 'prepared'))
BEGIN SELECT RAISE(ABORT, 'prize draws are never replaced'); END;

CREATE TRIGGER prize_draws_no_id_change BEFORE UPDATE OF id ON prize_draws
BEGIN SELECT RAISE(ABORT, 'prize draws are never replaced'); END;
`,
};
