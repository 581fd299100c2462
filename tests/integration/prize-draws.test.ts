// The prize draw through the real dispatcher: eligibility with exclusions, a frozen list, the draw, its protocol (verified
// by the domain verifier), immutability in the database itself, repeats with a reason, and the winners' follow-up.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../main/api/dispatch.ts';
import type { ChannelName } from '../../main/api/contract.ts';
import type { CaseDetail, DrawDetail, DrawEligibility, ExportFile, ImprovementDetail } from '../../main/api/types.ts';
import { fingerprint, rankEntries, verifyProtocol } from '../../main/domain/draw.ts';
import { valueOf } from '../support/api.ts';
import { openTempApp, STAFF_PASSWORD, type TempApp, rawQuery } from '../support/temp-app.ts';

let t: TempApp;
let dispatch: Dispatch;
let parks: number;

const as = <T>(session: string, channel: ChannelName, input?: unknown) => valueOf<T>(dispatch, session, channel, input);

async function idea(subject: string, submitter: Record<string, unknown>, origin = 'external'): Promise<CaseDetail> {
  return as<CaseDetail>('office', 'createCase', { kind: 'idea', channel: 'web', origin, subject, departmentId: parks, submitter });
}

const contact = (name: string) => ({ name, email: `${name.toLowerCase()}@example.org`, consent: true, consentText: 'ok' });

/** Eight ideas done in 2027: five eligible external, one internal, one withdrawn, one anonymous, one without consent. */
async function seedYear(): Promise<{ eligible: string[]; improvement: number }> {
  const eligible = [];
  for (const name of ['Anna', 'Bernd', 'Clara', 'Deniz', 'Emil']) eligible.push(await idea(`Idee von ${name}`, contact(name)));
  const staff = await idea('Idee aus dem Haus', contact('Frieda'), 'internal');
  const withdrawn = await idea('Zurückgezogen', contact('Gustav'));
  const anonymous = await idea('Anonym', { anonymous: true });
  const noConsent = await idea('Ohne Einwilligung', { name: 'Hanna', email: 'hanna@example.org', consent: false });
  const improvement = await as<ImprovementDetail>('office', 'adoptIdea', { caseId: eligible[0]!.id, title: 'Mehr Grün' });
  for (const c of [...eligible.slice(1), staff, withdrawn, anonymous, noConsent]) {
    await as('office', 'linkCaseToImprovement', { improvementId: improvement.id, caseId: c.id });
  }
  await as('office', 'transitionCase', { id: withdrawn.id, action: 'withdraw', reason: 'zurückgezogen' });
  await as('office', 'setImprovementStatus', { id: improvement.id, status: 'done', doneOn: '2027-05-20', note: 'Gepflanzt.' });
  return { eligible: eligible.map((c) => c.reference), improvement: improvement.id };
}

beforeEach(async () => {
  t = await openTempApp('2027-12-01T10:00:00');
  parks = await t.department('Grünflächen');
  await t.user('petra', 'ombudsman');
  await t.user('chief', 'executive');
  dispatch = createDispatcher(t.app, () => undefined);
  for (const [session, username] of [['office', 'petra'], ['chief', 'chief']] as const) {
    expect(await dispatch(session, 'login', { username, password: STAFF_PASSWORD })).toMatchObject({ ok: true });
  }
});
afterEach(async () => t.cleanup());

const prizes = [
  { count: 1, description: 'Ein Abendessen für zwei' },
  { count: 1, description: 'Ein Jahr Stadtbad' },
];

