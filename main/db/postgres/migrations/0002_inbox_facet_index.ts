// PostgreSQL twin of sqlite/migrations/0002_inbox_facet_index.ts (identical SQL).
export const migration = {
  id: '0002_inbox_facet_index',
  sql: /* sql */ `
CREATE INDEX cases_facets ON cases (kind, channel, origin, status, department_id);
DROP INDEX cases_kind_status;
`,
};
