// A correct prize draw protocol for given references and seed, as Ombudsdesk exports it (for verifier tests).
import { canonicalEntryList, drawResult, normalizeSeed, type DrawProtocol } from '../../main/domain/draw.ts';

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
