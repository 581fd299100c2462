// The prize draw's rules: determinism, independence of input order, sensitivity to every reference and to the seed,
// fairness over many seeds, the verifier, and the worked example of docs/prize-draw.md (read from the page itself).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalEntryList, drawResult, fingerprint, normalizeSeed, rankEntries, verifyProtocol } from '../../main/domain/draw.ts';
import { protocolFor } from '../support/draw-protocol.ts';

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
    expect(verifyProtocol({ ...good, entries: [...good.entries].reverse() })).toMatchObject({ ok: false, problems: expect.arrayContaining(['entries are not in canonical (ascending) order']) });
    expect(verifyProtocol({ hello: 'world' })).toMatchObject({ ok: false, problems: expect.arrayContaining([expect.stringMatching(/^not a draw protocol/)]) });
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
