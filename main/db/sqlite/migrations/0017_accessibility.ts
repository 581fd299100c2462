// Accessibility figures (issue 13, point 4): the office's optional call log and peer figures imported from CSV.
//
// A call row is one incoming call as the office noted it: when, whether the caller reached someone, and if so whether
// it was answered directly or passed on (NULL when not reached). called_on is the office's calendar date of called_at
// (local time, like cases.received_on); the quarters are taken from it. Peer figures are one value per indicator, year
// and peer (another administration's published figure); a later import of the same three replaces the value.
export const migration = {
  id: '0017_accessibility',
  sql: /* sql */ `
CREATE TABLE calls (
  id INTEGER PRIMARY KEY,
  called_at TEXT NOT NULL,
  called_on TEXT NOT NULL,
  reached INTEGER NOT NULL CHECK (reached IN (0, 1)),
  answered_directly INTEGER CHECK (answered_directly IN (0, 1)),
  department_id INTEGER REFERENCES departments (id),
  entered_by INTEGER REFERENCES users (id),
  created_at TEXT NOT NULL,
  CHECK (reached = 1 OR answered_directly IS NULL),
  CHECK (reached = 0 OR answered_directly IS NOT NULL)
) STRICT;
CREATE INDEX calls_on ON calls (called_on, department_id);

CREATE TABLE peer_figures (
  id INTEGER PRIMARY KEY,
  indicator TEXT NOT NULL,
  year INTEGER NOT NULL,
  value REAL NOT NULL,
  peer TEXT NOT NULL,
  imported_by INTEGER REFERENCES users (id),
  imported_at TEXT NOT NULL,
  UNIQUE (indicator, year, peer)
) STRICT;
`,
};