describe('the prize draw', () => {
  it('lists eligible ideas of the pool and every exclusion with its reason', async () => {
    const { eligible } = await seedYear();
    const data = await as<DrawEligibility>('chief', 'drawEligibility', { year: 2027, pool: 'external' });
    expect(data.entries.map((e) => e.reference)).toEqual(eligible);
    expect(data.exclusions.map((x) => x.reason)).toEqual(['withdrawn', 'no_contact', 'no_consent']);
    expect(data.fingerprint).toBe(fingerprint(eligible));
    const internal = await as<DrawEligibility>('chief', 'drawEligibility', { year: 2027, pool: 'internal' });
    expect(internal.entries.map((e) => e.subject)).toEqual(['Idee aus dem Haus']);
    expect((await as<DrawEligibility>('chief', 'drawEligibility', { year: 2026, pool: 'external' })).entries).toEqual([]);
  });

  it('freezes the list at preparation: a later change of eligibility does not touch it', async () => {
    const { eligible } = await seedYear();
    const prepared = await as<DrawDetail>('chief', 'prepareDraw', { year: 2027, pool: 'external', prizes });
    expect(prepared).toMatchObject({ status: 'prepared', fingerprint: fingerprint(eligible), canonicalText: [...eligible].sort().join('\n') });
    // Bernd withdraws after the list was frozen: eligibility changes, the prepared draw does not.
    const bernd = (await as<{ rows: { id: number }[] }>('office', 'listCases', { filter: { reference: eligible[1] } })).rows[0]!;
    await as('office', 'transitionCase', { id: bernd.id, action: 'withdraw', reason: 'zurückgezogen' });
    expect((await as<DrawEligibility>('chief', 'drawEligibility', { year: 2027, pool: 'external' })).entries).toHaveLength(4);
    expect(await as<DrawDetail>('chief', 'getDraw', { id: prepared.id })).toMatchObject({ fingerprint: prepared.fingerprint, entries: prepared.entries });
    // Only one prepared draw per year and pool.
    expect(await dispatch('chief', 'prepareDraw', { year: 2027, pool: 'external', prizes })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('draws with the public seed and witnesses; the protocol verifies and the ranking is the documented one', async () => {
    const { eligible } = await seedYear();
    const prepared = await as<DrawDetail>('chief', 'prepareDraw', { year: 2027, pool: 'external', prizes });
    const witnesses = ['Ida Zeugin', 'Jan Zeuge'];
    expect(await dispatch('chief', 'performDraw', { id: prepared.id, seed: '3 6 1', witnesses, fingerprint: 'f'.repeat(64) })).toMatchObject({
      ok: false,
      error: { code: 'draw_confirmation_required' },
    });
    expect(await dispatch('office', 'performDraw', { id: prepared.id, seed: '3 6 1', witnesses, fingerprint: prepared.fingerprint })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const drawn = await as<DrawDetail>('chief', 'performDraw', { id: prepared.id, seed: ' 3 6 1 ', witnesses, fingerprint: prepared.fingerprint });
    const expected = rankEntries(eligible, '3 6 1').map((r) => r.reference);
    expect(drawn).toMatchObject({ status: 'drawn', seed: '3 6 1', ranking: expected, witnesses, drawnByName: 'chief', reserves: expected.slice(2) });
    expect(drawn.winners.map((w) => [w.place, w.reference, w.prize])).toEqual([
      [1, expected[0], 'Ein Abendessen für zwei'],
      [2, expected[1], 'Ein Jahr Stadtbad'],
    ]);
    expect(drawn.winners[0]!.letter).toMatchObject({ channel: 'email', language: 'de' });
    expect(drawn.winners[0]!.letter!.body).toContain('Ein Abendessen für zwei');
    expect(await dispatch('chief', 'performDraw', { id: prepared.id, seed: 'again', witnesses, fingerprint: prepared.fingerprint })).toMatchObject({ ok: false, error: { code: 'draw_already_drawn' } });

    const file = await as<ExportFile>('office', 'exportDrawProtocol', { id: prepared.id });
    const protocol = JSON.parse(Buffer.from(file.dataBase64, 'base64').toString('utf8')) as Record<string, unknown>;
    expect(verifyProtocol(protocol)).toEqual({ ok: true });
    expect(protocol).toMatchObject({ year: 2027, pool: 'external', entries: [...eligible].sort(), seed: '3 6 1', winners: expected.slice(0, 2), witnesses, drawnBy: 'chief' });
    expect(verifyProtocol({ ...protocol, entries: (protocol.entries as string[]).map((r, i) => (i === 0 ? r.replace(/\d$/, '9') : r)) })).toMatchObject({ ok: false });
  });

  it('refuses at the ceremony a seed with a lone surrogate or over 500 code points, at the seed field; it counts code points', async () => {
    await seedYear();
    const prepared = await as<DrawDetail>('chief', 'prepareDraw', { year: 2027, pool: 'external', prizes });
    const draw = (seed: string) => dispatch('chief', 'performDraw', { id: prepared.id, seed, witnesses: ['Ida Zeugin'], fingerprint: prepared.fingerprint });
    // A lone surrogate has no UTF-8 bytes: stored, it would silently become U+FFFD and differ from the typed seed.
    for (const seed of ['3 6 1 \uD800', '\uDE00 4 2', 'Würfel \uD83D']) {
      expect(await draw(seed), JSON.stringify(seed)).toMatchObject({ ok: false, error: { code: 'draw_seed_not_well_formed', details: { field: 'seed' } } });
    }
    expect(await draw('x'.repeat(501))).toMatchObject({ ok: false, error: { code: 'draw_seed_too_long', details: { field: 'seed', maxLength: 500 } } });
    expect(await draw(' \u3000\uFEFF ')).toMatchObject({ ok: false, error: { code: 'draw_seed_invalid', details: { field: 'seed' } } });
    expect(await as<DrawDetail>('chief', 'getDraw', { id: prepared.id })).toMatchObject({ status: 'prepared', seed: null });

    // 500 dice are 1,000 UTF-16 code units but 500 code points: within the limit, and stored exactly.
    const dice = '\u{1F3B2}'.repeat(500);
    const drawn = await as<DrawDetail>('chief', 'performDraw', { id: prepared.id, seed: ` ${dice}\n`, witnesses: ['Ida Zeugin'], fingerprint: prepared.fingerprint });
    expect(drawn.seed).toBe(dice);
    const file = await as<ExportFile>('office', 'exportDrawProtocol', { id: prepared.id });
    const protocol = JSON.parse(Buffer.from(file.dataBase64, 'base64').toString('utf8')) as Record<string, unknown>;
    expect(protocol.seed).toBe(dice);
    expect(verifyProtocol(protocol)).toEqual({ ok: true });
  });

  it('the database refuses any update or delete of a completed draw, and changes to a frozen list', async () => {
    await seedYear();
    const prepared = await as<DrawDetail>('chief', 'prepareDraw', { year: 2027, pool: 'external', prizes });
    await expect(rawQuery(t.app, `UPDATE prize_draws SET entries = '[]' WHERE id = ?`, [prepared.id])).rejects.toThrow(/frozen/);
    await expect(rawQuery(t.app, `UPDATE prize_draws SET fingerprint = ? WHERE id = ?`, ['0'.repeat(64), prepared.id])).rejects.toThrow(/frozen/);
    await as('chief', 'performDraw', { id: prepared.id, seed: '42', witnesses: ['Ida'], fingerprint: prepared.fingerprint });
    for (const sql of [
      `UPDATE prize_draws SET seed = 'other' WHERE id = ?`,
      `UPDATE prize_draws SET ranking = '[]' WHERE id = ?`,
      `UPDATE prize_draws SET witnesses = '[]' WHERE id = ?`,
      `UPDATE prize_draws SET status = 'prepared' WHERE id = ?`,
      `DELETE FROM prize_draws WHERE id = ?`,
    ]) {
      await expect(rawQuery(t.app, sql, [prepared.id]), sql).rejects.toThrow(/immutable|never deleted|frozen/);
    }
    expect(await as<DrawDetail>('chief', 'getDraw', { id: prepared.id })).toMatchObject({ seed: '42', status: 'drawn' });
  });

  it('a repeat draw needs a written reason and keeps the earlier protocol visible', async () => {
    await seedYear();
    const first = await as<DrawDetail>('chief', 'prepareDraw', { year: 2027, pool: 'external', prizes });
    await as('chief', 'performDraw', { id: first.id, seed: '1 2 3', witnesses: ['Ida'], fingerprint: first.fingerprint });
    expect(await dispatch('chief', 'prepareDraw', { year: 2027, pool: 'external', prizes })).toMatchObject({ ok: false, error: { code: 'draw_repeat_reason_required' } });
    const second = await as<DrawDetail>('chief', 'prepareDraw', { year: 2027, pool: 'external', prizes, repeatReason: 'Ein Zeuge fehlte.' });
    expect(second).toMatchObject({ repeatOf: first.id, repeatReason: 'Ein Zeuge fehlte.' });
    const data = await as<DrawEligibility>('chief', 'drawEligibility', { year: 2027, pool: 'external' });
    expect(data.draws.map((d) => [d.id, d.status, d.repeatedBy])).toEqual([
      [first.id, 'drawn', second.id],
      [second.id, 'prepared', null],
    ]);
    expect(await as<DrawDetail>('office', 'getDraw', { id: first.id })).toMatchObject({ seed: '1 2 3' });
  });

  it('prints the calling window to PDF where the window can (Electron), and says so where it cannot', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.7 protocol');
    const printed = await dispatch('chief', 'printToPdf', { fileName: 'prize-draw-2027-external-1.pdf' }, { printToPdf: async () => pdf });
    expect(printed).toMatchObject({ ok: true, value: { fileName: 'prize-draw-2027-external-1.pdf', mediaType: 'application/pdf', dataBase64: Buffer.from(pdf).toString('base64') } });
    expect(await dispatch('chief', 'printToPdf', { fileName: 'x.pdf' })).toMatchObject({ ok: false, error: { code: 'print_unavailable' } });
    expect(await dispatch('chief', 'printToPdf', { fileName: '../../etc/passwd' }, { printToPdf: async () => pdf })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('a winner who declines or cannot be reached gives the place to the next reserve, in the log', async () => {
    await seedYear();
    const prepared = await as<DrawDetail>('chief', 'prepareDraw', { year: 2027, pool: 'external', prizes: [{ count: 2, description: 'Gutschein' }] });
    const drawn = await as<DrawDetail>('chief', 'performDraw', { id: prepared.id, seed: 'seed', witnesses: ['Ida'], fingerprint: prepared.fingerprint });
    const [first, second, third, fourth] = drawn.ranking!;
    await as<DrawDetail>('office', 'recordWinnerFollowUp', { drawId: drawn.id, reference: first, type: 'notified' });
    expect(await dispatch('office', 'recordWinnerFollowUp', { drawId: drawn.id, reference: first, type: 'notified' })).toMatchObject({ ok: false, error: { code: 'already_notified' } });
    expect(await dispatch('office', 'recordWinnerFollowUp', { drawId: drawn.id, reference: fourth, type: 'declined' })).toMatchObject({ ok: false, error: { code: 'not_a_winner' } });
    let state = await as<DrawDetail>('office', 'recordWinnerFollowUp', { drawId: drawn.id, reference: second, type: 'declined', note: 'Zieht weg.' });
    expect(state.winners.map((w) => [w.place, w.reference, w.rank, w.notified])).toEqual([
      [1, first, 1, true],
      [2, third, 3, false],
    ]);
    state = await as<DrawDetail>('office', 'recordWinnerFollowUp', { drawId: drawn.id, reference: third, type: 'unreachable' });
    expect(state.winners[1]).toMatchObject({ place: 2, reference: fourth, rank: 4 });
    expect(state.dropped).toEqual([
      { reference: second, type: 'declined', place: 2 },
      { reference: third, type: 'unreachable', place: 2 },
    ]);
    expect(state.log.map((e) => [e.type, e.reference, e.note])).toEqual([
      ['notified', first, ''],
      ['declined', second, 'Zieht weg.'],
      ['unreachable', third, ''],
    ]);
    expect(state.ranking).toEqual(drawn.ranking);
    await expect(rawQuery(t.app, 'DELETE FROM prize_draw_events')).rejects.toThrow(/append-only/);
  });
});
