import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../main/api/dispatch.ts';
import type { ApiResult, CaseDetail, RenderedReply, ReplyTemplate } from '../../main/api/types.ts';
import { valueOf } from '../support/api.ts';
import { openTempApp, STAFF_PASSWORD, type TempApp, rawQuery, rawValue } from '../support/temp-app.ts';

let t: TempApp;
let dispatch: Dispatch;
let roads: number;
let library: number;
const errors: unknown[] = [];

const WINDOWS = { admin: 'admin-window', office: 'office-window', head: 'head-window', boss: 'boss-window' } as const;
type Who = keyof typeof WINDOWS;

function call(who: Who, channel: string, payload?: unknown): Promise<ApiResult<unknown>> {
  return dispatch(WINDOWS[who], channel, payload);
}

const value = <T>(who: Who, channel: string, payload?: unknown) => valueOf<T>(dispatch, WINDOWS[who], channel, payload);

/** The stored UTC stamp of a local wall-clock time (tests run in any time zone). */
const stamp = (local: string) => new Date(local).toISOString();

const count = (table: 'case_events' | 'reply_templates') => rawValue<number>(t.app, `SELECT count(*) FROM ${table}`);

function newCase(overrides: Record<string, unknown> = {}): Promise<CaseDetail> {
  return value<CaseDetail>('office', 'createCase', {
    kind: 'complaint',
    channel: 'phone',
    origin: 'external',
    subject: 'Schlagloch in der Hauptstraße',
    submitter: { anonymous: false, name: 'Jürgen Müller', phone: '0221 1', language: 'de', consent: true, consentText: 'Telefonskript' },
    departmentId: roads,
    ...overrides,
  });
}

async function templateId(kind: string, language: string, name: string): Promise<number> {
  const templates = await value<ReplyTemplate[]>('office', 'listReplyTemplates', { kind, language });
  return templates.find((template) => template.name === name)!.id;
}

beforeEach(async () => {
  // Monday 23 November 2026: 10 working days in DE-NW end on Monday 7 December.
  t = await openTempApp('2026-11-23T09:00:00');
  roads = await t.department('Tiefbauamt');
  library = await t.department('Stadtbibliothek');
  await t.user('root', 'admin');
  await t.user('petra', 'ombudsman');
  await t.user('head', 'department_head', [roads]);
  await t.user('boss', 'executive');
  dispatch = createDispatcher(t.app, (_message, error) => errors.push(error));
  for (const [who, username] of [['admin', 'root'], ['office', 'petra'], ['head', 'head'], ['boss', 'boss']] as const) {
    expect(await call(who, 'login', { username, password: STAFF_PASSWORD })).toMatchObject({ ok: true });
  }
});
afterEach(async () => {
  await t.cleanup();
  expect(errors).toEqual([]);
  errors.length = 0;
});

describe('reply templates', () => {
  it('come seeded per kind and language, filterable, in a stable order', async () => {
    const all = await value<ReplyTemplate[]>('office', 'listReplyTemplates');
    expect(all).toHaveLength(16);
    expect(all.every((template) => template.active)).toBe(true);
    const ideasEn = await value<ReplyTemplate[]>('office', 'listReplyTemplates', { kind: 'idea', language: 'en' });
    expect(ideasEn.map((template) => template.name)).toEqual(['Acknowledgement', 'Final reply']);
    expect(ideasEn[0]).toMatchObject({ kind: 'idea', language: 'en', subject: 'Your idea – reference {{reference}}' });
    expect(await value<ReplyTemplate[]>('head', 'listReplyTemplates', { language: 'de' })).toHaveLength(8);
  });

  it('are saved by the office, and a template with an unknown placeholder is refused with the placeholders named', async () => {
    const before = (await count('reply_templates'));
    const draft = { kind: 'question', language: 'de', name: 'Rückfrage', subject: 'Ihre Anfrage {{reference}}', body: '{{salutation}},\nbitte senden Sie uns bis {{frist}} {{Unterlagen}}. {{frist}}' };
    expect(await call('admin', 'saveReplyTemplate', draft)).toEqual({
      ok: false,
      error: { code: 'template_placeholder_unknown', details: { placeholders: ['frist', 'Unterlagen'] } },
    });
    expect(await call('admin', 'saveReplyTemplate', { ...draft, subject: 'Ihre Anfrage {{aktenzeichen}}', body: 'ok' })).toMatchObject({
      error: { code: 'template_placeholder_unknown', details: { placeholders: ['aktenzeichen'] } },
    });
    expect((await count('reply_templates'))).toBe(before);

    const saved = await value<ReplyTemplate>('office', 'saveReplyTemplate', { ...draft, body: '{{salutation}},\nbitte senden Sie uns bis zum {{due}} die Unterlagen.' });
    expect(saved).toMatchObject({ id: expect.any(Number), name: 'Rückfrage', active: true, createdAt: stamp('2026-11-23T09:00:00') });
    expect(await call('admin', 'saveReplyTemplate', { ...draft, name: 'rückfrage', body: 'x' })).toMatchObject({ error: { code: 'conflict' } });

    t.setNow('2026-11-24T09:00:00');
    const retired = await value<ReplyTemplate>('admin', 'saveReplyTemplate', { ...draft, id: saved.id, body: saved.body, active: false });
    expect(retired).toMatchObject({ active: false, createdAt: saved.createdAt, updatedAt: stamp('2026-11-24T09:00:00') });
    expect((await value<ReplyTemplate[]>('office', 'listReplyTemplates', { kind: 'question', language: 'de' })).map((x) => x.name)).not.toContain('Rückfrage');
    expect(await value<ReplyTemplate[]>('office', 'listReplyTemplates', { kind: 'question', language: 'de', includeInactive: true })).toHaveLength(3);
    expect(await call('admin', 'saveReplyTemplate', { ...draft, id: 9999, body: 'x' })).toMatchObject({ error: { code: 'not_found' } });
  });

  it('may be changed by admin, ombudsman and deputy only', async () => {
    const draft = { kind: 'praise', language: 'en', name: 'Short thanks', subject: 'Thank you', body: '{{salutation}}, thank you.' };
    expect(await call('head', 'saveReplyTemplate', draft)).toMatchObject({ error: { code: 'forbidden' } });
    expect(await call('boss', 'saveReplyTemplate', draft)).toMatchObject({ error: { code: 'forbidden' } });
    expect(await call('boss', 'listReplyTemplates')).toMatchObject({ error: { code: 'forbidden' } });
    for (const bad of [{ ...draft, language: 'sv' }, { ...draft, kind: 'rant' }, { ...draft, subject: 'x'.repeat(201) }, { ...draft, body: '' }, { ...draft, extra: 1 }]) {
      expect(await call('admin', 'saveReplyTemplate', bad), JSON.stringify(bad)).toMatchObject({ error: { code: 'invalid_input' } });
    }
  });
});

