// Background jobs (demo generation, exports, later imports and reports): one record per run that outlives the app, so a
// job the app stopped in the middle is known as interrupted at the next start, with the counts of what it committed.
export const migration = {
  id: '0011_jobs',
  sql: /* sql */ `
CREATE TABLE jobs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'cancelled', 'interrupted')),
  user_id INTEGER REFERENCES users (id),
  params TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(params)),
  started_at TEXT NOT NULL,
  finished_at TEXT,
  done INTEGER NOT NULL DEFAULT 0,
  total INTEGER,
  phase TEXT,
  counts TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(counts)),
  -- {code, details} of the error a failed job ended with
  error TEXT CHECK (error IS NULL OR json_valid(error)),
  -- the file a job produced (an export), relative to the data folder's jobs folder
  result_file TEXT,
  result_name TEXT,
  result_type TEXT,
  CHECK ((status = 'running') = (finished_at IS NULL))
) STRICT;
CREATE INDEX jobs_user ON jobs (user_id, id);
CREATE INDEX jobs_running ON jobs (status) WHERE status = 'running';
`,
};
