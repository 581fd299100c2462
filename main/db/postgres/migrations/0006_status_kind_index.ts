// PostgreSQL twin of sqlite/migrations/0006_status_kind_index.ts (identical SQL).
export const migration = {
  id: '0006_status_kind_index',
  sql: /* sql */ `
CREATE INDEX cases_status_kind ON cases (status, kind);
`,
};
