// PostgreSQL twin of sqlite/migrations/0012_case_counts.ts: the same counts table, kept by one PL/pgSQL trigger
// function; the counts change in the statement that changes a case, so they are part of its transaction. Writers that
// change cases of the same (status, kind, department) queue on that counts row's lock until the other commits.
export const migration = {
  id: '0012_case_counts',
  sql: /* sql */ `
CREATE TABLE case_counts (
  status text NOT NULL,
  kind text NOT NULL,
  department_id integer NOT NULL,
  n integer NOT NULL CHECK (n >= 0),
  PRIMARY KEY (status, kind, department_id)
);

INSERT INTO case_counts (status, kind, department_id, n)
  SELECT status, kind, coalesce(department_id, 0), count(*) FROM cases GROUP BY status, kind, coalesce(department_id, 0);

CREATE FUNCTION case_counts_follow() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE case_counts SET n = n - 1
      WHERE status = old.status AND kind = old.kind AND department_id = coalesce(old.department_id, 0);
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO case_counts (status, kind, department_id, n) VALUES (new.status, new.kind, coalesce(new.department_id, 0), 1)
      ON CONFLICT (status, kind, department_id) DO UPDATE SET n = case_counts.n + 1;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER case_counts_insert AFTER INSERT ON cases FOR EACH ROW EXECUTE FUNCTION case_counts_follow();
CREATE TRIGGER case_counts_update AFTER UPDATE OF status, kind, department_id ON cases
  FOR EACH ROW WHEN (old.status IS DISTINCT FROM new.status OR old.kind IS DISTINCT FROM new.kind OR old.department_id IS DISTINCT FROM new.department_id)
  EXECUTE FUNCTION case_counts_follow();
CREATE TRIGGER case_counts_delete AFTER DELETE ON cases FOR EACH ROW EXECUTE FUNCTION case_counts_follow();

CREATE INDEX cases_status_due ON cases (status, response_due, department_id);
DROP INDEX cases_status_kind;
`,
};
