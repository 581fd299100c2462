// Counting the inbox by kind, channel and origin (any prefix of them, with status) from one covering index instead of table rows.
export const migration = {
  id: '0002_inbox_facet_index',
  sql: /* sql */ `
CREATE INDEX cases_facets ON cases (kind, channel, origin, status, department_id);
DROP INDEX cases_kind_status;
`,
};
