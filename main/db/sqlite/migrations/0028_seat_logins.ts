// No-op twin of postgres/migrations/0028_seat_logins.ts (the rights a seat's own login role needs to do its user's
// work: own password, own jobs and request ids, the executive's prize draw, a department head's counts). SQLite has no
// database roles.
export const migration = {
  id: '0028_seat_logins',
  sql: /* sql */ `
-- Nothing to do on SQLite: database roles and row-level security exist on PostgreSQL only.
SELECT 1;
`,
};
