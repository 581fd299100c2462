// The prize draw's rules: determinism, independence of input order, sensitivity to every reference and to the seed,
// fairness over many seeds, the verifier, and the worked example of docs/prize-draw.md (read from the page itself).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  canonicalEntryList,
  compareByCodePoint,
  drawResult,
  DrawSeedError,
  fingerprint,
  isUtcTimestamp,
  isWellFormed,
  normalizeSeed,
  PROTOCOL_RULES,
  rankEntries,
  SEED_TRIM_CHARACTERS,
  verifyProtocol,
} from '../../main/domain/draw.ts';
import { forged, protocolFor, tamperedProtocols, validProtocols, WORKED_REFERENCES } from '../support/draw-protocol.ts';

const TEN = Array.from({ length: 10 }, (_, i) => `2027-${String(i * 7 + 3).padStart(5, '0')}`);

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('the draw', () => {
  it('is deterministic: the same list and seed give the same ranking', () => {
    expect(drawResult(TEN, '4 2 6', 3)).toEqual(drawResult(TEN, '4 2 6', 3));
  });

  it('does not depend on the order of the input rows', () => {
    const reference = drawResult(TEN, 'dice 5 5 2', 3);
    for (let i = 1; i <= 20; i++) expect(drawResult(shuffled(TEN, i), 'dice 5 5 2', 3)).toEqual(reference);
  });

  it('changes the fingerprint when one reference changes, and the ranking when the seed changes', () => {
    const base = fingerprint(TEN);
    for (let i = 0; i < TEN.length; i++) {
      const changed = TEN.map((ref, j) => (j === i ? ref.replace(/\d$/, (d) => String((Number(d) + 5) % 10)) : ref));
      expect(fingerprint(changed), TEN[i]).not.toBe(base);
    }
    const rankings = new Set(Array.from({ length: 20 }, (_, i) => drawResult(TEN, `seed ${i}`, 0).ranking.join(',')));
    expect(rankings.size).toBe(20);
    // One character of the seed is enough to change the scores entirely.
    expect(rankEntries(TEN, '3 6 1').map((r) => r.score)).not.toEqual(expect.arrayContaining(rankEntries(TEN, '3 6 2').map((r) => r.score)));
  });

  it('normalises the seed (NFC, trimmed) and refuses an empty one, duplicates and line breaks', () => {
    expect(normalizeSeed(' 4 2 6 ')).toBe('4 2 6');
    expect(drawResult(TEN, ' 4 2 6 ', 2)).toEqual(drawResult(TEN, '4 2 6', 2));
    expect(drawResult(TEN, '  4 2 6 \n', 2)).toEqual(drawResult(TEN, '4 2 6', 2));
    expect(drawResult(TEN, '4 2 6', 2)).not.toEqual(drawResult(TEN, '426', 2)); // inner spaces count
    expect(drawResult(TEN, 'Zeuge Jürgen', 2)).toEqual(drawResult(TEN, 'Zeuge Ju\u0308rgen', 2));
    expect(() => normalizeSeed('   ')).toThrow(/empty seed/);
    expect(() => fingerprint(['2027-00001', '2027-00001'])).toThrow(/duplicate/);
    expect(() => fingerprint(['2027-00001\n2027-00002'])).toThrow(/line break/);
    expect(() => fingerprint(['2027-00001\r'])).toThrow(/line break/);
    expect(() => canonicalEntryList(['2027-00001', ''])).toThrow(/empty reference/);
    expect(() => rankEntries(['2027-00001', '2027-00001'], 'x')).toThrow(/duplicate/);
  });

  it('gives the first k the prizes and keeps the rest in order as reserves', () => {
    const result = drawResult(TEN, 'x', 3);
    expect(result.winners).toEqual(result.ranking.slice(0, 3));
    expect(result.reserves).toEqual(result.ranking.slice(3));
    expect(drawResult(TEN.slice(0, 2), 'x', 5).winners).toHaveLength(2);
  });

  it('is fair: over 10,000 seeds each of 10 entries wins first place within 5 sigma of 1/10', () => {
    const firsts = new Map<string, number>(TEN.map((ref) => [ref, 0]));
    const seeds = 10_000;
    for (let i = 0; i < seeds; i++) {
      const first = rankEntries(TEN, `seed-${i}`)[0]!.reference;
      firsts.set(first, firsts.get(first)! + 1);
    }
    const sigma = Math.sqrt(seeds * 0.1 * 0.9); // 30
    for (const [ref, count] of firsts) {
      expect(Math.abs(count - seeds / 10), `${ref} won ${count} times`).toBeLessThanOrEqual(5 * sigma);
    }
  });
});

