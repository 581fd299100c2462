// Attachments' bytes in the database on PostgreSQL, content-addressed like the SQLite office's files
// (<data folder>/attachments/<2 hex>/<sha256>), so every seat reaches them and a pg_dump holds them: `db copy` fills this
// table from the SQLite office's files (main/db/postgres/copy-from-sqlite.ts). SQLite keeps its files (a no-op twin).
// After 0022, so its grants and row-level security are given here, the same way (pg-permissions.test.ts checks every table).
export const migration = {
  id: '0024_attachment_contents',
  sql: /* sql */ `
CREATE TABLE attachment_contents (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size integer NOT NULL CHECK (size >= 0 AND size <= 26214400),
  content bytea NOT NULL,
  CHECK (octet_length(content) = size)
);
-- Who may reach the bytes, as migration 0022 has it for the attachments' rows: the office and the executive read them,
-- the office adds them (contents never change: no UPDATE or DELETE for anyone but the owner), a department head reads
-- the contents of their departments' attachments only (the attachments they can see, under their row-level security).
DO $grants$
DECLARE
  prefix text := (SELECT r.prefix FROM database_roles r);
BEGIN
  EXECUTE format('GRANT SELECT ON attachment_contents TO %I, %I, %I', prefix || '_office', prefix || '_executive', prefix || '_department_head');
  EXECUTE format('GRANT INSERT ON attachment_contents TO %I, %I', prefix || '_office', prefix || '_department_head');
  ALTER TABLE attachment_contents ENABLE ROW LEVEL SECURITY;
  EXECUTE format('CREATE POLICY everything ON attachment_contents TO %I, %I USING (true) WITH CHECK (true)', prefix || '_office', prefix || '_executive');
  EXECUTE format('CREATE POLICY department ON attachment_contents TO %I USING (sha256 IN (SELECT sha256 FROM attachments)) WITH CHECK (true)', prefix || '_department_head');
END $grants$;
`,
};
