// SQLite's full-text search (FTS5 over case_search, migration 0008) and planner hints: the query syntax, the SQL that
// matches, ranks and snippets, the index's vocabulary (fts5vocab), and the unary `+` that keeps SQLite off an index.
// Services reach these through main/db/search.ts; another engine brings its own (tsvector, pg_trgm, ...).
import { sql, type RawBuilder } from 'kysely';
import type { ReadDb } from '../handles.ts';

/** The columns ordinary words are looked up in (not the phone digits: "221" is no reason to list every phone number). */
const TEXT_COLUMNS = '{name subject description name_folded subject_folded description_folded email}';

const quote = (term: string) => `"${term.replaceAll('"', '""')}"`;

/** One word of a query, matching any of its forms (the last word of a query also as a prefix). */
export function wordExpression(terms: readonly string[], prefixTerms: readonly string[]): string {
  const alternatives = [...terms.map(quote), ...prefixTerms.map((term) => `${quote(term)}*`)];
  return alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(' OR ')})`;
}

/** Every word (already a wordExpression) must occur, in the text columns. */
export function textQuery(words: readonly string[]): string {
  return `${TEXT_COLUMNS} : (${words.join(' AND ')})`;
}

/** Phone digits as a prefix, and an e-mail address (or its start) from the start of the stored address. */
export function contactQuery(contact: { phoneKey?: string | null; emailPrefix?: string | null; email?: string | null; phone?: string | null }): string | null {
  const parts: string[] = [];
  if (contact.phoneKey) parts.push(`phone : ${quote(contact.phoneKey)}*`);
  if (contact.emailPrefix) parts.push(`email : ^${quote(contact.emailPrefix)}*`);
  if (contact.email) parts.push(`email : ^${quote(contact.email)}`);
  if (contact.phone) parts.push(`phone : ${quote(contact.phone)}`);
  return parts.length ? parts.join(' OR ') : null;
}

/** Either query matches. */
export function eitherQuery(a: string, b: string): string {
  return `(${a}) OR (${b})`;
}

/** The ids of the cases a query matches, for `c.id IN …` or a join. */
export function matchingIds(match: string): RawBuilder<{ rowid: number }> {
  return sql<{ rowid: number }>`(SELECT rowid FROM case_search WHERE case_search MATCH ${match})`;
}

/** `c.id IN` the cases a query matches. */
export function matchesCase(match: string): RawBuilder<boolean> {
  return sql<boolean>`c.id IN ${matchingIds(match)}`;
}

/** For a query over the index table itself: its condition, best-first order and a highlighted snippet. */
export const indexTable = 'case_search' as const;
export const indexMatches = (match: string): RawBuilder<boolean> => sql<boolean>`case_search MATCH ${match}`;
// (The match argument is for engines whose rank and snippet need the query; FTS5 knows it from the MATCH.)
export const bestFirst = (_match?: string): RawBuilder<unknown> => sql`rank`;
/** Among equally good hits, the newest first. */
export const newestFirst = (): RawBuilder<unknown> => sql`case_search.rowid DESC`;
export const snippet = (_match?: string): RawBuilder<string> => sql<string>`snippet(case_search, -1, '[', ']', '…', 12)`;

/**
 * For a query over the index table: only its newest `candidates` matches (in scope: a department list, or null for
 * all), so that ranking them costs the same however many cases match. FTS5 walks its matches newest first and stops
 * there; the condition is a rowid range, which FTS5 applies while matching. With fewer matches, all of them are ranked.
 */
export function amongNewest(match: string, candidates: number, departmentIds: readonly number[] | null): RawBuilder<boolean> {
  const newest = departmentIds
    ? sql`SELECT s.rowid AS id FROM case_search s JOIN cases c ON c.id = s.rowid WHERE s.case_search MATCH ${match} AND c.department_id IN (${sql.join([...departmentIds])}) ORDER BY s.rowid DESC LIMIT ${candidates}`
    : sql`SELECT rowid AS id FROM case_search WHERE case_search MATCH ${match} ORDER BY rowid DESC LIMIT ${candidates}`;
  return sql<boolean>`case_search.rowid >= (SELECT min(id) FROM (${newest}))`;
}

/**
 * The index's terms that start with one of `prefixes` (each `[from, to)` as computed by the caller), or null when there
 * are more than `max`. A prefix query (`"burgerburo"*`) makes FTS5 merge the whole doclist of every term with that
 * prefix before it can match, on every use (about 15 ms for "bürgerbüro*" at 1,000,000 cases); the same terms written
 * out are matched lazily, newest first, and stop with the candidates. The lookup costs a walk of each term's doclist
 * (fts5vocab counts its documents), so it is bounded by `max`.
 */
export async function termsInRanges(db: ReadDb, ranges: readonly { from: string; to: string }[], max: number): Promise<string[] | null> {
  const terms = new Set<string>();
  for (const range of ranges) {
    const rows = await db.selectFrom('case_search_vocab').select('term').where('term', '>=', range.from).where('term', '<', range.to).limit(max + 1).execute();
    for (const row of rows) terms.add(row.term);
    if (terms.size > max) return null;
  }
  return [...terms];
}

/** The index's terms from `prefix` (inclusive) to `end` (exclusive), and the given ones, with how many cases hold each. */
export async function vocabulary(db: ReadDb, range: { from: string; to: string }, probes: readonly string[]): Promise<{ near: { term: string; doc: number }[]; probed: { term: string; doc: number }[] }> {
  const vocab = db.selectFrom('case_search_vocab').select(['term', 'doc']);
  const near = await vocab.where('term', '>=', range.from).where('term', '<', range.to).execute();
  const probed = await vocab.where('term', 'in', sql<string>`(SELECT value FROM json_each(${JSON.stringify(probes)}))`).execute();
  return { near, probed };
}

/** A column the planner must not pick an index for (SQLite: unary `+`), for filters on columns with few values. */
export function withoutIndex(column: string): RawBuilder<string> {
  return sql.raw<string>(`+${column}`);
}
