// The prize draw by lot, as rules anyone can re-implement (docs/prize-draw.md, the README's "Prize draw"): the canonical
// entry list, its SHA-256 fingerprint, the seed, the ranking by HMAC-SHA256, and the verifier of an exported protocol.
// The verifier's rules are PROTOCOL_RULES below, named and ordered as in docs/prize-draw.md section 7; every message it
// gives starts with the name of the rule that failed. No I/O; hashing only.
import { createHash, createHmac } from 'node:crypto';
import { z } from 'zod';
import { REFERENCE_PATTERN } from './references.ts';

export const DRAW_ALGORITHM = 'hmac-sha256-rank';
export const DRAW_ALGORITHM_VERSION = 1;
export const PROTOCOL_FORMAT = 'ombudsdesk-draw-protocol';
export const PROTOCOL_FORMAT_VERSION = 1;
/** The longest seed after normalisation, in Unicode code points (not UTF-16 code units, not bytes). */
export const SEED_MAX_CODE_POINTS = 500;
/** Bounds of the protocol's whole numbers (the integers rule). */
export const YEAR_MIN = 1000;
export const YEAR_MAX = 9999;
export const PRIZE_COUNT_MAX = 100;

export class DrawInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DrawInputError';
  }
}

export type SeedProblem = 'not_well_formed' | 'empty' | 'too_long';

/** A seed the ceremony refuses, with the reason the screen translates. */
export class DrawSeedError extends DrawInputError {
  readonly problem: SeedProblem;
  constructor(problem: SeedProblem, message: string) {
    super(message);
    this.name = 'DrawSeedError';
    this.problem = problem;
  }
}

/** False if the text has a lone surrogate, which has no UTF-8 bytes (String.prototype.isWellFormed: with the u flag a
 * surrogate pair is one code point, so \p{Cs} matches only a lone surrogate). */
export function isWellFormed(text: string): boolean {
  return !/\p{Cs}/u.test(text);
}

export function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

/** The characters removed around a seed, named one by one so that every language removes the same ones: exactly what
 * JavaScript's String.prototype.trim() removes. Python's str.strip() differs (it also removes U+001C-U+001F and
 * U+0085, and keeps U+FEFF), so the documented recipe strips this set explicitly. */
export const SEED_TRIM_CHARACTERS =
  '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
const TRIM_CLASS = `[${[...SEED_TRIM_CHARACTERS].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}]`;
const SURROUNDING_TRIM = new RegExp(`^${TRIM_CLASS}+|${TRIM_CLASS}+$`, 'g');

/** The seed as stored and used: Unicode NFC, then the trim characters removed at both ends. Refused: a seed with a lone
 * surrogate (the stored seed would differ from the typed one), an empty seed, one longer than 500 code points. */
export function normalizeSeed(seed: string): string {
  if (!isWellFormed(seed)) throw new DrawSeedError('not_well_formed', 'the seed contains a lone surrogate (not well-formed Unicode)');
  const normalized = seed.normalize('NFC').replace(SURROUNDING_TRIM, '');
  if (normalized === '') throw new DrawSeedError('empty', 'empty seed');
  if (codePointLength(normalized) > SEED_MAX_CODE_POINTS) throw new DrawSeedError('too_long', `the seed is longer than ${SEED_MAX_CODE_POINTS} code points`);
  return normalized;
}

/** Ascending by Unicode code point: Python's str order and UTF-8 byte order. JavaScript's default sort compares UTF-16
 * code units instead, which differs beyond U+FFFF (U+1F600 is D83D DE00, below U+FF5E); at the first differing unit a
 * surrogate is moved above every other unit, which gives code-point order for well-formed text. */
export function compareByCodePoint(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}
const codePointRank = (unit: number) => (unit >= 0xd800 && unit <= 0xdfff ? unit + 0x2000 : unit >= 0xe000 ? unit - 0x800 : unit);

