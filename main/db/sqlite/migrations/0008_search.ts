// Search that finds what people type: references, phone numbers in any format, e-mail addresses, German spellings both
// ways (Müller = Mueller = Muller, Straße = Strasse) and, through a vocabulary of the indexed words, one-edit typos.
//
// case_search is rebuilt over a view that prepares every case's searchable text in SQL: the texts as written (the
// tokenizer lower-cases them and strips diacritics: Müller -> muller), the same texts transliterated (ä -> ae, ö -> oe,
// ü -> ue, ß -> ss: Müller -> mueller; NULL where nothing changes, so a text without umlauts is not indexed twice), the
// e-mail address, and the phone number reduced to its digits without +49/0049 and leading zeros (221123456).
//
// Why SQL and not an application function (better-sqlite3's db.function): the triggers below then hold on every
// connection that writes cases — the app, the CLI, the benchmark's raw statements, a backup restored with the sqlite3
// shell — and none of them can forget to register a function (a missing one would make every write to cases fail).
// SQLite has no unaccent, but the tokenizer strips diacritics, and the German transliteration is 14 replace() calls.
// The expressions are the SQL rendering of main/domain/search-text.ts (transliterationSql, phoneSeparatorsSql,
// phoneKeySql) as of this migration, written out because a shipped migration must never change; the unit test
// tests/unit/search-text.test.ts checks that SQLite computes exactly what the domain functions compute.
//
// The BEFORE triggers remove a case's old entry through the same view (the row still holds its old values then), the
// AFTER triggers add the new one, so the view is the one place that says what is indexed.
export const migration = {
  id: '0008_search',
  sql: /* sql */ `
DROP TRIGGER cases_search_insert;
DROP TRIGGER cases_search_update;
DROP TRIGGER cases_search_delete;
DROP TABLE case_search;

CREATE VIEW case_search_source (id, name, subject, description, name_folded, subject_folded, description_folded, email, phone) AS
SELECT
  id,
  name,
  subject,
  description,
  nullif(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name, 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'Ä', 'Ae'), 'Ö', 'Oe'), 'Ü', 'Ue'), 'ß', 'ss'), 'ẞ', 'SS'), 'a' || char(776), 'ae'), 'o' || char(776), 'oe'), 'u' || char(776), 'ue'), 'A' || char(776), 'Ae'), 'O' || char(776), 'Oe'), 'U' || char(776), 'Ue'), name),
  nullif(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(subject, 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'Ä', 'Ae'), 'Ö', 'Oe'), 'Ü', 'Ue'), 'ß', 'ss'), 'ẞ', 'SS'), 'a' || char(776), 'ae'), 'o' || char(776), 'oe'), 'u' || char(776), 'ue'), 'A' || char(776), 'Ae'), 'O' || char(776), 'Oe'), 'U' || char(776), 'Ue'), subject),
  nullif(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(description, 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'Ä', 'Ae'), 'Ö', 'Oe'), 'Ü', 'Ue'), 'ß', 'ss'), 'ẞ', 'SS'), 'a' || char(776), 'ae'), 'o' || char(776), 'oe'), 'u' || char(776), 'ue'), 'A' || char(776), 'Ae'), 'O' || char(776), 'Oe'), 'U' || char(776), 'Ue'), description),
  email,
  ltrim(CASE WHEN substr(phone, 1, 3) = '+49' THEN substr(phone, 4) WHEN substr(phone, 1, 4) = '0049' THEN substr(phone, 5) ELSE phone END, '+0')
FROM (
  SELECT
    id,
    coalesce(submitter_name, '') AS name,
    subject,
    description,
    coalesce(submitter_email, '') AS email,
    replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(coalesce(submitter_phone, ''), ' ', ''), '-', ''), '/', ''), '(', ''), ')', ''), '.', ''), char(9), ''), char(160), ''), char(8211), ''), char(8239), '') AS phone
  FROM cases
);

CREATE VIRTUAL TABLE case_search USING fts5 (
  name, subject, description, name_folded, subject_folded, description_folded, email, phone,
  content = 'case_search_source', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
-- The indexed words with the number of cases each occurs in: the candidates for a typo (services/case-search.ts).
CREATE VIRTUAL TABLE case_search_vocab USING fts5vocab (case_search, row);

CREATE TRIGGER cases_search_insert AFTER INSERT ON cases BEGIN
  INSERT INTO case_search (rowid, name, subject, description, name_folded, subject_folded, description_folded, email, phone)
  SELECT id, name, subject, description, name_folded, subject_folded, description_folded, email, phone FROM case_search_source WHERE id = new.id;
END;
CREATE TRIGGER cases_search_update_before BEFORE UPDATE OF id, subject, description, submitter_name, submitter_email, submitter_phone ON cases BEGIN
  INSERT INTO case_search (case_search, rowid, name, subject, description, name_folded, subject_folded, description_folded, email, phone)
  SELECT 'delete', id, name, subject, description, name_folded, subject_folded, description_folded, email, phone FROM case_search_source WHERE id = old.id;
END;
CREATE TRIGGER cases_search_update_after AFTER UPDATE OF id, subject, description, submitter_name, submitter_email, submitter_phone ON cases BEGIN
  INSERT INTO case_search (rowid, name, subject, description, name_folded, subject_folded, description_folded, email, phone)
  SELECT id, name, subject, description, name_folded, subject_folded, description_folded, email, phone FROM case_search_source WHERE id = new.id;
END;
CREATE TRIGGER cases_search_delete BEFORE DELETE ON cases BEGIN
  INSERT INTO case_search (case_search, rowid, name, subject, description, name_folded, subject_folded, description_folded, email, phone)
  SELECT 'delete', id, name, subject, description, name_folded, subject_folded, description_folded, email, phone FROM case_search_source WHERE id = old.id;
END;

INSERT INTO case_search (case_search) VALUES ('rebuild');

-- "918" finds 2025-00918 and 2026-00918: the number part of a reference, any year.
CREATE INDEX cases_number ON cases (number);
`,
};
