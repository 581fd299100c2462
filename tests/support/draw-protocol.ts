// Prize draw protocols for verifier tests: a correct one as Ombudsdesk exports it, forged ones whose fingerprint and
// ranking are made consistent with node:crypto alone (so each breaks exactly one documented rule), and the table of
// tampered and of valid-but-unusual files that the app's verifier and the docs' recipes must judge alike.
import { createHash, createHmac } from 'node:crypto';
import { canonicalEntryList, drawResult, normalizeSeed, type DrawProtocol, type ProtocolRule } from '../../main/domain/draw.ts';

export function protocolFor(references: string[], seed: string, prizes = [{ count: 2, description: 'Gutschein' }]): DrawProtocol {
  const result = drawResult(references, seed, prizes.reduce((sum, p) => sum + p.count, 0));
  return {
    format: 'ombudsdesk-draw-protocol',
    formatVersion: 1,
    algorithm: 'hmac-sha256-rank',
    algorithmVersion: 1,
    year: 2027,
    pool: 'external',
    prizes,
    entries: canonicalEntryList(references).split('\n'),
    fingerprint: result.fingerprint,
    seed: normalizeSeed(seed),
    ranking: result.ranking,
    winners: result.winners,
    reserves: result.reserves,
    drawnBy: 'Dr. Clara Vogt',
    witnesses: ['Ida Zeugin'],
    drawnAt: '2027-12-06T10:00:00.000Z',
    repeatOf: null,
    repeatReason: null,
  };
}

/**
 * A protocol computed without any of Ombudsdesk's rules: the entries in the order given, the fingerprint over them as
 * they stand, the ranking by HMAC-SHA256 keyed with the seed as it stands (Node writes a lone surrogate as U+FFFD, as
 * the app once did) and the winners by the prize counts. Everything else as in protocolFor.
 */
export function forged(entries: string[], seed: string, change: Partial<Record<keyof DrawProtocol, unknown>> = {}): Record<string, unknown> {
  const prizes = (change.prizes as { count: number }[] | undefined) ?? [{ count: 2, description: 'Gutschein' }];
  const score = (ref: string) => createHmac('sha256', Buffer.from(seed, 'utf8')).update(ref, 'utf8').digest('hex');
  const ranking = [...entries].sort((a, b) => (score(a) < score(b) ? -1 : 1));
  const k = Math.min(prizes.reduce((sum, p) => sum + p.count, 0), ranking.length);
  return {
    ...protocolFor(WORKED_REFERENCES, WORKED_SEED),
    entries,
    fingerprint: createHash('sha256').update(entries.join('\n'), 'utf8').digest('hex'),
    seed,
    ranking,
    winners: ranking.slice(0, k),
    reserves: ranking.slice(k),
    ...change,
  };
}

export const WORKED_REFERENCES = ['2027-00108', '2027-00017', '2027-00042', '2027-00003', '2027-00021'];
export const WORKED_SEED = '3 6 1 4 2 5';
const CANONICAL = [...WORKED_REFERENCES].sort();

/** As exportDrawProtocol writes it: pretty-printed, a final line feed. */
export const protocolText = (protocol: object) => `${JSON.stringify(protocol, null, 2)}\n`;

export interface ProtocolCase {
  name: string;
  /** The file's content. */
  text: string;
  /** The rules it breaks: the verifier and the docs' full recipe name each of them, and no others. */
  rules: ProtocolRule[];
}