/** What is wrong with one entry, or null: an entry is a case reference of the form 2027-00042, ASCII only. */
export function referenceProblem(reference: string): string | null {
  if (reference === '') return 'empty reference';
  if (/[\r\n]/.test(reference)) return `reference contains a line break: ${JSON.stringify(reference)}`;
  if (!REFERENCE_PATTERN.test(reference)) return `not a reference of the form 2027-00042: ${JSON.stringify(reference)}`;
  return null;
}

/** Every problem of an entry list (the entries rule): empty, an entry not of the reference form, a duplicate. */
export function entryListProblems(references: readonly string[]): string[] {
  const problems: string[] = [];
  if (references.length === 0) problems.push('the list is empty (a draw needs at least one entry)');
  const seen = new Set<string>();
  for (const reference of references) {
    const problem = referenceProblem(reference);
    if (problem) problems.push(problem);
    else if (seen.has(reference)) problems.push(`duplicate reference: ${reference}`);
    seen.add(reference);
  }
  return problems;
}

function checkReferences(references: readonly string[]): void {
  const problem = entryListProblems(references)[0];
  if (problem) throw new DrawInputError(problem);
}

/** The canonical text of an entry list: references sorted ascending by code point, joined by "\n", no trailing newline. */
export function canonicalEntryList(references: readonly string[]): string {
  checkReferences(references);
  return [...references].sort(compareByCodePoint).join('\n');
}

/** Lowercase hex SHA-256 of the canonical text's UTF-8 bytes. */
export function fingerprint(references: readonly string[]): string {
  return createHash('sha256').update(canonicalEntryList(references), 'utf8').digest('hex');
}

/** HMAC-SHA256(key = UTF-8 of the key exactly as given, message = UTF-8 of the reference), lowest first. */
function scoreWithKey(references: readonly string[], key: string): { reference: string; score: string }[] {
  return references
    .map((reference) => ({ reference, score: createHmac('sha256', Buffer.from(key, 'utf8')).update(reference, 'utf8').digest('hex') }))
    .sort((a, b) => compareByCodePoint(a.score, b.score));
}

/** Each reference's score with the normalised seed, lowest first. */
export function rankEntries(references: readonly string[], seed: string): { reference: string; score: string }[] {
  checkReferences(references);
  return scoreWithKey(references, normalizeSeed(seed));
}

const split = (ranking: string[], winnerCount: number) => {
  const k = Math.min(Math.max(0, winnerCount), ranking.length);
  return { winners: ranking.slice(0, k), reserves: ranking.slice(k) };
};

export function drawResult(references: readonly string[], seed: string, winnerCount: number) {
  const ranking = rankEntries(references, seed).map((entry) => entry.reference);
  return { fingerprint: fingerprint(references), ranking, ...split(ranking, winnerCount) };
}

/** The exported JSON protocol, field for field (docs/prize-draw.md describes each one for outside readers). */
export interface DrawProtocol {
  format: typeof PROTOCOL_FORMAT;
  formatVersion: typeof PROTOCOL_FORMAT_VERSION;
  algorithm: typeof DRAW_ALGORITHM;
  algorithmVersion: typeof DRAW_ALGORITHM_VERSION;
  year: number;
  pool: 'external' | 'internal';
  prizes: { count: number; description: string }[];
  /** In canonical order, so the file itself shows the text the fingerprint was taken over. */
  entries: string[];
  fingerprint: string;
  /** Already normalised: a verifier uses it as it stands. */
  seed: string;
  ranking: string[];
  winners: string[];
  reserves: string[];
  drawnBy: string;
  witnesses: string[];
  /** ISO 8601 in UTC, exactly as Date.prototype.toISOString() writes it: 2027-12-06T10:00:00.000Z. */
  drawnAt: string;
  /** The number (id) of the earlier draw of the same year and pool that this one repeats. */
  repeatOf: number | null;
  repeatReason: string | null;
}

