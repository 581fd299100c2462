// Attachments' bytes in the database on PostgreSQL, content-addressed like the SQLite office's files
// (<data folder>/attachments/<2 hex>/<sha256>), so every seat reaches them and a pg_dump holds them: `db copy` fills this
// table from the SQLite office's files (main/db/postgres/copy-from-sqlite.ts). SQLite keeps its files (a no-op twin).
export const migration = {
  id: '0024_attachment_contents',
  sql: /* sql */ `
CREATE TABLE attachment_contents (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size integer NOT NULL CHECK (size >= 0 AND size <= 26214400),
  content bytea NOT NULL,
  CHECK (octet_length(content) = size)
);
`,
};