describe('verifyProtocol', () => {
  const good = protocolFor(TEN, '3 6 1 4 2 5');

  it('accepts a correct protocol', () => {
    expect(verifyProtocol(JSON.parse(JSON.stringify(good)))).toEqual({ ok: true });
  });

  it('reports a changed reference, a swapped ranking, another seed and wrong winners', () => {
    const entries = good.entries.map((ref, i) => (i === 4 ? '2027-00099' : ref)).sort();
    const changedEntry = verifyProtocol({ ...good, entries });
    expect(changedEntry).toMatchObject({ ok: false, problems: expect.arrayContaining([expect.stringMatching(/^fingerprint mismatch/)]) });

    const swapped = [good.ranking[1]!, good.ranking[0]!, ...good.ranking.slice(2)];
    expect(verifyProtocol({ ...good, ranking: swapped })).toMatchObject({ ok: false, problems: expect.arrayContaining([expect.stringMatching(/^ranking mismatch/)]) });

    expect(verifyProtocol({ ...good, seed: '3 6 1 4 2 6' })).toMatchObject({ ok: false, problems: expect.arrayContaining([expect.stringMatching(/^ranking mismatch/)]) });

    expect(verifyProtocol({ ...good, winners: [good.ranking[0], good.ranking[2]] })).toMatchObject({ ok: false, problems: expect.arrayContaining([expect.stringMatching(/^winners mismatch/)]) });

    expect(verifyProtocol({ ...good, algorithmVersion: 2 })).toMatchObject({ ok: false, problems: [expect.stringMatching(/unknown algorithm/)] });
    expect(verifyProtocol({ ...good, entries: [...good.entries].reverse() })).toMatchObject({ ok: false, problems: ['canonical order: the entries are not sorted ascending by code point'] });
    expect(verifyProtocol({ hello: 'world' })).toMatchObject({ ok: false, problems: expect.arrayContaining([expect.stringMatching(/^structure: /)]) });
  });

  // One file per rule of docs/prize-draw.md section 7 (tests/support/draw-protocol.ts): each breaks exactly the rules it
  // names, and every message starts with the name of its rule.
  it.each(tamperedProtocols().map((c) => [c.name, c] as const))('refuses %s, naming the rule', (_name, tampered) => {
    const result = verifyProtocol(JSON.parse(tampered.text));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.rules).toEqual(tampered.rules);
    for (const problem of result.problems) expect(PROTOCOL_RULES.some((rule) => problem.startsWith(rule)), problem).toBe(true);
  });

  it.each(validProtocols().map((c) => [c.name, c] as const))('accepts %s', (_name, valid) => {
    expect(verifyProtocol(JSON.parse(valid.text.replace(/^\uFEFF/, '')))).toEqual({ ok: true });
  });

  it('checks the ranking with the stored seed exactly as it stands, and says so when that seed is not normalised', () => {
    const stored = `${good.seed} `;
    const result = verifyProtocol({ ...good, seed: stored });
    expect(result).toMatchObject({ ok: false, rules: ['seed', 'ranking', 'winners', 'reserves'] });
    expect(!result.ok && result.problems.find((p) => p.startsWith('ranking'))).toMatch(/^ranking mismatch: .*the stored seed exactly as it stands \(not normalised\)/);
    // The ranking that the stored (unnormalised) seed gives is consistent: only the seed rule fails.
    expect(verifyProtocol(forged(good.entries, stored))).toMatchObject({ ok: false, rules: ['seed'] });
  });

  it('does not recompute the ranking with a seed that has a lone surrogate, and says why', () => {
    const result = verifyProtocol(forged(good.entries, 'abc\uDC00'));
    expect(result).toMatchObject({ ok: false, problems: [expect.stringMatching(/^seed: not well-formed/), expect.stringMatching(/^ranking: not recomputed/)] });
  });
});

