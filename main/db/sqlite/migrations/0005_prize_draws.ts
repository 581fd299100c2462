// The yearly prize draw by lot. A draw is prepared (its entry list frozen with its fingerprint), then drawn once; from
// then on the database itself refuses any change or deletion, and follow-ups (notified, declined) go to an append-only log.
export const migration = {
  id: '0005_prize_draws',
  sql: /* sql */ `
CREATE TABLE prize_draws (
  id INTEGER PRIMARY KEY,
  year INTEGER NOT NULL,
  pool TEXT NOT NULL CHECK (pool IN ('external', 'internal')),
  status TEXT NOT NULL DEFAULT 'prepared' CHECK (status IN ('prepared', 'drawn')),
  prizes TEXT NOT NULL CHECK (json_valid(prizes)),
  -- The frozen entry list: references in canonical order, and the case behind each (same order).
  entries TEXT NOT NULL CHECK (json_valid(entries)),
  entry_case_ids TEXT NOT NULL CHECK (json_valid(entry_case_ids)),
  exclusions TEXT NOT NULL CHECK (json_valid(exclusions)),
  fingerprint TEXT NOT NULL CHECK (length(fingerprint) = 64),
  prepared_at TEXT NOT NULL,
  prepared_by INTEGER REFERENCES users (id),
  repeat_of INTEGER REFERENCES prize_draws (id),
  repeat_reason TEXT,
  seed TEXT,
  algorithm TEXT,
  algorithm_version INTEGER,
  ranking TEXT CHECK (ranking IS NULL OR json_valid(ranking)),
  winner_count INTEGER,
  witnesses TEXT CHECK (witnesses IS NULL OR json_valid(witnesses)),
  drawn_at TEXT,
  drawn_by INTEGER REFERENCES users (id),
  drawn_by_name TEXT,
  CHECK ((status = 'drawn') = (seed IS NOT NULL AND ranking IS NOT NULL AND drawn_at IS NOT NULL AND algorithm IS NOT NULL)),
  CHECK ((repeat_of IS NULL) = (repeat_reason IS NULL))
) STRICT;
CREATE INDEX prize_draws_year_pool ON prize_draws (year, pool, id);
-- At most one prepared (not yet drawn) draw per year and pool.
CREATE UNIQUE INDEX prize_draws_one_prepared ON prize_draws (year, pool) WHERE status = 'prepared';

-- Frozen at preparation: the list, its fingerprint and the prizes never change.
CREATE TRIGGER prize_draws_frozen BEFORE UPDATE OF year, pool, prizes, entries, entry_case_ids, exclusions, fingerprint, prepared_at, prepared_by, repeat_of, repeat_reason ON prize_draws
BEGIN SELECT RAISE(ABORT, 'prize draw entry list is frozen'); END;
-- A completed draw is a protocol: no update of any column, and no draw is ever deleted.
CREATE TRIGGER prize_draws_completed BEFORE UPDATE ON prize_draws WHEN old.status = 'drawn'
BEGIN SELECT RAISE(ABORT, 'completed prize draw is immutable'); END;
CREATE TRIGGER prize_draws_no_delete BEFORE DELETE ON prize_draws
BEGIN SELECT RAISE(ABORT, 'prize draws are never deleted'); END;

-- What happened after the draw: a winner was notified, declined or could not be reached (then the next reserve moves up).
CREATE TABLE prize_draw_events (
  id INTEGER PRIMARY KEY,
  draw_id INTEGER NOT NULL REFERENCES prize_draws (id),
  at TEXT NOT NULL,
  actor_id INTEGER REFERENCES users (id),
  type TEXT NOT NULL CHECK (type IN ('notified', 'declined', 'unreachable')),
  reference TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX prize_draw_events_draw ON prize_draw_events (draw_id, id);
CREATE TRIGGER prize_draw_events_no_update BEFORE UPDATE ON prize_draw_events
BEGIN SELECT RAISE(ABORT, 'prize_draw_events are append-only'); END;
CREATE TRIGGER prize_draw_events_no_delete BEFORE DELETE ON prize_draw_events
BEGIN SELECT RAISE(ABORT, 'prize_draw_events are append-only'); END;
`,
};
