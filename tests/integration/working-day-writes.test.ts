// Writes that must not happen twice or go out half-done, through the real dispatcher: a requestId makes any write
// idempotent (one row, the stored result, refused for another user or action), adopting an adopted idea and drawing a
// drawn draw the same way again return what exists, a department head must write a statement, and a reply that still
// has a template's "[…]" gap is only recorded when the sender confirms it.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../main/api/dispatch.ts';
import type { ChannelName } from '../../main/api/contract.ts';
import { isWrite } from '../../main/api/registry.ts';
import type { CaseDetail, DrawDetail, ImprovementDetail, RenderedReply, ReplyTemplate, UserRecord } from '../../main/api/types.ts';
import { REQUEST_ID_RETENTION_MS } from '../../main/services/request-ids.ts';
import { valueOf } from '../support/api.ts';
import { openTempApp, STAFF_PASSWORD, type TempApp, rawValue, refuseInserts } from '../support/temp-app.ts';

let t: TempApp;
let dispatch: Dispatch;
let parks: number;

const as = <T>(session: string, channel: ChannelName, input?: unknown) => valueOf<T>(dispatch, session, channel, input);
const count = (table: string, where = '1 = 1', ...params: unknown[]) =>
  rawValue<number>(t.app, `SELECT count(*) FROM ${table} WHERE ${where}`, params);

async function idea(subject: string, name = 'Anna Berg'): Promise<CaseDetail> {
  return as<CaseDetail>('office', 'createCase', {
    kind: 'idea',
    channel: 'web',
    origin: 'external',
    subject,
    departmentId: parks,
    submitter: { name, email: 'anna@example.org', consent: true, consentText: 'ok' },
  });
}

beforeEach(async () => {
  t = await openTempApp('2027-12-01T10:00:00');
  parks = await t.department('Grünflächen');
  await t.user('petra', 'ombudsman');
  await t.user('dora', 'deputy');
  await t.user('chief', 'executive');
  await t.user('head', 'department_head', [parks]);
  await t.user('root', 'admin');
  dispatch = createDispatcher(t.app, () => undefined);
  for (const [session, username] of [['office', 'petra'], ['deputy', 'dora'], ['chief', 'chief'], ['head', 'head'], ['admin', 'root']] as const) {
    expect(await dispatch(session, 'login', { username, password: STAFF_PASSWORD })).toMatchObject({ ok: true });
  }
});
afterEach(async () => t.cleanup());

