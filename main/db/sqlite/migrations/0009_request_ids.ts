// Idempotent writes: a write call may carry a requestId (a UUID the window makes once per submission). The dispatcher
// runs the handler and stores its result here in one transaction, so the same request sent again (a double click, a
// retry after a lost answer) returns the stored result instead of doing the work twice. Old ids are pruned.
export const migration = {
  id: '0009_request_ids',
  sql: /* sql */ `
CREATE TABLE request_ids (
  id TEXT PRIMARY KEY CHECK (length(id) = 36),
  channel TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users (id),
  result TEXT NOT NULL CHECK (json_valid(result)),
  at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX request_ids_at ON request_ids (at);
`,
};
