import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migration } from '../../main/db/sqlite/migrations/0008_search.ts';
import {
  editDistance,
  foldedForms,
  isOneTypo,
  oneEditLookups,
  parseEmailQuery,
  parseReferenceQuery,
  phoneKey,
  phoneKeySql,
  phoneSeparatorsSql,
  prefixEnd,
  queryPhoneKey,
  stripDiacritics,
  transliterate,
  transliterationSql,
} from '../../main/domain/search-text.ts';

const TEXTS = [
  'Jürgen Müller',
  'JÜRGEN MÜLLER',
  'Straße',
  'STRAẞE',
  'Größe, Öffnungszeiten, Ärger, Übel',
  'Ju\u0308rgen Mu\u0308ller', // decomposed umlauts, as some mail clients send them
  'Søren Kjær, Åsa Öberg, Jiří Dvořák',
  "O'Neill",
  '',
];
const PHONES = ['+49 221 123456', '0221 123456', '0221-123456', '0049 (0)221 123456', '+49 (0) 221/12 34 56', '0221\u00a0123\u2013456', '+43 1 234', '0043 1 234', '', 'unbekannt'];

describe('search text folding', () => {
  it('folds both ways, so Müller, Mueller and Muller meet and Straße meets Strasse', () => {
    expect(foldedForms('Müller')).toEqual(['muller', 'mueller']);
    expect(foldedForms('Mueller')).toEqual(['mueller']);
    expect(foldedForms('Muller')).toEqual(['muller']);
    expect(foldedForms('Straße')).toEqual(['straße', 'strasse']);
    expect(foldedForms('STRAẞE')).toEqual(['straße', 'strasse']);
    expect(foldedForms('Mu\u0308ller')).toEqual(['muller', 'mueller']);
    expect(foldedForms('Dvořák')).toEqual(['dvorak']);
  });

  it('migration 0008 holds the SQL rendering of these rules, and SQLite computes what the functions compute', () => {
    for (const column of ['name', 'subject', 'description']) expect(migration.sql).toContain(`nullif(${transliterationSql(column)}, ${column})`);
    expect(migration.sql).toContain(`${phoneSeparatorsSql('submitter_phone')} AS phone`);
    expect(migration.sql).toContain(phoneKeySql('phone'));
    const sqlite = new BetterSqlite3(':memory:');
    const translit = sqlite.prepare(`SELECT ${transliterationSql('x')} FROM (SELECT ? AS x)`).pluck();
    for (const text of TEXTS) expect(translit.get(text), text).toBe(transliterate(text));
    const phone = sqlite.prepare(`SELECT ${phoneKeySql('p')} FROM (SELECT ${phoneSeparatorsSql('x')} AS p FROM (SELECT ? AS x))`).pluck();
    for (const raw of PHONES) expect(phone.get(raw), raw).toBe(phoneKey(raw));
    expect(phone.get(null)).toBe('');
    sqlite.close();
  });

  it('strips diacritics and lower-cases like the index tokenizer', () => {
    const sqlite = new BetterSqlite3(':memory:');
    sqlite.exec("CREATE VIRTUAL TABLE t USING fts5 (x, tokenize = 'unicode61 remove_diacritics 2'); CREATE VIRTUAL TABLE v USING fts5vocab (t, row);");
    const insert = sqlite.prepare('INSERT INTO t (x) VALUES (?)');
    for (const text of TEXTS) insert.run(text);
    const terms = sqlite.prepare('SELECT term FROM v ORDER BY term').pluck().all();
    const ours = [...new Set(TEXTS.flatMap((text) => text.split(/[^\p{L}\p{N}\p{M}]+/u).filter(Boolean).map(stripDiacritics)))].sort();
    expect(ours).toEqual(terms);
    sqlite.close();
  });

  it('reduces phone numbers to the same digits whatever their format', () => {
    for (const raw of PHONES.slice(0, 6)) expect(phoneKey(raw), raw).toBe('221123456');
    expect(phoneKey('+43 1 234')).toBe(phoneKey('0043 1 234'));
    expect(queryPhoneKey('+49 221 123456')).toBe('221123456');
    expect(queryPhoneKey('0221/123456')).toBe('221123456');
    expect(queryPhoneKey('0221')).toBeNull(); // too few digits to be a phone number
    expect(queryPhoneKey('Müller 0221 123456')).toBeNull();
  });

  it('recognises references, number parts and e-mail addresses', () => {
    expect(parseReferenceQuery(' 2026-00918 ')).toEqual({ year: 2026, number: 918 });
    expect(parseReferenceQuery('2026-918')).toEqual({ year: 2026, number: 918 });
    expect(parseReferenceQuery('00918')).toEqual({ year: null, number: 918 });
    expect(parseReferenceQuery('918')).toEqual({ year: null, number: 918 });
    expect(parseReferenceQuery('00000')).toBeNull();
    expect(parseReferenceQuery('0221 123456')).toBeNull();
    expect(parseReferenceQuery('Fall 918')).toBeNull();
    expect(parseEmailQuery('J.Mueller@Example.org')).toEqual({ address: 'j.mueller@example.org', whole: true });
    expect(parseEmailQuery('j.mueller')).toEqual({ address: 'j.mueller', whole: false });
    expect(parseEmailQuery('Müller')).toBeNull();
    expect(parseEmailQuery('a"b@c')).toBeNull();
  });

  it('measures edits, a swap of neighbours counting one', () => {
    expect(editDistance('muller', 'muler')).toBe(1);
    expect(editDistance('jurgen', 'jrugen')).toBe(1);
    expect(editDistance('muller', 'mueller')).toBe(1);
    expect(editDistance('muller', 'miler')).toBe(2);
    expect(editDistance('muller', 'xyzxyz', 1)).toBe(2); // stops early, reports "more than max"
    expect(editDistance('', 'ab')).toBe(2);
  });

  it('finds every term that is one typo away through one prefix range and a list of probes', () => {
    const word = 'muler';
    const vocabulary = ['muller', 'mueller', 'mule', 'muler', 'fuler', 'umler', 'uler', 'mler', 'amuler', 'mmuler', 'muhler', 'xyler', 'mulder', 'maler', 'miller', 'mlure'];
    const { prefix, probes } = oneEditLookups(word);
    const end = prefixEnd(prefix);
    const found = vocabulary.filter((term) => (term >= prefix && term < end && isOneTypo(term, word)) || probes.includes(term)).sort();
    const expected = vocabulary.filter((term) => isOneTypo(term, word)).sort();
    expect(found).toEqual(expected);
    // One edit, the typed first letter kept, one too many (uler) or swapped with the second (umler); never replaced
    // (fuler) or missing (amuler).
    expect(expected).toEqual(['maler', 'mler', 'mmuler', 'mule', 'muler', 'muller', 'mulder', 'muhler', 'uler', 'umler'].sort());
    expect(vocabulary.filter((term) => editDistance(term, word) <= 1 && !isOneTypo(term, word)).sort()).toEqual(['amuler', 'fuler']);
  });
});