describe('rendering a reply', () => {
  it('fills a German template from the case: greeting, reference, received and due date, department', async () => {
    const detail = await newCase();
    expect(detail.deadlines.responseDue).toBe('2026-12-07');
    const id = await templateId('complaint', 'de', 'Eingangsbestätigung');
    const reply = await value<RenderedReply>('office', 'renderReply', { caseId: detail.id, templateId: id });
    expect(reply).toMatchObject({ templateId: id, language: 'de', subject: 'Ihre Beschwerde – Aktenzeichen 2026-00001' });
    expect(reply.body).toMatch(/^Guten Tag Jürgen Müller,\n\nvielen Dank für Ihre Beschwerde vom 23\.11\.2026\./);
    expect(reply.body).toContain('spätestens bis zum 07.12.2026');
    const answer = await value<RenderedReply>('office', 'renderReply', { caseId: detail.id, templateId: await templateId('complaint', 'de', 'Antwort') });
    expect(answer.body).toContain('gemeinsam mit der zuständigen Stelle (Tiefbauamt) geprüft');
    expect(answer.body).not.toMatch(/\{\{/);
  });

  it('greets an anonymous submitter neutrally and writes English dates', async () => {
    const detail = await newCase({ kind: 'idea', submitter: { anonymous: true }, departmentId: null });
    const reply = await value<RenderedReply>('office', 'renderReply', { caseId: detail.id, templateId: await templateId('idea', 'en', 'Final reply') });
    expect(reply.language).toBe('en');
    expect(reply.subject).toBe('Your idea of 23 November 2026 – reference 2026-00001');
    expect(reply.body).toMatch(/^Dear Sir or Madam,\n\nWe have considered your suggestion of 23 November 2026 together with the department responsible \(Ideas and Complaints Office\)\./);
  });

  it('is scoped like the case: a department head renders for their own department only', async () => {
    const ours = await newCase();
    const theirs = await newCase({ departmentId: library });
    const id = await templateId('complaint', 'de', 'Antwort');
    expect(await call('head', 'renderReply', { caseId: ours.id, templateId: id })).toMatchObject({ ok: true });
    expect(await call('head', 'renderReply', { caseId: theirs.id, templateId: id })).toEqual({ ok: false, error: { code: 'not_found', details: { field: 'id' } } });
    expect(await call('office', 'renderReply', { caseId: ours.id, templateId: 9999 })).toMatchObject({ error: { code: 'not_found', details: { field: 'templateId' } } });
  });

  it('refuses a stored template whose placeholder is no longer known instead of dropping it from the letter', async () => {
    const detail = await newCase();
    const id = await templateId('complaint', 'de', 'Antwort');
    await rawQuery(t.app, "UPDATE reply_templates SET body = body || ' {{sachbearbeiter}}' WHERE id = ?", [id]);
    expect(await call('office', 'renderReply', { caseId: detail.id, templateId: id })).toEqual({
      ok: false,
      error: { code: 'template_placeholder_unknown', details: { placeholders: ['sachbearbeiter'], templateId: id } },
    });
  });
});

describe('recording a reply', () => {
  it('sets the first response time with the first reply only, keeps the status, and writes the reply to the timeline', async () => {
    const created = await newCase();
    const acknowledgement = await templateId('complaint', 'de', 'Eingangsbestätigung');
    const rendered = await value<RenderedReply>('office', 'renderReply', { caseId: created.id, templateId: acknowledgement });
    t.setNow('2026-11-24T10:30:00');
    const first = await value<CaseDetail>('office', 'recordReply', { caseId: created.id, channel: 'letter', subject: rendered.subject, body: rendered.body, templateId: acknowledgement });
    expect(first).toMatchObject({ status: 'new', firstResponseAt: stamp('2026-11-24T10:30:00'), updatedAt: stamp('2026-11-24T10:30:00') });
    expect(first.timeline.at(-1)).toEqual({
      id: expect.any(Number),
      at: stamp('2026-11-24T10:30:00'),
      actorId: expect.any(Number),
      actorName: 'petra',
      type: 'reply',
      data: { channel: 'letter', subject: rendered.subject, body: rendered.body, templateId: acknowledgement },
    });

    t.setNow('2026-11-26T15:00:00');
    const second = await value<CaseDetail>('office', 'recordReply', { caseId: created.id, channel: 'phone', subject: 'Rückruf', body: 'Sachstand telefonisch erläutert.' });
    expect(second).toMatchObject({ status: 'new', firstResponseAt: stamp('2026-11-24T10:30:00'), updatedAt: stamp('2026-11-26T15:00:00') });
    expect(second.timeline.filter((event) => event.type === 'reply').map((event) => event.data)).toEqual([
      expect.objectContaining({ channel: 'letter' }),
      { channel: 'phone', subject: 'Rückruf', body: 'Sachstand telefonisch erläutert.', templateId: null },
    ]);
    // Answering later keeps the first response time of the reply.
    await value('office', 'transitionCase', { id: created.id, action: 'triage' });
    const answered = await value<CaseDetail>('office', 'transitionCase', { id: created.id, action: 'answer', outcome: 'upheld' });
    expect(answered).toMatchObject({ status: 'answered', firstResponseAt: stamp('2026-11-24T10:30:00') });
  });

  it('is refused for withdrawn and merged cases, and for unknown templates, writing nothing', async () => {
    const withdrawn = await newCase();
    await value('office', 'transitionCase', { id: withdrawn.id, action: 'withdraw', reason: 'zurückgezogen' });
    const target = await newCase();
    const merged = await newCase();
    await value('office', 'transitionCase', { id: merged.id, action: 'merge', intoId: target.id });
    const events = (await count('case_events'));
    const reply = { channel: 'email', subject: 'Antwort', body: 'Text' };
    expect(await call('office', 'recordReply', { caseId: withdrawn.id, ...reply })).toEqual({
      ok: false,
      error: { code: 'invalid_transition', details: { from: 'withdrawn', action: 'reply' } },
    });
    expect(await call('office', 'recordReply', { caseId: merged.id, ...reply })).toMatchObject({ error: { code: 'invalid_transition', details: { from: 'merged' } } });
    expect(await call('office', 'recordReply', { caseId: target.id, ...reply, templateId: 9999 })).toMatchObject({ error: { code: 'not_found', details: { field: 'templateId' } } });
    expect((await count('case_events'))).toBe(events);
    const row = (await rawQuery<{ first_response_at: string | null }>(t.app, 'SELECT first_response_at FROM cases WHERE id IN (?, ?, ?) ORDER BY id', [withdrawn.id, merged.id, target.id])).map((r) => r.first_response_at);
    expect(row).toEqual([null, null, null]);
  });

  it('answers bad payloads with invalid_input and other roles with forbidden, writing nothing', async () => {
    const detail = await newCase();
    const events = (await count('case_events'));
    const valid = { caseId: detail.id, channel: 'email', subject: 'Antwort', body: 'Text' };
    const bad: unknown[] = [
      undefined,
      {},
      { ...valid, channel: 'fax' },
      { ...valid, channel: 'web' },
      { ...valid, subject: '' },
      { ...valid, subject: '   ' },
      { ...valid, subject: 'x'.repeat(301) },
      { ...valid, body: 'x'.repeat(50_001) },
      { ...valid, body: 42 },
      { ...valid, caseId: '1' },
      { ...valid, templateId: 0 },
      { ...valid, templateId: null },
      { ...valid, status: 'answered' },
    ];
    for (const payload of bad) {
      expect(await call('office', 'recordReply', payload), JSON.stringify(payload)?.slice(0, 80)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(await call('head', 'recordReply', valid)).toMatchObject({ error: { code: 'forbidden' } });
    expect(await call('boss', 'recordReply', valid)).toMatchObject({ error: { code: 'forbidden' } });
    expect((await count('case_events'))).toBe(events);
    expect(await call('office', 'recordReply', { ...valid, subject: 'x'.repeat(300), body: 'x'.repeat(50_000) })).toMatchObject({ ok: true });
  });
});
