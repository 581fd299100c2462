// The prize draw by lot, as rules anyone can re-implement (docs/prize-draw.md, the README's "Prize draw"): the canonical
// entry list, its SHA-256 fingerprint, the seed, the ranking by HMAC-SHA256, and a verifier for an exported protocol.
// No I/O; hashing only.
import { createHash, createHmac } from 'node:crypto';
import { z } from 'zod';

export const DRAW_ALGORITHM = 'hmac-sha256-rank';
export const DRAW_ALGORITHM_VERSION = 1;
export const PROTOCOL_FORMAT = 'ombudsdesk-draw-protocol';
export const PROTOCOL_FORMAT_VERSION = 1;

export class DrawInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DrawInputError';
  }
}

function checkReferences(references: readonly string[]): void {
  const seen = new Set<string>();
  for (const reference of references) {
    if (reference === '') throw new DrawInputError('empty reference');
    if (/[\r\n]/.test(reference)) throw new DrawInputError(`reference contains a line break: ${JSON.stringify(reference)}`);
    if (seen.has(reference)) throw new DrawInputError(`duplicate reference: ${reference}`);
    seen.add(reference);
  }
}

/** Plain code-unit order; references are ASCII (2027-00042), so this is also byte order and every language's default sort. */
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The canonical text of an entry list: references sorted ascending, joined by "\n", no trailing newline. */
export function canonicalEntryList(references: readonly string[]): string {
  checkReferences(references);
  return [...references].sort(byCodeUnit).join('\n');
}

/** Lowercase hex SHA-256 of the canonical text's UTF-8 bytes. */
export function fingerprint(references: readonly string[]): string {
  return createHash('sha256').update(canonicalEntryList(references), 'utf8').digest('hex');
}

/** The seed as stored and used: Unicode NFC, surrounding whitespace removed; an empty seed is refused. */
export function normalizeSeed(seed: string): string {
  const normalized = seed.normalize('NFC').trim();
  if (normalized === '') throw new DrawInputError('empty seed');
  return normalized;
}

/** Each reference's score, HMAC-SHA256(key = seed, message = reference) in lowercase hex, lowest first. */
export function rankEntries(references: readonly string[], seed: string): { reference: string; score: string }[] {
  checkReferences(references);
  const key = normalizeSeed(seed);
  return references
    .map((reference) => ({ reference, score: createHmac('sha256', key).update(reference, 'utf8').digest('hex') }))
    .sort((a, b) => byCodeUnit(a.score, b.score));
}

export function drawResult(references: readonly string[], seed: string, winnerCount: number) {
  const ranking = rankEntries(references, seed).map((entry) => entry.reference);
  const k = Math.min(Math.max(0, winnerCount), ranking.length);
  return { fingerprint: fingerprint(references), ranking, winners: ranking.slice(0, k), reserves: ranking.slice(k) };
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
  /** ISO 8601. */
  drawnAt: string;
  repeatOf: number | null;
  repeatReason: string | null;
}

// The algorithm is deliberately any string here, not the literal: a protocol from a later version should be answered
// with "unknown algorithm ..." from verifyProtocol, not with a schema message about an invalid literal.
export const drawProtocolSchema = z.strictObject({
  format: z.literal(PROTOCOL_FORMAT),
  formatVersion: z.literal(PROTOCOL_FORMAT_VERSION),
  algorithm: z.string(),
  algorithmVersion: z.number().int(),
  year: z.number().int(),
  pool: z.enum(['external', 'internal']),
  prizes: z.array(z.strictObject({ count: z.number().int().min(1), description: z.string() })),
  entries: z.array(z.string()),
  fingerprint: z.string(),
  seed: z.string(),
  ranking: z.array(z.string()),
  winners: z.array(z.string()),
  reserves: z.array(z.string()),
  drawnBy: z.string(),
  witnesses: z.array(z.string()),
  drawnAt: z.string(),
  repeatOf: z.number().int().nullable(),
  repeatReason: z.string().nullable(),
});

// Every protocol Ombudsdesk writes fits the schema; the compiler checks it here, so the two cannot drift apart.
const _protocolFitsSchema = (protocol: DrawProtocol): z.infer<typeof drawProtocolSchema> => protocol;

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((value, i) => value === b[i]);
const list = (values: readonly string[]) => (values.length > 6 ? `${values.slice(0, 6).join(', ')}, …` : values.join(', '));

/** Re-computes everything a protocol claims from its entries and seed alone; one English line per mismatch. */
export function verifyProtocol(input: unknown): { ok: true } | { ok: false; problems: string[] } {
  const parsed = drawProtocolSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => `not a draw protocol: ${issue.path.join('.') || '(file)'}: ${issue.message}`) };
  }
  const p = parsed.data;
  const problems: string[] = [];
  if (p.algorithm !== DRAW_ALGORITHM || p.algorithmVersion !== DRAW_ALGORITHM_VERSION) {
    problems.push(`unknown algorithm ${p.algorithm} v${p.algorithmVersion} (this verifier knows ${DRAW_ALGORITHM} v${DRAW_ALGORITHM_VERSION})`);
    return { ok: false, problems };
  }
  let canonical: string;
  try {
    canonical = canonicalEntryList(p.entries);
  } catch (error) {
    return { ok: false, problems: [`entries are not a valid list: ${(error as Error).message}`] };
  }
  if (canonical !== p.entries.join('\n')) problems.push('entries are not in canonical (ascending) order');
  const computed = fingerprint(p.entries);
  if (computed !== p.fingerprint) problems.push(`fingerprint mismatch: the file says ${p.fingerprint}, its entries give ${computed}`);
  let seed: string;
  try {
    seed = normalizeSeed(p.seed);
  } catch {
    return { ok: false, problems: [...problems, 'the seed is empty'] };
  }
  if (seed !== p.seed) problems.push('the seed is not normalized (NFC, trimmed)');
  const winnerCount = p.prizes.reduce((sum, prize) => sum + prize.count, 0);
  const result = drawResult(p.entries, seed, winnerCount);
  if (!same(result.ranking, p.ranking)) problems.push(`ranking mismatch: the file says ${list(p.ranking)}; entries and seed give ${list(result.ranking)}`);
  if (!same(result.winners, p.winners)) problems.push(`winners mismatch: the file says ${list(p.winners)}; the ranking gives ${list(result.winners)}`);
  if (!same(result.reserves, p.reserves)) problems.push(`reserves mismatch: the file says ${list(p.reserves)}; the ranking gives ${list(result.reserves)}`);
  return problems.length ? { ok: false, problems } : { ok: true };
}
