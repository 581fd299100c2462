// No-op twin of postgres/migrations/0024_attachment_contents.ts: on SQLite attachments stay files in the data folder
// (services/attachment-store.ts); the PostgreSQL table holds the same bytes for the seats of a shared server.
export const migration = {
  id: '0024_attachment_contents',
  sql: /* sql */ `SELECT 1;`,
};
