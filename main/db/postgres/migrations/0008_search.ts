// PostgreSQL twin of sqlite/migrations/0008_search.ts: the same searchable text (texts as written, the German
// transliteration, the e-mail address, the phone key), kept by triggers alone like SQLite's FTS5 index.
//
// case_search holds one row per case: `doc`, a tsvector of the words of the text columns and the e-mail address (lower
// case, diacritics removed by an IMMUTABLE wrapper around unaccent, split at anything but letters and digits, as FTS5's
// unicode61 tokenizer with remove_diacritics does; no stemming, so a word matches as typed), with a GIN index; `email`
// and `phone` (the key, digits only) for the contact search by prefix. Its column `rowid` is the case id (the name the
// services join on, as with FTS5). case_search_vocab lists every word with the number of cases holding it (FTS5's
// fts5vocab), kept by a trigger on case_search, with a pg_trgm index for similarity look-ups; the typo search of
// services/case-search.ts reads it through main/db/postgres/search.ts.
export const migration = {
  id: '0008_search',
  sql: /* sql */ `
CREATE FUNCTION ombudsdesk_unaccent(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT unaccent('unaccent'::regdictionary, value) $$;

-- The SQL rendering of domain/search-text.ts's transliteration (as in the SQLite migration: ä -> ae ... ß -> ss).
CREATE FUNCTION ombudsdesk_transliterate(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(value,
    'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'Ä', 'Ae'), 'Ö', 'Oe'), 'Ü', 'Ue'), 'ß', 'ss'), 'ẞ', 'SS'),
    'a' || chr(776), 'ae'), 'o' || chr(776), 'oe'), 'u' || chr(776), 'ue'), 'A' || chr(776), 'Ae'), 'O' || chr(776), 'Oe'), 'U' || chr(776), 'Ue')
$$;

-- The words of a text as the index holds them: lower case, without diacritics, split at anything but letters and digits.
CREATE FUNCTION ombudsdesk_words(value text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT word ORDER BY word), '{}')
  FROM regexp_split_to_table(lower(ombudsdesk_unaccent(coalesce(value, ''))), '[^[:alnum:]]+') AS word
  WHERE word <> ''
$$;

-- SQLite's phone key: separators removed, +49/0049 and leading zeros dropped.
CREATE FUNCTION ombudsdesk_phone_key(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ltrim(CASE WHEN substr(p, 1, 3) = '+49' THEN substr(p, 4) WHEN substr(p, 1, 4) = '0049' THEN substr(p, 5) ELSE p END, '+0')
  FROM (SELECT replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(coalesce(value, ''),
    ' ', ''), '-', ''), '/', ''), '(', ''), ')', ''), '.', ''), chr(9), ''), chr(160), ''), chr(8211), ''), chr(8239), '') AS p) AS s
$$;

CREATE TABLE case_search (
  rowid integer PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
  words text[] NOT NULL,
  doc tsvector NOT NULL,
  -- subject and description for the snippet
  excerpt text NOT NULL,
  email text NOT NULL,
  phone text NOT NULL
);
CREATE INDEX case_search_doc ON case_search USING gin (doc);
CREATE INDEX case_search_email ON case_search (email text_pattern_ops);
CREATE INDEX case_search_phone ON case_search (phone text_pattern_ops);

CREATE TABLE case_search_vocab (
  term text PRIMARY KEY,
  doc integer NOT NULL CHECK (doc >= 0)
);
CREATE INDEX case_search_vocab_trgm ON case_search_vocab USING gin (term gin_trgm_ops);

CREATE FUNCTION case_search_source() RETURNS trigger
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
  INSERT INTO case_search (rowid, words, doc, excerpt, email, phone)
  VALUES (new.id, words, array_to_tsvector(words), new.subject || ' ' || new.description,
          lower(coalesce(new.submitter_email, '')), ombudsdesk_phone_key(new.submitter_phone))
  ON CONFLICT (rowid) DO UPDATE SET words = excluded.words, doc = excluded.doc, excerpt = excluded.excerpt,
    email = excluded.email, phone = excluded.phone;
  RETURN NULL;
END $$;
CREATE TRIGGER cases_search_insert AFTER INSERT ON cases FOR EACH ROW EXECUTE FUNCTION case_search_source();
CREATE TRIGGER cases_search_update AFTER UPDATE OF id, subject, description, submitter_name, submitter_email, submitter_phone ON cases
  FOR EACH ROW EXECUTE FUNCTION case_search_source();

-- The vocabulary follows case_search; words are locked in sorted order (array_agg ORDER BY), so two writers never deadlock on them.
CREATE FUNCTION case_search_vocab_follow() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  removed text[] := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN old.words ELSE '{}' END;
  added text[] := CASE WHEN TG_OP IN ('UPDATE', 'INSERT') THEN new.words ELSE '{}' END;
BEGIN
  UPDATE case_search_vocab v SET doc = v.doc - 1
    WHERE v.term IN (SELECT unnest(removed) EXCEPT SELECT unnest(added));
  INSERT INTO case_search_vocab (term, doc)
    SELECT w, 1 FROM (SELECT unnest(added) EXCEPT SELECT unnest(removed)) AS a (w) ORDER BY w
    ON CONFLICT (term) DO UPDATE SET doc = case_search_vocab.doc + 1;
  RETURN NULL;
END $$;
CREATE TRIGGER case_search_vocab_follow AFTER INSERT OR UPDATE OR DELETE ON case_search
  FOR EACH ROW EXECUTE FUNCTION case_search_vocab_follow();

-- Cases that exist already (none on a new database).
UPDATE cases SET subject = subject;

CREATE INDEX cases_number ON cases (number);
`,
};