describe('idempotent writes by requestId', () => {
  it('the same requestId twice creates one row and returns the same result', async () => {
    const requestId = randomUUID();
    const input = { username: 'neu', displayName: 'Neue Kollegin', role: 'deputy', password: 'a-first-password-789', requestId };
    const first = await dispatch('admin', 'saveUser', input);
    const second = await dispatch('admin', 'saveUser', input);
    expect(first).toMatchObject({ ok: true, value: { username: 'neu' } });
    expect(second).toEqual(first);
    expect(await count('users', 'username = ?', 'neu')).toBe(1);
    expect(await count('request_ids', 'id = ?', requestId)).toBe(1);

    // Without a requestId the second save is what it always was: the name is taken.
    const { requestId: _omit, ...plain } = input;
    expect(await dispatch('admin', 'saveUser', plain)).toMatchObject({ ok: false, error: { code: 'conflict', details: { field: 'username' } } });
  });

  it('a repeated case note is written once; a new requestId writes again', async () => {
    const created = await idea('Mehr Bänke');
    const requestId = randomUUID();
    const note = { id: created.id, text: 'Rückruf vereinbart', requestId };
    const first = await as<CaseDetail>('office', 'addCaseNote', note);
    const again = await as<CaseDetail>('office', 'addCaseNote', note);
    expect(again).toEqual(first);
    expect(await count('case_events', "case_id = ? AND type = 'note'", created.id)).toBe(1);
    await as('office', 'addCaseNote', { ...note, requestId: randomUUID() });
    expect(await count('case_events', "case_id = ? AND type = 'note'", created.id)).toBe(2);
  });

  it('another user or another channel with the same requestId is refused and changes nothing', async () => {
    const created = await idea('Mehr Bänke');
    const requestId = randomUUID();
    await as('office', 'addCaseNote', { id: created.id, text: 'erste Notiz', requestId });
    const events = await count('case_events');
    expect(await dispatch('deputy', 'addCaseNote', { id: created.id, text: 'erste Notiz', requestId })).toEqual({
      ok: false,
      error: { code: 'request_id_reused', details: { field: 'requestId' } },
    });
    expect(await dispatch('office', 'updateCase', { id: created.id, priority: 'high', requestId })).toMatchObject({ ok: false, error: { code: 'request_id_reused' } });
    expect(await count('case_events')).toBe(events);
    expect((await as<CaseDetail>('office', 'getCase', { id: created.id })).priority).toBe('normal');
  });

  it('a requestId that is not a UUID, or on a channel that takes none, is invalid_input', async () => {
    const created = await idea('Mehr Bänke');
    for (const requestId of ['', 'abc', 42, null, `${randomUUID()}x`, { id: 1 }]) {
      expect(await dispatch('office', 'addCaseNote', { id: created.id, text: 'x', requestId }), String(requestId)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', details: { issues: [{ path: 'requestId' }] } },
      });
    }
    expect(await dispatch('office', 'getCase', { id: created.id, requestId: randomUUID() })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await count('case_events', "type = 'note'")).toBe(0);
    expect(await count('request_ids')).toBe(0);
  });

  it('a refused write stores nothing under its requestId, so the corrected retry with the same id runs', async () => {
    const created = await idea('Mehr Bänke');
    const requestId = randomUUID();
    expect(await dispatch('office', 'extendCaseDeadline', { id: created.id, workingDays: 5, reason: '', requestId })).toMatchObject({ ok: false });
    expect(await count('request_ids')).toBe(0);
    const extended = await as<CaseDetail>('office', 'extendCaseDeadline', { id: created.id, workingDays: 5, reason: 'Gutachten', requestId });
    expect(extended.deadlines.extensionDays).toBe(5);
    expect(await as<CaseDetail>('office', 'extendCaseDeadline', { id: created.id, workingDays: 5, reason: 'Gutachten', requestId })).toEqual(extended);
    expect((await as<CaseDetail>('office', 'getCase', { id: created.id })).deadlines.extensionDays).toBe(5);
  });

  it('old request ids are pruned after the retention time', async () => {
    const created = await idea('Mehr Bänke');
    const requestId = randomUUID();
    await as('office', 'addCaseNote', { id: created.id, text: 'alt', requestId });
    t.setNow(new Date(new Date('2027-12-01T10:00:00').getTime() + REQUEST_ID_RETENTION_MS + 86_400_000).toISOString());
    await as('office', 'addCaseNote', { id: created.id, text: 'neu', requestId: randomUUID() });
    expect(await count('request_ids', 'id = ?', requestId)).toBe(0);
    expect(await count('request_ids')).toBe(1);
  });

  it('a handler with a requestId shares one transaction with its stored result (async handlers too, through ctx.tx)', async () => {
    // Was: "only synchronous handlers take a requestId". The services are async now; what that assertion protected is that
    // the write and its stored result commit together, so it is proven directly: the stored result refused, the write is gone.
    expect(isWrite('addCaseNote')).toBe(true);
    expect(isWrite('printToPdf')).toBe(false);
    expect(isWrite('changePassword')).toBe(false);
    const created = await idea('Mehr Bänke');
    const allow = await refuseInserts(t.app, 'request_ids');
    const refused = await dispatch('office', 'addCaseNote', { id: created.id, text: 'nur mit Ergebnis', requestId: randomUUID() });
    await allow();
    expect(refused).toMatchObject({ ok: false });
    expect(await count('case_events', "type = 'note'")).toBe(0);
    // Without the refusal the same write goes through, once.
    await as('office', 'addCaseNote', { id: created.id, text: 'nur mit Ergebnis', requestId: randomUUID() });
    expect(await count('case_events', "type = 'note'")).toBe(1);
  });
});

describe('repeats that mean the same', () => {
  it('adopting an idea that is already adopted returns its improvement and creates nothing', async () => {
    const created = await idea('Trinkbrunnen im Park');
    const first = await as<ImprovementDetail>('office', 'adoptIdea', { caseId: created.id, title: 'Trinkbrunnen aufstellen' });
    const tables = () => Promise.all(['improvements', 'improvement_cases', 'improvement_events', 'case_events'].map((table) => count(table)));
    const before = await tables();
    const again = await as<ImprovementDetail>('office', 'adoptIdea', { caseId: created.id, title: 'Trinkbrunnen aufstellen' });
    expect(again.id).toBe(first.id);
    expect(await tables()).toEqual(before);
    // Another title does not make a second improvement either: the idea is adopted once.
    expect((await as<ImprovementDetail>('deputy', 'adoptIdea', { caseId: created.id, title: 'Anders' })).id).toBe(first.id);
    expect(await count('improvements')).toBe(1);
  });

  it('drawing a drawn draw again with the same seed, witnesses and fingerprint returns the result; another seed is refused', async () => {
    const created = await idea('Mehr Grün');
    const improvement = await as<ImprovementDetail>('office', 'adoptIdea', { caseId: created.id, title: 'Mehr Grün' });
    await as('office', 'setImprovementStatus', { id: improvement.id, status: 'done', doneOn: '2027-05-20', note: 'Gepflanzt.' });
    const prepared = await as<DrawDetail>('chief', 'prepareDraw', { year: 2027, pool: 'external', prizes: [{ count: 1, description: 'Gutschein' }] });
    const perform = { id: prepared.id, seed: '3 6 1', witnesses: ['Ida Zeugin', 'Max Zeuge'], fingerprint: prepared.fingerprint };
    const drawn = await as<DrawDetail>('chief', 'performDraw', perform);
    expect(drawn.status).toBe('drawn');
    const again = await as<DrawDetail>('chief', 'performDraw', { ...perform, seed: ' 3 6 1 ', witnesses: [' Ida Zeugin', 'Max Zeuge '] });
    expect(again).toEqual(drawn);
    expect(await dispatch('chief', 'performDraw', { ...perform, seed: '3 6 2' })).toMatchObject({ ok: false, error: { code: 'draw_already_drawn' } });
    expect(await dispatch('chief', 'performDraw', { ...perform, witnesses: ['Ida Zeugin'] })).toMatchObject({ ok: false, error: { code: 'draw_already_drawn' } });
    expect(await dispatch('chief', 'performDraw', { ...perform, fingerprint: 'f'.repeat(64) })).toMatchObject({ ok: false, error: { code: 'draw_already_drawn' } });
    expect((await as<DrawDetail>('chief', 'getDraw', { id: prepared.id })).drawnAt).toBe(drawn.drawnAt);
  });
});

