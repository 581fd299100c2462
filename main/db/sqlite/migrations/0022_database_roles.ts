// No-op twin of postgres/migrations/0022_database_roles.ts. On PostgreSQL this step creates the group roles per office
// role, the GRANTs and the row-level security that make the database itself enforce the permissions for seats that
// connect with their own login role (issue 11, point 2). A SQLite file has one user, the app on this computer: there
// are no database roles to create, and the permission table in main is the only check.
export const migration = {
  id: '0022_database_roles',
  sql: /* sql */ `
-- Nothing to do on SQLite: database roles and row-level security exist on PostgreSQL only.
SELECT 1;
`,
};
