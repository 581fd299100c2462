// Scale (issue 10, Measure at 1,000,000 cases): the executive overview's volumes (cases received per quarter and kind
// over two years, merged ones left out) counted per day and kind in a table that triggers on `cases` keep in the same
// statement, like case_counts (0012): the overview sums some 3,000 rows instead of walking an index entry per case
// (161 ms at 1,000,000 cases). A row that drops to 0 stays (harmless).
export const migration = {
  id: '0015_case_volumes',
  sql: /* sql */ `
CREATE TABLE case_volumes (
  received_on TEXT NOT NULL,
  kind TEXT NOT NULL,
  n INTEGER NOT NULL CHECK (n >= 0),
  PRIMARY KEY (received_on, kind)
) STRICT, WITHOUT ROWID;

INSERT INTO case_volumes (received_on, kind, n)
  SELECT received_on, kind, count(*) FROM cases WHERE status != 'merged' GROUP BY received_on, kind;

CREATE TRIGGER case_volumes_insert AFTER INSERT ON cases WHEN new.status != 'merged' BEGIN
  INSERT INTO case_volumes (received_on, kind, n) VALUES (new.received_on, new.kind, 1)
    ON CONFLICT (received_on, kind) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER case_volumes_update AFTER UPDATE OF status, kind, received_on ON cases
  WHEN (old.status = 'merged') IS NOT (new.status = 'merged') OR old.kind IS NOT new.kind OR old.received_on IS NOT new.received_on
BEGIN
  UPDATE case_volumes SET n = n - 1
    WHERE received_on = old.received_on AND kind = old.kind AND old.status != 'merged';
  INSERT INTO case_volumes (received_on, kind, n) SELECT new.received_on, new.kind, 1 WHERE new.status != 'merged'
    ON CONFLICT (received_on, kind) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER case_volumes_delete AFTER DELETE ON cases WHEN old.status != 'merged' BEGIN
  UPDATE case_volumes SET n = n - 1 WHERE received_on = old.received_on AND kind = old.kind;
END;
`,
};