describe('a department head returns a statement request', () => {
  it('only with a statement: empty or white space is refused at the statement field', async () => {
    const created = await idea('Wasserspender');
    await as('office', 'transitionCase', { id: created.id, action: 'forward', departmentId: parks });
    for (const statement of [undefined, '', '   \n ']) {
      expect(await dispatch('head', 'transitionCase', { id: created.id, action: 'return_from_department', ...(statement === undefined ? {} : { statement }) }), JSON.stringify(statement)).toEqual({
        ok: false,
        error: { code: 'statement_required', details: { field: 'statement' } },
      });
    }
    expect((await as<CaseDetail>('office', 'getCase', { id: created.id })).status).toBe('forwarded');
    const returned = await as<CaseDetail>('head', 'transitionCase', { id: created.id, action: 'return_from_department', statement: '  Wird im Frühjahr aufgestellt.  ' });
    expect(returned.status).toBe('open');
    expect(returned.timeline.at(-1)).toMatchObject({ type: 'status_changed', data: { statement: 'Wird im Frühjahr aufgestellt.' } });
  });
});

describe('a reply with unfilled template gaps', () => {
  it('is refused with the number of gaps until the sender confirms; a filled one goes out as before', async () => {
    const created = await idea('Radweg');
    const templates = await as<ReplyTemplate[]>('office', 'listReplyTemplates', { kind: 'idea', language: 'de' });
    const final = templates.find((template) => template.body.includes('[Entscheidung'))!;
    const rendered = await as<RenderedReply>('office', 'renderReply', { caseId: created.id, templateId: final.id });
    const reply = { caseId: created.id, channel: 'letter', subject: rendered.subject, body: rendered.body, templateId: final.id };
    const replies = () => count('case_events', "case_id = ? AND type = 'reply'", created.id);

    expect(await dispatch('office', 'recordReply', reply)).toEqual({ ok: false, error: { code: 'reply_has_gaps', details: { field: 'body', count: 1 } } });
    expect(await dispatch('office', 'recordReply', { ...reply, subject: '[Betreff] ergänzen' })).toMatchObject({ error: { code: 'reply_has_gaps', details: { count: 2 } } });
    expect(await dispatch('office', 'recordReply', { ...reply, confirmGaps: false })).toMatchObject({ error: { code: 'reply_has_gaps' } });
    expect(await replies()).toBe(0);
    expect((await as<CaseDetail>('office', 'getCase', { id: created.id })).firstResponseAt).toBeNull();

    const filled = rendered.body.replace(/\[[^\]]*\]/, 'Wir setzen Ihre Idee um.');
    await as('office', 'recordReply', { ...reply, body: filled });
    expect(await replies()).toBe(1);
    await as('office', 'recordReply', { ...reply, confirmGaps: true });
    expect(await replies()).toBe(2);
  });
});

describe('users', () => {
  it('saving a new user twice with one requestId makes one user', async () => {
    const requestId = randomUUID();
    const input = { username: 'ida', displayName: 'Ida', role: 'executive', password: 'ida-first-password-42', requestId };
    const results = await Promise.all([dispatch('admin', 'saveUser', input), dispatch('admin', 'saveUser', input)]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect((results[0] as { value: UserRecord }).value.id).toBe((results[1] as { value: UserRecord }).value.id);
    expect(await count('users', 'username = ?', 'ida')).toBe(1);
  });
});
