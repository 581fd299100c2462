// No-op twin of postgres/migrations/0030_department_search_policies.ts (a department head's row-level security on the
// search tables, by the department each search row keeps). SQLite has no database roles.
export const migration = {
  id: '0030_department_search_policies',
  sql: /* sql */ `
-- Nothing to do on SQLite: database roles and row-level security exist on PostgreSQL only.
SELECT 1;
`,
};
