// PostgreSQL's full-text search (case_search and case_search_vocab, postgres/migrations/0008_search.ts), with the same
// exports as sqlite/search.ts so main/db/search.ts can hand either to the services. A "match" is opaque to the
// services: here it is JSON describing the words (each with its alternatives, exact or as a prefix) or the contact
// parts, turned into a tsquery (words, over the GIN index) or LIKE prefixes (e-mail, phone key) when it reaches SQL.
import { sql, type RawBuilder } from 'kysely';
import type { ReadDb } from '../handles.ts';

interface Word {
  t: string[];
  p: string[];
}
interface Contact {
  phoneKey?: string | null;
  emailPrefix?: string | null;
  email?: string | null;
  phone?: string | null;
}
type Match = { text: Word[] } | { contact: Contact } | { or: Match[] };

/** A word as the index holds it: lower case, diacritics removed (unaccent turns ß into ss), split into its pieces. */
function indexWords(term: string): string[] {
  return term
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replaceAll('ß', 'ss')
    .replaceAll('ẞ', 'SS')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

const lexeme = (word: string) => `'${word.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;

function termQuery(term: string, prefix: boolean): string | null {
  const pieces = indexWords(term);
  if (pieces.length === 0) return null;
  // Every piece must occur (the index keeps no positions); the last one as a prefix when the term is one.
  return `(${pieces.map((piece, index) => `${lexeme(piece)}${prefix && index === pieces.length - 1 ? ':*' : ''}`).join(' & ')})`;
}

function tsquery(words: Word[]): string | null {
  const parts: string[] = [];
  for (const word of words) {
    const alternatives = [...word.t.map((term) => termQuery(term, false)), ...word.p.map((term) => termQuery(term, true))].filter((x): x is string => x !== null);
    // A word with nothing left to look up (only punctuation) matches nothing, as in FTS5.
    if (alternatives.length === 0) return null;
    parts.push(`(${alternatives.join(' | ')})`);
  }
  return parts.length ? parts.join(' & ') : null;
}

const likePrefix = (text: string) => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function condition(match: Match, table: string): RawBuilder<boolean> {
  const col = (name: string) => sql.ref(`${table}.${name}`);
  if ('or' in match) return sql<boolean>`(${sql.join(match.or.map((part) => condition(part, table)), sql` OR `)})`;
  if ('text' in match) {
    const query = tsquery(match.text);
    return query === null ? sql<boolean>`false` : sql<boolean>`${col('doc')} @@ ${query}::tsquery`;
  }
  const { phoneKey, emailPrefix, email, phone } = match.contact;
  const parts: RawBuilder<boolean>[] = [];
  if (phoneKey) parts.push(sql<boolean>`${col('phone')} LIKE ${likePrefix(phoneKey)}`);
  if (emailPrefix) parts.push(sql<boolean>`${col('email')} LIKE ${likePrefix(emailPrefix.toLowerCase())}`);
  if (email) parts.push(sql<boolean>`${col('email')} = ${email.toLowerCase()}`);
  if (phone) parts.push(sql<boolean>`${col('phone')} = ${phone}`);
  return parts.length ? sql<boolean>`(${sql.join(parts, sql` OR `)})` : sql<boolean>`false`;
}

const parse = (match: string) => JSON.parse(match) as Match;

function textOf(match: Match): string | null {
  if ('text' in match) return tsquery(match.text);
  if ('or' in match) {
    const texts = match.or.map(textOf).filter((x): x is string => x !== null);
    return texts.length ? texts.map((text) => `(${text})`).join(' | ') : null;
  }
  return null;
}

/** One word of a query, matching any of its forms (the last word of a query also as a prefix). */
export function wordExpression(terms: readonly string[], prefixTerms: readonly string[]): string {
  return JSON.stringify({ t: [...terms], p: [...prefixTerms] } satisfies Word);
}

/** Every word (already a wordExpression) must occur, in the text columns. */
export function textQuery(words: readonly string[]): string {
  return JSON.stringify({ text: words.map((word) => JSON.parse(word) as Word) } satisfies Match);
}

/** Phone digits as a prefix, and an e-mail address (or its start) from the start of the stored address. */
export function contactQuery(contact: Contact): string | null {
  if (!contact.phoneKey && !contact.emailPrefix && !contact.email && !contact.phone) return null;
  return JSON.stringify({ contact } satisfies Match);
}

/** Either query matches. */
export function eitherQuery(a: string, b: string): string {
  return JSON.stringify({ or: [parse(a), parse(b)] } satisfies Match);
}

/** The ids of the cases a query matches, for `c.id IN …` or a join. */
export function matchingIds(match: string): RawBuilder<{ rowid: number }> {
  return sql<{ rowid: number }>`(SELECT s.rowid FROM case_search s WHERE ${condition(parse(match), 's')})`;
}

/** `c.id IN` the cases a query matches. */
export function matchesCase(match: string): RawBuilder<boolean> {
  return sql<boolean>`c.id IN ${matchingIds(match)}`;
}

/** For a query over the index table itself: its condition, best-first order and a highlighted snippet. */
export const indexTable = 'case_search' as const;
export const indexMatches = (match: string): RawBuilder<boolean> => condition(parse(match), 'case_search');
export const bestFirst = (match?: string): RawBuilder<unknown> => {
  const text = match ? textOf(parse(match)) : null;
  return text === null ? sql`case_search.rowid DESC` : sql`ts_rank(case_search.doc, ${text}::tsquery) DESC, case_search.rowid DESC`;
};
export const snippet = (match?: string): RawBuilder<string> => {
  const text = match ? textOf(parse(match)) : null;
  if (text === null) return sql<string>`left(case_search.excerpt, 120)`;
  // ts_headline marks the words of the query; 'simple' does not stem, like the index.
  return sql<string>`ts_headline('simple', ombudsdesk_unaccent(case_search.excerpt), ${text}::tsquery, 'StartSel=[, StopSel=], MaxWords=12, MinWords=4, ShortWord=0')`;
};

/** Among equally good hits, the newest first. */
export const newestFirst = (): RawBuilder<unknown> => sql`case_search.rowid DESC`;

/**
 * Only the newest `candidates` matches (in scope) are ranked, as on SQLite (see main/db/sqlite/search.ts): their ids,
 * collected once (an init plan) and looked up by primary key, so the ranking query reads at most `candidates` rows.
 * (A bound `rowid >= min(newest)` is the same set, but the planner cannot know the bound and intersected the matches
 * with a bitmap of most of the primary key when there were fewer matches than candidates: 47 ms of the typo search's
 * 70 at 100,000 cases. `rowid IN (newest)` read every match twice, as a hash semi join.) A department head's scope is the index
 * table's own department column (migration 0029), so the GIN index's matches are intersected with the department's
 * rows (case_search_department) before any is read, instead of each match being looked up in cases; the services'
 * `c.department_id IN …` on the joined case still applies, and both are explicit in the SQL, not left to row-level
 * security.
 */
export function amongNewest(match: string, candidates: number, departmentIds: readonly number[] | null): RawBuilder<boolean> {
  const cond = condition(parse(match), 's');
  const scope = departmentIds ? sql` AND s.department_id IN (${sql.join([...departmentIds])})` : sql``;
  return sql<boolean>`case_search.rowid = ANY (ARRAY(SELECT s.rowid FROM case_search s WHERE ${cond}${scope} ORDER BY s.rowid DESC LIMIT ${candidates}))`;
}

/** The indexed words that start with one of the prefixes (`[from, to)`), or null when there are more than `max`. */
export async function termsInRanges(db: ReadDb, ranges: readonly { from: string; to: string }[], max: number): Promise<string[] | null> {
  const terms = new Set<string>();
  for (const range of ranges) {
    const rows = await db
      .selectFrom('case_search_vocab')
      .select('term')
      .where('doc', '>', 0)
      .where(sql<boolean>`term COLLATE "C" >= ${range.from} AND term COLLATE "C" < ${range.to}`)
      .limit(max + 1)
      .execute();
    for (const row of rows) terms.add(row.term);
    if (terms.size > max) return null;
  }
  return [...terms];
}

/** The index's terms from `prefix` (inclusive) to `end` (exclusive), and the given ones, with how many cases hold each. */
export async function vocabulary(db: ReadDb, range: { from: string; to: string }, probes: readonly string[]): Promise<{ near: { term: string; doc: number }[]; probed: { term: string; doc: number }[] }> {
  const vocab = db.selectFrom('case_search_vocab').select(['term', 'doc']).where('doc', '>', 0);
  const near = await vocab.where(sql<boolean>`term COLLATE "C" >= ${range.from} AND term COLLATE "C" < ${range.to}`).execute();
  const probed = probes.length ? await vocab.where('term', 'in', [...probes]).execute() : [];
  return { near, probed };
}

/** A column the planner must not pick an index for: SQLite needs a hint (unary `+`), PostgreSQL's planner does not. */
export function withoutIndex(column: string): RawBuilder<string> {
  return sql.ref<string>(column) as unknown as RawBuilder<string>;
}
