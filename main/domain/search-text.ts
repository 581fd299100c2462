// How search folds text: German transliteration, diacritics, phone numbers, references and one-edit typos (pure).
//
// The search index (migration 0008, table case_search) stores every text twice: as written, which the FTS5 tokenizer
// `unicode61 remove_diacritics 2` lower-cases and strips of diacritics (Müller -> muller), and transliterated by
// TRANSLITERATIONS below (Müller -> mueller). A query word is looked up in both of its forms, so Müller, Mueller and
// Muller all find "Jürgen Müller", and Müller also finds a stored "Mueller". The index is written by SQL triggers alone,
// so any connection that writes cases (the app, the CLI, a raw better-sqlite3 handle, the sqlite3 shell) keeps it
// right; the migration holds the SQL rendering of these rules (transliterationSql, phoneKeySql) and
// tests/unit/search-text.test.ts checks that SQLite computes exactly what these functions compute.
import { REFERENCE_PATTERN } from './references.ts';

/** Replacements applied to stored and typed text, in this order; both the composed and the decomposed umlauts. */
export const TRANSLITERATIONS: readonly (readonly [from: string, to: string])[] = [
  ['ä', 'ae'],
  ['ö', 'oe'],
  ['ü', 'ue'],
  ['Ä', 'Ae'],
  ['Ö', 'Oe'],
  ['Ü', 'Ue'],
  ['ß', 'ss'],
  ['ẞ', 'SS'],
  ['a\u0308', 'ae'],
  ['o\u0308', 'oe'],
  ['u\u0308', 'ue'],
  ['A\u0308', 'Ae'],
  ['O\u0308', 'Oe'],
  ['U\u0308', 'Ue'],
];

export function transliterate(text: string): string {
  let result = text;
  for (const [from, to] of TRANSLITERATIONS) result = result.replaceAll(from, to);
  return result;
}

/** A SQL string literal for one replacement's source (combining marks spelled with char() so the SQL stays readable). */
function sqlLiteral(text: string): string {
  const parts = [...text].map((ch) => (/\p{M}/u.test(ch) ? `char(${ch.codePointAt(0)})` : `'${ch.replaceAll("'", "''")}'`));
  return parts.join(' || ');
}

/** The SQL expression that transliterates `expression` exactly like transliterate(). */
export function transliterationSql(expression: string): string {
  let sql = expression;
  for (const [from, to] of TRANSLITERATIONS) sql = `replace(${sql}, ${sqlLiteral(from)}, '${to}')`;
  return sql;
}

/** Lower case without diacritics: what the index's tokenizer (unicode61 remove_diacritics 2) makes of a word. ß stays. */
export function stripDiacritics(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().normalize('NFC');
}

/** A word folded both ways: diacritics stripped (müller -> muller) and transliterated (müller -> mueller, straße -> strasse). */
export function foldedForms(word: string): string[] {
  const stripped = stripDiacritics(word);
  const transliterated = stripDiacritics(transliterate(word.normalize('NFC')));
  return stripped === transliterated ? [stripped] : [stripped, transliterated];
}

/** The words of a query as the index splits them: runs of letters and digits, at most 12. */
export function searchWords(text: string, max = 12): string[] {
  return text
    .normalize('NFC')
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, max);
}

/** What a phone number may contain besides digits and a leading plus; removed before comparing (SQL: phoneKeySql). */
export const PHONE_SEPARATORS: readonly string[] = [' ', '-', '/', '(', ')', '.', '\t', '\u00a0', '\u2013', '\u202f'];

/**
 * A phone number as the index stores it: separators removed, the German country code (+49, 0049) and every leading
 * zero and plus dropped, so "+49 221 123456", "0221 123456", "0221-123456" and "0049 (0)221 123456" all become
 * "221123456". Other country codes stay: "+43 1 234" and "0043 1 234" both become "431234".
 */
export function phoneKey(phone: string): string {
  let s = phone;
  for (const separator of PHONE_SEPARATORS) s = s.replaceAll(separator, '');
  if (s.startsWith('+49')) s = s.slice(3);
  else if (s.startsWith('0049')) s = s.slice(4);
  return s.replace(/^[+0]+/, '');
}

/** The SQL expression that removes PHONE_SEPARATORS from `expression` (NULL becomes ''): the first half of phoneKey. */
export function phoneSeparatorsSql(expression: string): string {
  let s = `coalesce(${expression}, '')`;
  for (const separator of PHONE_SEPARATORS) {
    const literal = /^[\x20-\x7e]$/.test(separator) ? `'${separator}'` : `char(${separator.codePointAt(0)})`;
    s = `replace(${s}, ${literal}, '')`;
  }
  return s;
}

/** The SQL expression that finishes phoneKey on `column`, a value phoneSeparatorsSql already cleaned. */
export function phoneKeySql(column: string): string {
  return `ltrim(CASE WHEN substr(${column}, 1, 3) = '+49' THEN substr(${column}, 4) WHEN substr(${column}, 1, 4) = '0049' THEN substr(${column}, 5) ELSE ${column} END, '+0')`;
}