/** The verifier's rules, in the order it checks them (docs/prize-draw.md section 7 has one row per rule). */
export const PROTOCOL_RULES = [
  'structure',
  'integers',
  'algorithm',
  'drawnAt',
  'repeat',
  'entries',
  'canonical order',
  'fingerprint',
  'seed',
  'ranking',
  'winners',
  'reserves',
] as const;
export type ProtocolRule = (typeof PROTOCOL_RULES)[number];

// The structure rule: exactly these fields with these JSON types. Whole numbers, their bounds and the algorithm are
// later rules (integers, algorithm), so that a protocol of a later version is answered with "unknown algorithm ...".
const nonEmpty = z.string().min(1);
export const drawProtocolSchema = z.strictObject({
  format: z.literal(PROTOCOL_FORMAT),
  formatVersion: z.literal(PROTOCOL_FORMAT_VERSION),
  algorithm: z.string(),
  algorithmVersion: z.number(),
  year: z.number(),
  pool: z.enum(['external', 'internal']),
  prizes: z.array(z.strictObject({ count: z.number(), description: nonEmpty })).min(1),
  entries: z.array(z.string()),
  fingerprint: z.string(),
  seed: z.string(),
  ranking: z.array(z.string()),
  winners: z.array(z.string()),
  reserves: z.array(z.string()),
  drawnBy: nonEmpty,
  witnesses: z.array(nonEmpty).min(1),
  drawnAt: z.string(),
  repeatOf: z.number().nullable(),
  repeatReason: z.string().nullable(),
});

// Every protocol Ombudsdesk writes fits the schema; the compiler checks it here, so the two cannot drift apart.
const _protocolFitsSchema = (protocol: DrawProtocol): z.infer<typeof drawProtocolSchema> => protocol;

/** The drawnAt rule: 24 characters YYYY-MM-DDTHH:MM:SS.sssZ (year 1000-9999), a real date and time in UTC. */
export function isUtcTimestamp(text: string): boolean {
  if (!/^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$/.test(text)) return false;
  const time = new Date(text);
  // Round trip: 2027-02-30 or 24:00 would come back as another day, 23:59:60 not at all.
  return !Number.isNaN(time.getTime()) && time.toISOString() === text;
}

/** A whole number from min to max; JSON does not tell 2 from 2.0, so neither does this. */
const isWhole = (value: number, min: number, max: number) => Number.isInteger(value) && value >= min && value <= max;

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((value, i) => value === b[i]);
const list = (values: readonly string[]) => (values.length > 6 ? `${values.slice(0, 6).join(', ')}, …` : values.join(', '));

export type VerifyResult = { ok: true } | { ok: false; problems: string[]; rules: ProtocolRule[] };

