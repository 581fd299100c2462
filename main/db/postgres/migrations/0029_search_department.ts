// A department head's search and the typo search on PostgreSQL (issue 11's benchmark: 75 ms and 55 ms at 100,000 cases,
// target 50 ms). The SQLite twin changes nothing.
//
// case_search gets the case's department (kept by case_search_source, which now also runs when a case's department
// changes) and an index on it, so a head's search intersects the GIN index's matches with their departments' rows
// before reading any (a BitmapAnd), instead of reading every match and looking each up in cases. The service's SQL
// names the department explicitly (main/db/postgres/search.ts), so the plan is the same with row-level security on.
//
// case_search_vocab gets an index in the "C" collation: the typo search and the prefix expansion look up terms by
// byte ranges (term COLLATE "C" >= … AND < …), which the primary key (in the database's collation) cannot serve; the
// table is small but rewritten with every case (its counts), so scanning it read thousands of mostly dead pages.
export const migration = {
  id: '0029_search_department',
  sql: /* sql */ `
ALTER TABLE case_search ADD COLUMN department_id integer;
UPDATE case_search s SET department_id = c.department_id FROM cases c WHERE c.id = s.rowid AND c.department_id IS NOT NULL;
CREATE INDEX case_search_department ON case_search (department_id, rowid);
CREATE INDEX case_search_vocab_range ON case_search_vocab (term COLLATE "C");

CREATE OR REPLACE FUNCTION case_search_source() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  words text[];
BEGIN
  SELECT coalesce(array_agg(DISTINCT w ORDER BY w), '{}') INTO words FROM unnest(
    ombudsdesk_words(new.submitter_name) || ombudsdesk_words(new.subject) || ombudsdesk_words(new.description)
    || ombudsdesk_words(ombudsdesk_transliterate(coalesce(new.submitter_name, '')))
    || ombudsdesk_words(ombudsdesk_transliterate(new.subject))
    || ombudsdesk_words(ombudsdesk_transliterate(new.description))
    || ombudsdesk_words(new.submitter_email)) AS w;
  INSERT INTO case_search (rowid, words, doc, excerpt, email, phone, department_id)
  VALUES (new.id, words, array_to_tsvector(words), new.subject || ' ' || new.description,
          lower(coalesce(new.submitter_email, '')), ombudsdesk_phone_key(new.submitter_phone), new.department_id)
  ON CONFLICT (rowid) DO UPDATE SET words = excluded.words, doc = excluded.doc, excerpt = excluded.excerpt,
    email = excluded.email, phone = excluded.phone, department_id = excluded.department_id;
  RETURN NULL;
END $$;
-- CREATE OR REPLACE resets the function's settings: it runs as the owner again, as 0022 made it.
DO $owner$
BEGIN
  EXECUTE format('ALTER FUNCTION case_search_source() SECURITY DEFINER SET search_path = %I, pg_temp', current_schema());
END $owner$;

DROP TRIGGER cases_search_update ON cases;
CREATE TRIGGER cases_search_update AFTER UPDATE OF id, subject, description, submitter_name, submitter_email, submitter_phone, department_id ON cases
  FOR EACH ROW WHEN ((old.id, old.subject, old.description, old.submitter_name, old.submitter_email, old.submitter_phone, old.department_id)
    IS DISTINCT FROM (new.id, new.subject, new.description, new.submitter_name, new.submitter_email, new.submitter_phone, new.department_id))
  EXECUTE FUNCTION case_search_source();
`,
};