/** A typed query that looks like a phone number: only digits, separators and one leading plus, at least five digits. */
export function queryPhoneKey(text: string): string | null {
  const trimmed = text.trim();
  if (!/^\+?[\d \-/().\t\u00a0\u2013\u202f]+$/.test(trimmed)) return null;
  if ((trimmed.match(/\d/g) ?? []).length < 5) return null;
  const key = phoneKey(trimmed.replace(/[^\d+]/g, ''));
  return key.length > 0 ? key : null;
}

export interface ReferenceQuery {
  /** null: only the number part was typed ("00918", "918"), any year. */
  year: number | null;
  number: number;
}

/** "2026-00918" (also "2026-918", "2026/918"), or the number part alone ("00918", "918": one to six digits). */
export function parseReferenceQuery(text: string): ReferenceQuery | null {
  const trimmed = text.trim();
  const full = REFERENCE_PATTERN.exec(trimmed) ?? /^(\d{4})\s*[-/\u2013]\s*(\d{1,9})$/.exec(trimmed);
  if (full) {
    const number = Number(full[2]);
    return number >= 1 ? { year: Number(full[1]), number } : null;
  }
  if (/^\d{1,6}$/.test(trimmed)) {
    const number = Number(trimmed);
    return number >= 1 ? { year: null, number } : null;
  }
  return null;
}

/**
 * A typed query that looks like an e-mail address ("a.b@example.org", also incomplete: "a.b@exa") or its local part
 * ("juergen.mueller", "j_mueller": letters and digits joined by . _ + -). `whole` tells which. Either is looked up
 * from the start of the stored address.
 */
export function parseEmailQuery(text: string): { address: string; whole: boolean } | null {
  const trimmed = text.trim().toLowerCase();
  if (/^[^\s@"\p{C}]+@[^\s@"\p{C}]*$/u.test(trimmed)) return { address: trimmed, whole: true };
  if (/^[\p{L}\p{N}]+(?:[._+-][\p{L}\p{N}]+)+$/u.test(trimmed)) return { address: trimmed, whole: false };
  return null;
}

/** Optimal string alignment distance (Levenshtein plus swapping two neighbours), stopping early above `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  const s = [...a];
  const t = [...b];
  if (Math.abs(s.length - t.length) > max) return max + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) value = Math.min(value, beforePrevious[j - 2]! + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[t.length]!;
}

/** Words shorter than this are never corrected: one edit of a three-letter word is too many other words. */
export const FUZZY_MIN_LENGTH = 4;

/** Letters tried for substitutions and insertions: the folded index has no diacritics left, except these. */
export const FUZZY_ALPHABET: readonly string[] = [...'abcdefghijklmnopqrstuvwxyzßæø'];

/**
 * Whether `term` (in the index) counts as one typo of `word` (typed): at most one edit (editDistance), and the typed
 * first letter is taken as meant — it may be one letter too many ("Xjurgen") or swapped with the second ("Ujrgen"),
 * but is never replaced or missing ("Muler" finds Müller, "Kuller" and "Uller" do not). People rarely get the first
 * letter wrong, and trusting it halves the lookups below (no probing of every letter in front of the word).
 */
export function isOneTypo(term: string, word: string): boolean {
  if (editDistance(term, word, 1) > 1) return false;
  const [t0] = term;
  const [w0, w1] = word;
  return t0 === w0 || (t0 === w1 && (term === word.slice(w0!.length) || [...term][1] === w0));
}

/**
 * Where to look for the index terms that are one typo (isOneTypo) of `word`: each either starts with the word's first
 * two letters (the edit is further on: one range scan from `prefix`), or is one of `probes` (the edit touches the
 * second letter, or the typed first letter is one too many or swapped with the second).
 */
export function oneEditLookups(word: string, alphabet: readonly string[] = FUZZY_ALPHABET): { prefix: string; probes: string[] } {
  const w = [...word];
  const prefix = w.slice(0, 2).join('');
  const probes = new Set<string>();
  const add = (chars: string[]) => {
    const candidate = chars.join('');
    if (candidate.length > 0 && !candidate.startsWith(prefix)) probes.add(candidate);
  };
  add(w.slice(1)); // the typed first letter is one too many
  if (w.length > 1) add([w[1]!, w[0]!, ...w.slice(2)]); // the first two swapped
  if (w.length > 1) {
    add([w[0]!, ...w.slice(2)]);
    if (w.length > 2) add([w[0]!, w[2]!, w[1]!, ...w.slice(3)]);
    for (const letter of alphabet) {
      add([w[0]!, letter, ...w.slice(2)]);
      add([w[0]!, letter, ...w.slice(1)]);
    }
  }
  return { prefix, probes: [...probes] };
}

/** The smallest string greater than every string that starts with `prefix` (for `term >= prefix AND term < end`). */
export function prefixEnd(prefix: string): string {
  const chars = [...prefix];
  const last = chars.pop()!;
  return chars.join('') + String.fromCodePoint(last.codePointAt(0)! + 1);
}
