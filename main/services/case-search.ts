// Search over cases: by reference, by contact (phone digits, e-mail), by text in both German spellings, and — only when
// that finds nothing — with one typo per word. Used by searchCases and by the inbox's text filter (case-list.ts).
import { sql, type RawBuilder } from 'kysely';
import {
  foldedForms,
  FUZZY_MIN_LENGTH,
  isOneTypo,
  oneEditLookups,
  parseEmailQuery,
  parseReferenceQuery,
  prefixEnd,
  queryPhoneKey,
  searchWords,
  type ReferenceQuery,
} from '../domain/search-text.ts';
import type { SearchHit } from '../types/cases.ts';
import { departmentScope, scopeList, type Actor } from './actor.ts';
import type { ServiceContext } from './context.ts';
import { search } from '../db/search.ts';

/** At most this many words of a query are corrected, each by at most this many index terms (the most frequent). */
const FUZZY_MAX_WORDS = 6;
const FUZZY_MAX_TERMS = 16;

/** What a typed query asks for, as parameters of SQL: computed from the text alone, or with the index's vocabulary. */
export interface TextSearch {
  reference: ReferenceQuery | null;
  /** An FTS5 query over case_search (contact and text, or the typo-tolerant text), built only from quoted words. */
  match: string | null;
}

const wordExpression = (terms: readonly string[], prefixTerms: readonly string[]) => search.wordExpression(terms, prefixTerms);

/** Every word must occur in one of its forms (Müller: muller or mueller), the last one as a prefix. */
export function toFtsQuery(text: string): string | null {
  const words = searchWords(text);
  if (words.length === 0) return null;
  const parts = words.map((word, index) => {
    const forms = foldedForms(word);
    return index === words.length - 1 ? wordExpression([], forms) : wordExpression(forms, []);
  });
  return search.textQuery(parts);
}

/** The last word is written out as the index's terms it is a prefix of when there are at most this many. */
const PREFIX_TERMS_MAX = 16;

/**
 * toFtsQuery for searchCases: the last word's forms, a prefix, become the index's terms that start with them (when
 * there are few; see search.termsInRanges), which matches the same cases without FTS5 merging the prefix's doclists.
 * Null when there is no word, or no indexed term starts with the last word (then nothing matches).
 */
export async function toExpandedFtsQuery(ctx: ServiceContext, text: string): Promise<string | null> {
  const words = searchWords(text);
  if (words.length === 0) return null;
  const parts: string[] = [];
  for (const [index, word] of words.entries()) {
    const forms = foldedForms(word);
    if (index < words.length - 1) {
      parts.push(wordExpression(forms, []));
      continue;
    }
    // A form may fold to nothing (combining marks alone): it stays a prefix query, as toFtsQuery writes it.
    const terms = forms.every((form) => form !== '')
      ? await search.termsInRanges(ctx.read, forms.map((form) => ({ from: form, to: prefixEnd(form) })), PREFIX_TERMS_MAX)
      : null;
    if (terms && terms.length === 0) return null;
    parts.push(terms ? wordExpression(terms, []) : wordExpression([], forms));
  }
  return search.textQuery(parts);
}

/** The contact part of a query: a phone number's digits, an e-mail address or its local part. */
export function toContactQuery(text: string): string | null {
  // An e-mail address matches from the start of the stored address.
  return search.contactQuery({ phoneKey: queryPhoneKey(text), emailPrefix: parseEmailQuery(text)?.address ?? null });
}

/** The search a query stands for without typo tolerance (pure: same text, same SQL parameters). */
export function exactSearch(text: string): TextSearch {
  const contact = toContactQuery(text);
  const words = toFtsQuery(text);
  const match = contact && words ? search.eitherQuery(contact, words) : (contact ?? words);
  return { reference: parseReferenceQuery(text), match };
}

/** The index terms that are one typo of a folded word (isOneTypo). */
async function termsWithinOneEdit(ctx: ServiceContext, word: string): Promise<{ term: string; doc: number }[]> {
  const { prefix, probes } = oneEditLookups(word);
  const { near, probed } = await search.vocabulary(ctx.read, { from: prefix, to: prefixEnd(prefix) }, probes);
  return [...near.filter((row) => isOneTypo(row.term, word)), ...probed];
}

/**
 * The typo-tolerant search: every word may be one edit (insert, delete, replace, swap two neighbours; the first letter
 * as typed, see isOneTypo) away from an indexed word, in either of its forms; words shorter than FUZZY_MIN_LENGTH and
 * numbers must still match. Null when no word has a correction the exact search did not already try.
 */
