// PostgreSQL twin of sqlite/migrations/0015_case_volumes.ts: cases received per day and kind (merged ones left out),
// kept by one PL/pgSQL trigger function in the statement that changes a case.
export const migration = {
  id: '0015_case_volumes',
  sql: /* sql */ `
CREATE TABLE case_volumes (
  received_on text NOT NULL,
  kind text NOT NULL,
  n integer NOT NULL CHECK (n >= 0),
  PRIMARY KEY (received_on, kind)
);

INSERT INTO case_volumes (received_on, kind, n)
  SELECT received_on, kind, count(*) FROM cases WHERE status <> 'merged' GROUP BY received_on, kind;

CREATE FUNCTION case_volumes_follow() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND old.status <> 'merged' THEN
    UPDATE case_volumes SET n = n - 1 WHERE received_on = old.received_on AND kind = old.kind;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND new.status <> 'merged' THEN
    INSERT INTO case_volumes (received_on, kind, n) VALUES (new.received_on, new.kind, 1)
      ON CONFLICT (received_on, kind) DO UPDATE SET n = case_volumes.n + 1;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER case_volumes_insert AFTER INSERT ON cases FOR EACH ROW EXECUTE FUNCTION case_volumes_follow();
CREATE TRIGGER case_volumes_update AFTER UPDATE OF status, kind, received_on ON cases
  FOR EACH ROW WHEN ((old.status = 'merged') IS DISTINCT FROM (new.status = 'merged') OR old.kind IS DISTINCT FROM new.kind OR old.received_on IS DISTINCT FROM new.received_on)
  EXECUTE FUNCTION case_volumes_follow();
CREATE TRIGGER case_volumes_delete AFTER DELETE ON cases FOR EACH ROW EXECUTE FUNCTION case_volumes_follow();
`,
};
