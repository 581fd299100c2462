// The satisfaction barometer (issue 13): votes from the foyer kiosk, imported web votes and hand-counted paper tallies.
//
// One row carries `count` votes of one rating, so a paper tally of 120 "good" is one row with count 120 and a kiosk press
// is a row with count 1; every figure sums count. voted_on is the office's calendar date of voted_at (local time of the
// machine, like cases.received_on), which the quarters are taken from. kiosk_id names the kiosk (its computer) for the
// rule that a second press within the interval counts once; place is where the vote was given (kiosk or tally place).
// The settings rows give the defaults: 5 seconds between counted presses per kiosk, 30 votes for a reliable quarter.
export const migration = {
  id: '0013_barometer',
  sql: /* sql */ `
CREATE TABLE barometer_votes (
  id INTEGER PRIMARY KEY,
  rating TEXT NOT NULL CHECK (rating IN ('good', 'okay', 'could_be_better')),
  count INTEGER NOT NULL DEFAULT 1 CHECK (count >= 1),
  voted_at TEXT NOT NULL,
  voted_on TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('kiosk', 'web', 'paper')),
  department_id INTEGER REFERENCES departments(id),
  kiosk_id TEXT,
  place TEXT,
  entered_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  CHECK (source <> 'kiosk' OR (kiosk_id IS NOT NULL AND count = 1))
) STRICT;

CREATE INDEX barometer_votes_on ON barometer_votes (voted_on, department_id);
CREATE INDEX barometer_votes_kiosk ON barometer_votes (kiosk_id, voted_at) WHERE kiosk_id IS NOT NULL;

INSERT OR IGNORE INTO settings (key, value) VALUES ('barometer_kiosk_interval_seconds', '5'), ('barometer_min_n', '30');
`,
};
