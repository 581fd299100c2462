// PostgreSQL twin of sqlite/migrations/0009_request_ids.ts.
export const migration = {
  id: '0009_request_ids',
  sql: /* sql */ `
CREATE TABLE request_ids (
  id text PRIMARY KEY CHECK (length(id) = 36),
  channel text NOT NULL,
  user_id integer NOT NULL REFERENCES users (id),
  result text NOT NULL CHECK (ombudsdesk_json_valid(result)),
  at text NOT NULL
);
CREATE INDEX request_ids_at ON request_ids (at);
`,
};