describe('the rules in detail', () => {
  it('sorts by code point, as Python does, not by UTF-16 code unit', () => {
    const texts = ['\u{1F600}', '\uFF5E', 'a', '\uE000', '\uD7FF', '\u{10000}', '\u{10FFFF}', 'ab', ''];
    const byCodePoint = [...texts].sort((a, b) => {
      const [x, y] = [[...a].map((c) => c.codePointAt(0)!), [...b].map((c) => c.codePointAt(0)!)];
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
      return x.length - y.length;
    });
    expect([...texts].sort(compareByCodePoint)).toEqual(byCodePoint);
    expect(byCodePoint.indexOf('\uFF5E')).toBeLessThan(byCodePoint.indexOf('\u{1F600}'));
    expect([...texts].sort()).not.toEqual(byCodePoint); // the default sort is the code-unit order
    // The same as the order of the UTF-8 bytes.
    expect([...texts].sort(compareByCodePoint)).toEqual([...texts].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
  });

  it('takes only references of the form 2027-00042 into a draw', () => {
    expect(canonicalEntryList(WORKED_REFERENCES)).toBe('2027-00003\n2027-00017\n2027-00021\n2027-00042\n2027-00108');
    for (const bad of ['ä', 'x y', '2027-0042', '2027-00042 ', ' 2027-00042', '２０２７-00042', '2027-00042\u0000', '\u{1F600}']) {
      expect(() => fingerprint(['2027-00001', bad]), JSON.stringify(bad)).toThrow(/not a reference of the form 2027-00042/);
    }
    expect(() => fingerprint([])).toThrow(/empty/);
  });

  it('refuses a seed with a lone surrogate and one over 500 code points, counting code points', () => {
    for (const seed of ['\uD800', '3 6 1 \uDC00', 'a\uD83D']) {
      expect(isWellFormed(seed)).toBe(false);
      expect((seed as string & { isWellFormed(): boolean }).isWellFormed()).toBe(false);
      expect(() => normalizeSeed(seed)).toThrow(DrawSeedError);
      expect(() => normalizeSeed(seed)).toThrow(expect.objectContaining({ problem: 'not_well_formed' }));
    }
    expect(isWellFormed('\u{1F3B2} 3 6')).toBe(true);
    expect(normalizeSeed('\u{1F3B2}'.repeat(500))).toHaveLength(1000);
    expect(normalizeSeed(` ${'x'.repeat(500)} `)).toBe('x'.repeat(500));
    expect(() => normalizeSeed('x'.repeat(501))).toThrow(expect.objectContaining({ problem: 'too_long' }));
    expect(() => normalizeSeed(' \t\u3000 ')).toThrow(expect.objectContaining({ problem: 'empty' }));
  });

  it("trims exactly JavaScript's trim() set, which is not Python's strip() set", () => {
    const all = Array.from({ length: 0x10000 }, (_, i) => String.fromCharCode(i)).filter((c) => !/\p{Cs}/u.test(c));
    expect(all.filter((c) => c.trim() === '').join('')).toBe(SEED_TRIM_CHARACTERS);
    expect(normalizeSeed('\uFEFF4 2 6\u2028')).toBe('4 2 6');
    expect(normalizeSeed('4 2 6\u0085')).toBe('4 2 6\u0085');
    expect(normalizeSeed('\u001C4 2 6\u001F')).toBe('\u001C4 2 6\u001F');
  });

  it('takes as drawnAt only ISO 8601 in UTC as toISOString() writes it, on a real date', () => {
    expect(isUtcTimestamp('2027-12-06T10:00:00.000Z')).toBe(true);
    expect(isUtcTimestamp('2028-02-29T23:59:59.999Z')).toBe(true);
    for (const bad of ['06.12.2027 10:00', '2027-12-06', '2027-12-06T10:00:00Z', '2027-12-06T10:00:00.000+00:00', '2027-12-06 10:00:00.000Z', '2027-02-29T10:00:00.000Z', '2027-12-06T24:00:00.000Z', '2027-12-06T23:59:60.000Z', '0999-12-06T10:00:00.000Z', '+012027-12-06T10:00:00.000Z', '2027-12-06t10:00:00.000z', '２０２７-12-06T10:00:00.000Z']) {
      expect(isUtcTimestamp(bad), bad).toBe(false);
    }
  });

  it('names its rules in the same order as docs/prize-draw.md section 7', () => {
    const page = readDoc('docs/prize-draw.md');
    const section = page.slice(page.indexOf('## 7.'), page.indexOf('## 8.'));
    const rows = [...section.matchAll(/^\| `([a-zA-Z ]+)` \|/gm)].map((m) => m[1]);
    expect(rows).toEqual([...PROTOCOL_RULES]);
  });
});

interface WorkedExample {
  references: string[];
  seed: string;
  winnerCount: number;
  canonicalText: string;
  fingerprint: string;
  scores: Record<string, string>;
  ranking: string[];
  winners: string[];
  reserves: string[];
}

const readDoc = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
const workedExample = (text: string) => {
  const block = /```json worked-example\n([\s\S]*?)\n```/.exec(text);
  return block ? (JSON.parse(block[1]!) as WorkedExample) : null;
};

function expectComputed(example: WorkedExample) {
  expect(canonicalEntryList(example.references)).toBe(example.canonicalText);
  expect(fingerprint(example.references)).toBe(example.fingerprint);
  expect(Object.fromEntries(rankEntries(example.references, example.seed).map((r) => [r.reference, r.score]))).toEqual(example.scores);
  expect(drawResult(example.references, example.seed, example.winnerCount)).toEqual({
    fingerprint: example.fingerprint,
    ranking: example.ranking,
    winners: example.winners,
    reserves: example.reserves,
  });
}

describe('the worked example in docs/prize-draw.md', () => {
  const page = readDoc('docs/prize-draw.md');
  const example = workedExample(page);

  it('comes out of the code exactly as written in its ```json worked-example block', () => {
    expect(example, 'docs/prize-draw.md has a ```json worked-example block').not.toBeNull();
    expectComputed(example!);
  });

  it('says the same in its table, its canonical text and its fingerprint as in the block', () => {
    const rows = [...page.matchAll(/^\| (\d+) \| (\d{4}-\d{5,}) \| ([0-9a-f]{64}) \| (winner|reserve \d+) \|$/gm)].map((m) => m.slice(1));
    const { ranking, scores, winners } = example!;
    expect(rows).toEqual(ranking.map((ref, i) => [String(i + 1), ref, scores[ref], i < winners.length ? 'winner' : `reserve ${i + 1 - winners.length}`]));
    expect(page).toContain(`\`\`\`text\n${example!.canonicalText}\n\`\`\``);
    expect(page).toContain(`\`\`\`text\n${example!.fingerprint}\n\`\`\``);
    expect(page).toContain(`Protocol verified: fingerprint ${example!.fingerprint}, ${ranking.length} entries, winners: ${winners.join(', ')}`);
  });

  it("matches the README's copy, where the README still has one", () => {
    const readme = workedExample(readDoc('README.md'));
    if (readme) {
      expect(readme).toEqual(example);
      expectComputed(readme);
    }
  });
});