export async function fuzzySearch(ctx: ServiceContext, text: string): Promise<TextSearch | null> {
  const words = searchWords(text);
  let corrected = 0;
  let changed = false;
  const parts = await Promise.all(words.map(async (word, index) => {
    const forms = foldedForms(word);
    const last = index === words.length - 1;
    const correctable = corrected < FUZZY_MAX_WORDS && [...word].length >= FUZZY_MIN_LENGTH && /\p{L}/u.test(word);
    if (!correctable) return last ? wordExpression([], forms) : wordExpression(forms, []);
    corrected++;
    const found = new Map<string, number>();
    for (const form of forms) for (const { term, doc } of await termsWithinOneEdit(ctx, form)) found.set(term, doc);
    const terms = [...found]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, FUZZY_MAX_TERMS)
      .map(([term]) => term)
      .filter((term) => !forms.includes(term) || !last);
    if (terms.some((term) => !forms.includes(term))) changed = true;
    return last ? wordExpression(terms, forms) : wordExpression([...new Set([...forms, ...terms])], []);
  }));
  if (!changed) return null;
  return { reference: null, match: search.textQuery(parts) };
}

/** Cases with this reference, or this number part in any year. */
function referenceIds(reference: ReferenceQuery) {
  return reference.year === null
    ? sql<number>`(SELECT id FROM cases WHERE number = ${reference.number})`
    : sql<number>`(SELECT id FROM cases WHERE year = ${reference.year} AND number = ${reference.number})`;
}

/** The inbox's text filter as a condition on `c.id`: matches by reference, contact or text. */
export function searchCondition(text: TextSearch): RawBuilder<boolean> {
  const conditions: RawBuilder<boolean>[] = [];
  if (text.reference) conditions.push(sql<boolean>`c.id IN ${referenceIds(text.reference)}`);
  if (text.match) conditions.push(search.matchesCase(text.match));
  if (conditions.length === 0) return sql<boolean>`1 = 0`;
  return conditions.length === 1 ? conditions[0]! : sql<boolean>`(${sql.join(conditions, sql` OR `)})`;
}

/**
 * Hits are ranked among this many newest matches: the best of all matches when there are fewer, else the best of the
 * newest (ranking every one of 68,000 matches took 172 ms at 1,000,000 cases).
 */
export const RANKED_CANDIDATES = 1000;

/** One FTS search for hits, best first (exported so the benchmark can run the very same SQL raw). */
export function searchQuery(ctx: ServiceContext, actor: Actor, fts: string, limit: number) {
  let q = ctx.read
    .selectFrom(search.indexTable)
    .innerJoin('cases as c', 'c.id', 'case_search.rowid')
    .select([
      'c.id',
      'c.reference',
      'c.subject',
      'c.status',
      'c.kind',
      search.snippet(fts).as('snippet'),
    ])
    .where(search.indexMatches(fts));
  const scope = departmentScope(actor);
  if (scope) q = q.where('c.department_id', 'in', scopeList(scope));
  q = q.where(search.amongNewest(fts, RANKED_CANDIDATES, scope && scopeList(scope)));
  return q.orderBy(search.bestFirst(fts)).orderBy(search.newestFirst()).limit(limit);
}

function referenceQuery(ctx: ServiceContext, actor: Actor, reference: ReferenceQuery, limit: number) {
  let q = ctx.read
    .selectFrom('cases as c')
    .select(['c.id', 'c.reference', 'c.subject', 'c.status', 'c.kind', sql<string>`'[' || c.reference || ']'`.as('snippet')])
    .where('c.number', '=', reference.number);
  if (reference.year !== null) q = q.where('c.year', '=', reference.year);
  const scope = departmentScope(actor);
  if (scope) q = q.where('c.department_id', 'in', scopeList(scope));
  return q.orderBy('c.year', 'desc').limit(limit);
}

type HitRow = Omit<SearchHit, 'matchedBy'>;

/**
 * Hits for a typed query: reference matches first (newest year first), then contact matches, then text matches by
 * rank; the typo-tolerant search runs only when all of these find nothing. When exactly one hit has matchedBy
 * 'reference' (a full reference, or a number part only one visible case has), the query names that case.
 */
export async function searchCases(ctx: ServiceContext, actor: Actor, text: string, limit: number): Promise<SearchHit[]> {
  const hits = new Map<number, SearchHit>();
  const add = (rows: HitRow[], matchedBy: SearchHit['matchedBy']) => {
    for (const row of rows) {
      if (hits.size >= limit) return;
      if (!hits.has(row.id)) hits.set(row.id, { ...row, matchedBy });
    }
  };
  const reference = parseReferenceQuery(text);
  if (reference) add((await referenceQuery(ctx, actor, reference, limit).execute()), 'reference');
  const contact = toContactQuery(text);
  if (contact) add((await searchQuery(ctx, actor, contact, limit).execute()), 'contact');
  const words = await toExpandedFtsQuery(ctx, text);
  if (words) add((await searchQuery(ctx, actor, words, limit).execute()), 'text');
  if (hits.size === 0) {
    const fuzzy = await fuzzySearch(ctx, text);
    if (fuzzy?.match) add((await searchQuery(ctx, actor, fuzzy.match, limit).execute()), 'fuzzy');
  }
  return [...hits.values()];
}
