// Scale (issue 10, Measure): counts by status, kind and department kept in a table by triggers, so the inbox's totals
// and the counts by status and kind stop scanning cases (14 ms at 100,000 and growing linearly); and an index the
// office's broad views page from without reading table rows (the four open statuses across all departments by due
// date, overdue across all departments).
//
// case_counts.department_id is 0 for cases without a department (a primary key column cannot hold NULL usefully:
// every NULL would be a row of its own); department ids start at 1. The triggers run inside the statement that
// changes a case, so the counts are part of the same transaction and never drift; rows that drop to 0 stay (harmless).
export const migration = {
  id: '0012_case_counts',
  sql: /* sql */ `
CREATE TABLE case_counts (
  status TEXT NOT NULL,
  kind TEXT NOT NULL,
  department_id INTEGER NOT NULL,
  n INTEGER NOT NULL CHECK (n >= 0),
  PRIMARY KEY (status, kind, department_id)
) STRICT, WITHOUT ROWID;

INSERT INTO case_counts (status, kind, department_id, n)
  SELECT status, kind, coalesce(department_id, 0), count(*) FROM cases GROUP BY status, kind, coalesce(department_id, 0);

CREATE TRIGGER case_counts_insert AFTER INSERT ON cases BEGIN
  INSERT INTO case_counts (status, kind, department_id, n) VALUES (new.status, new.kind, coalesce(new.department_id, 0), 1)
    ON CONFLICT (status, kind, department_id) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER case_counts_update AFTER UPDATE OF status, kind, department_id ON cases
  WHEN old.status IS NOT new.status OR old.kind IS NOT new.kind OR old.department_id IS NOT new.department_id
BEGIN
  UPDATE case_counts SET n = n - 1
    WHERE status = old.status AND kind = old.kind AND department_id = coalesce(old.department_id, 0);
  INSERT INTO case_counts (status, kind, department_id, n) VALUES (new.status, new.kind, coalesce(new.department_id, 0), 1)
    ON CONFLICT (status, kind, department_id) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER case_counts_delete AFTER DELETE ON cases BEGIN
  UPDATE case_counts SET n = n - 1
    WHERE status = old.status AND kind = old.kind AND department_id = coalesce(old.department_id, 0);
END;

-- The broad views page from this index alone (the ids of a page, sorted by due date), then read 100 rows.
CREATE INDEX cases_status_due ON cases (status, response_due, department_id);
-- 0006's (status, kind) index served only the counts, which case_counts answers now; every status change of every
-- case paid for it (the demo makes some 3 per case).
DROP INDEX cases_status_kind;
`,
};