/** Checks a parsed protocol file against every rule; one English line per problem, each starting with its rule's name. */
export function verifyProtocol(input: unknown): VerifyResult {
  const problems: { rule: ProtocolRule; message: string }[] = [];
  const report = (rule: ProtocolRule, message: string) => problems.push({ rule, message: `${rule}${message}` });
  const result = (): VerifyResult =>
    problems.length ? { ok: false, problems: problems.map((p) => p.message), rules: [...new Set(problems.map((p) => p.rule))] } : { ok: true };

  // structure
  const parsed = drawProtocolSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) report('structure', `: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
    return result();
  }
  const p = parsed.data;

  // integers
  const wholeNumbers: [string, number, number, number][] = [
    ['algorithmVersion', p.algorithmVersion, 1, Number.MAX_SAFE_INTEGER],
    ['year', p.year, YEAR_MIN, YEAR_MAX],
    ...p.prizes.map((prize, i): [string, number, number, number] => [`prizes.${i}.count`, prize.count, 1, PRIZE_COUNT_MAX]),
    ...(p.repeatOf === null ? [] : [['repeatOf', p.repeatOf, 1, Number.MAX_SAFE_INTEGER] as [string, number, number, number]]),
  ];
  for (const [name, value, min, max] of wholeNumbers) {
    if (!isWhole(value, min, max)) report('integers', `: ${name} must be a whole number from ${min} to ${max}, the file has ${value}`);
  }
  if (problems.length) return result();

  // algorithm: nothing below can be recomputed with an algorithm this verifier does not know.
  if (p.algorithm !== DRAW_ALGORITHM || p.algorithmVersion !== DRAW_ALGORITHM_VERSION) {
    report('algorithm', `: unknown algorithm ${p.algorithm} v${p.algorithmVersion} (this verifier knows ${DRAW_ALGORITHM} v${DRAW_ALGORITHM_VERSION})`);
    return result();
  }

  // drawnAt, repeat: records of the ceremony, checked for their form only.
  if (!isUtcTimestamp(p.drawnAt)) report('drawnAt', `: not ISO 8601 in UTC of the form 2027-12-06T10:00:00.000Z: ${JSON.stringify(p.drawnAt)}`);
  if ((p.repeatOf === null) !== (p.repeatReason === null)) {
    report('repeat', `: repeatOf and repeatReason must both be null or both be set, the file has ${p.repeatOf} and ${JSON.stringify(p.repeatReason)}`);
  } else if (p.repeatReason === '') {
    report('repeat', ': repeatReason is empty');
  }

  // entries, canonical order, fingerprint
  const entryProblems = entryListProblems(p.entries);
  for (const problem of entryProblems) report('entries', `: ${problem}`);
  const entriesValid = entryProblems.length === 0;
  if (entriesValid) {
    if (!p.entries.every((entry, i) => i === 0 || compareByCodePoint(p.entries[i - 1]!, entry) < 0)) {
      report('canonical order', ': the entries are not sorted ascending by code point');
    }
    const computed = fingerprint(p.entries);
    if (computed !== p.fingerprint) report('fingerprint', ` mismatch: the file says ${p.fingerprint}, its entries give ${computed}`);
  }

  // seed: the stored seed must be one the ceremony could have stored.
  const seedWellFormed = isWellFormed(p.seed);
  let seedNormalized = true;
  if (!seedWellFormed) {
    report('seed', ': not well-formed: it contains a lone surrogate, which has no UTF-8 bytes');
  } else {
    seedNormalized = p.seed !== '' && p.seed.normalize('NFC').replace(SURROUNDING_TRIM, '') === p.seed;
    if (p.seed === '') report('seed', ': empty');
    else if (!seedNormalized) report('seed', ': not normalised (Unicode NFC, no trim character at either end), so the ceremony cannot have stored it');
    if (codePointLength(p.seed) > SEED_MAX_CODE_POINTS) report('seed', `: longer than ${SEED_MAX_CODE_POINTS} code points (${codePointLength(p.seed)})`);
  }

  // ranking, winners, reserves: with the stored seed exactly as it stands, never a normalised copy of it.
  if (entriesValid) {
    if (!seedWellFormed) {
      report('ranking', ': not recomputed: the stored seed is not well-formed, so there are no key bytes for the HMAC');
    } else {
      const ranking = scoreWithKey(p.entries, p.seed).map((entry) => entry.reference);
      const { winners, reserves } = split(ranking, p.prizes.reduce((sum, prize) => sum + prize.count, 0));
      const how = seedNormalized ? 'entries and seed give' : 'entries and the stored seed exactly as it stands (not normalised) give';
      if (!same(ranking, p.ranking)) report('ranking', ` mismatch: the file says ${list(p.ranking)}; ${how} ${list(ranking)}`);
      if (!same(winners, p.winners)) report('winners', ` mismatch: the file says ${list(p.winners)}; the ranking gives ${list(winners)}`);
      if (!same(reserves, p.reserves)) report('reserves', ` mismatch: the file says ${list(p.reserves)}; the ranking gives ${list(reserves)}`);
    }
  }
  return result();
}