/** One tampered protocol per rule of docs/prize-draw.md section 7, and the cases of the issue that prompted them. */
export function tamperedProtocols(): ProtocolCase[] {
  const good = protocolFor(WORKED_REFERENCES, WORKED_SEED);
  const tampered = (name: string, rules: ProtocolRule[], protocol: object): ProtocolCase => ({ name, rules, text: protocolText(protocol) });
  return [
    tampered('an unknown field', ['structure'], { ...good, comment: 'added later' }),
    tampered('a missing field', ['structure'], Object.fromEntries(Object.entries(good).filter(([key]) => key !== 'witnesses'))),
    tampered('a year written as text', ['structure'], { ...good, year: '2027' }),
    tampered('no prizes', ['structure'], forged(CANONICAL, WORKED_SEED, { prizes: [] })),
    tampered('no witnesses', ['structure'], { ...good, witnesses: [] }),
    tampered('an empty drawnBy', ['structure'], { ...good, drawnBy: '' }),
    tampered('a year with a fraction', ['integers'], { ...good, year: 2027.5 }),
    tampered('a five-digit year', ['integers'], { ...good, year: 20270 }),
    tampered('a prize count of 0', ['integers'], forged(CANONICAL, WORKED_SEED, { prizes: [{ count: 0, description: 'Nichts' }] })),
    tampered('a prize count over 100', ['integers'], forged(CANONICAL, WORKED_SEED, { prizes: [{ count: 101, description: 'Gutschein' }] })),
    tampered('a repeatOf of 0', ['integers'], { ...good, repeatOf: 0, repeatReason: 'Fehler' }),
    tampered('an algorithm version with a fraction', ['integers'], { ...good, algorithmVersion: 1.5 }),
    tampered('an algorithm of a later version', ['algorithm'], { ...good, algorithmVersion: 2 }),
    tampered('a drawnAt in local notation', ['drawnAt'], { ...good, drawnAt: '06.12.2027 10:00' }),
    tampered('a drawnAt with an offset instead of Z', ['drawnAt'], { ...good, drawnAt: '2027-12-06T11:00:00.000+01:00' }),
    tampered('a drawnAt without milliseconds', ['drawnAt'], { ...good, drawnAt: '2027-12-06T10:00:00Z' }),
    tampered('a drawnAt on 30 February', ['drawnAt'], { ...good, drawnAt: '2027-02-30T10:00:00.000Z' }),
    tampered('a repeatOf without a repeatReason', ['repeat'], { ...good, repeatOf: 1, repeatReason: null }),
    tampered('a repeatReason without a repeatOf', ['repeat'], { ...good, repeatOf: null, repeatReason: 'Fehler bei der Zeremonie' }),
    tampered('an empty repeatReason', ['repeat'], { ...good, repeatOf: 1, repeatReason: '' }),
    tampered('no entries', ['entries'], forged([], WORKED_SEED)),
    tampered('an entry "ä"', ['entries'], forged([...CANONICAL, 'ä'], WORKED_SEED)),
    tampered('an entry "x y"', ['entries'], forged([...CANONICAL, 'x y'], WORKED_SEED)),
    tampered('a reference with four digits', ['entries'], forged([...CANONICAL, '2027-0001'].sort(), WORKED_SEED)),
    // In UTF-16 code-unit order U+1F600 (D83D DE00) comes before U+FF5E; by code point it comes after.
    tampered('entries beyond U+FFFF in code-unit order', ['entries'], forged([...CANONICAL, '\u{1F600}', '\uFF5E'], WORKED_SEED)),
    tampered('a duplicate entry', ['entries'], forged([...CANONICAL, '2027-00108'], WORKED_SEED)),
    tampered('entries not in canonical order', ['canonical order'], { ...good, entries: [...good.entries].reverse() }),
    tampered('a changed fingerprint', ['fingerprint'], { ...good, fingerprint: createHash('sha256').update('2027-00003').digest('hex') }),
    // 2027-00042 -> 2027-00043 keeps the canonical order; the new entry also has another score than the one it replaced.
    tampered('a changed reference', ['fingerprint', 'ranking', 'reserves'], { ...good, entries: good.entries.map((ref) => (ref === '2027-00042' ? '2027-00043' : ref)) }),
    tampered('a seed with a lone surrogate', ['seed', 'ranking'], forged(CANONICAL, '3 6 1 4 2 5 \uD800')),
    tampered('an empty seed', ['seed'], forged(CANONICAL, '')),
    tampered('a seed of 501 code points', ['seed'], forged(CANONICAL, 'x'.repeat(501))),
    tampered('a seed not in NFC', ['seed'], forged(CANONICAL, 'Ju\u0308rgen')),
    // JavaScript's trim() removes U+FEFF, Python's strip() does not: the documented set does.
    tampered('a seed starting with U+FEFF', ['seed'], forged(CANONICAL, '\uFEFF3 6 1 4 2 5')),
    // The ranking of the normalised seed, stored with a space: the ranking is checked with the stored seed as it stands.
    tampered('a seed with a trailing space and the ranking of the trimmed one', ['seed', 'ranking', 'winners', 'reserves'], { ...good, seed: `${WORKED_SEED} ` }),
    tampered('a swapped ranking', ['ranking'], { ...good, ranking: [good.ranking[1], good.ranking[0], ...good.ranking.slice(2)] }),
    tampered('an added winner', ['winners'], { ...good, winners: [...good.winners, good.reserves[0]] }),
    tampered('another winner', ['winners'], { ...good, winners: [good.ranking[0], good.ranking[2]] }),
    tampered('a dropped reserve', ['reserves'], { ...good, reserves: good.reserves.slice(0, -1) }),
  ];
}

/** Files the rules accept although they look unusual; each also shows where JavaScript's and Python's defaults differ. */
export function validProtocols(): { name: string; text: string }[] {
  const good = protocolFor(WORKED_REFERENCES, WORKED_SEED);
  return [
    { name: 'the worked example as exported', text: protocolText(good) },
    { name: 'saved with a byte order mark', text: `\uFEFF${protocolText(good)}` },
    { name: 'on one line, without a final line feed', text: JSON.stringify(good) },
    { name: 'a prize count written as 2.0', text: protocolText(good).replace('"count": 2,', '"count": 2.0,') },
    // Python's strip() would remove U+0085 and U+001C-U+001F; JavaScript's trim() and the documented set keep them.
    { name: 'a seed ending in U+0085', text: protocolText(forged(CANONICAL, '3 6 1\u0085')) },
    { name: 'a seed ending in U+001F', text: protocolText(forged(CANONICAL, '3 6 1\u001F')) },
    // 500 code points are 1,000 UTF-16 code units and 2,000 UTF-8 bytes: the limit counts code points.
    { name: 'a seed of 500 code points beyond U+FFFF', text: protocolText(forged(CANONICAL, '\u{1F3B2}'.repeat(500))) },
    { name: 'a repeated draw', text: protocolText({ ...good, repeatOf: 1, repeatReason: 'Fehler bei der Zeremonie' }) },
    { name: 'more prizes than entries', text: protocolText(forged(CANONICAL, WORKED_SEED, { prizes: [{ count: 100, description: 'Gutschein' }] })) },
    { name: 'a drawnAt on 29 February 2028', text: protocolText({ ...good, drawnAt: '2028-02-29T23:59:59.999Z' }) },
  ];
}

/** Valid JSON, but in Latin-1: "Jürgen" with the single byte 0xFC. */
export function latin1Protocol(): Buffer {
  return Buffer.from(protocolText({ ...protocolFor(WORKED_REFERENCES, WORKED_SEED), drawnBy: 'Jürgen Vogt' }), 'latin1');
}
