// A duplicate logged from the quick entry: createCase with mergeIntoId creates and merges in one transaction, through the
// real dispatcher. A target that cannot take a merge creates nothing (no case, no timeline event, no reference used up),
// however often it is retried; and an invalid payload names the field it refuses.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../main/api/dispatch.ts';
import type { Actor } from '../../main/services/actor.ts';
import { transitionCase } from '../../main/services/case-workflow.ts';
import { createCase } from '../../main/services/cases.ts';
import { openTempApp, STAFF_PASSWORD, type TempApp, rawValue } from '../support/temp-app.ts';

let t: TempApp;
let dispatch: Dispatch;
let petra: Actor;

const count = (table: 'cases' | 'case_events') => rawValue<number>(t.app, `SELECT count(*) FROM ${table}`);
const lastNumber = () => rawValue<number>(t.app, 'SELECT max(last_number) FROM reference_counters');

const entry = (subject: string, extra: Record<string, unknown> = {}) => ({ kind: 'complaint', channel: 'phone', origin: 'external', subject, ...extra });

async function seeded(subject: string): Promise<number> {
  return await createCase(t.app.services, petra, { kind: 'complaint', channel: 'phone', origin: 'external', subject, description: '', submitter: { anonymous: true, name: null, email: null, phone: null, address: null, organisation: null, language: null, consent: false, consentText: null }, priority: 'normal' });
}

beforeEach(async () => {
  t = await openTempApp('2026-03-02T09:00:00');
  petra = await t.user('petra', 'ombudsman');
  dispatch = createDispatcher(t.app);
  expect(await dispatch('w', 'login', { username: 'petra', password: STAFF_PASSWORD })).toMatchObject({ ok: true });
});
afterEach(async () => t.cleanup());

describe('createCase with mergeIntoId', () => {
  it('creates the case already merged, with both timelines written, in one call', async () => {
    const original = await seeded('Ampel an der Grundschule ausgefallen');
    const result = await dispatch('w', 'createCase', entry('Ampel Grundschule defekt', { mergeIntoId: original }));
    expect(result).toMatchObject({ ok: true, value: { status: 'merged', duplicateOfId: original, reference: '2026-00002' } });
    const created = (result as { value: { id: number; timeline: { type: string }[] } }).value;
    expect(created.timeline.map((event) => event.type)).toEqual(['created', 'status_changed']);
    const target = await dispatch('w', 'getCase', { id: original });
    expect(target).toMatchObject({ ok: true, value: { status: 'new', timeline: [{ type: 'created' }, { type: 'merged_in', data: { fromId: created.id } }] } });
  });

  it('refuses a closed, withdrawn, merged or unknown target and leaves nothing behind, on every retry', async () => {
    const ctx = t.app.services;
    const closed = await seeded('Laterne Parkweg: zuständig?');
    for (const action of ['triage', 'answer', 'close'] as const) {
      await transitionCase(ctx, petra, action === 'answer' ? { id: closed, action, outcome: 'upheld' } : { id: closed, action });
    }
    const withdrawn = await seeded('Laterne Parkweg schief');
    await transitionCase(ctx, petra, { id: withdrawn, action: 'withdraw', reason: 'zurückgezogen' });
    const into = await seeded('Laterne Parkweg Sammelfall');
    const merged = await seeded('Laterne Parkweg dunkel');
    await transitionCase(ctx, petra, { id: merged, action: 'merge', intoId: into });

    const before = { cases: await count('cases'), events: await count('case_events'), number: await lastNumber() };
    for (const [target, code] of [
      [closed, 'merge_target_invalid'],
      [withdrawn, 'merge_target_invalid'],
      [merged, 'merge_target_invalid'],
      [9999, 'not_found'],
    ] as const) {
      for (let attempt = 0; attempt < 3; attempt++) {
        const result = await dispatch('w', 'createCase', entry('Laterne Parkweg', { mergeIntoId: target }));
        expect(result, `target ${target}`).toMatchObject({ ok: false, error: { code, details: { field: 'mergeIntoId' } } });
      }
    }
    expect({ cases: await count('cases'), events: await count('case_events'), number: await lastNumber() }).toEqual(before);
    // The next case gets the next number: nothing was used up by the refused ones.
    const next = await dispatch('w', 'createCase', entry('Laterne Parkweg', { mergeIntoId: into }));
    expect(next).toMatchObject({ ok: true, value: { reference: `2026-0000${before.number + 1}`, status: 'merged' } });
  });

  it('is one transaction with a request id too: a retry of the same submission returns the same case', async () => {
    const original = await seeded('Wasserrohrbruch Grundschule');
    const requestId = '3f1c2a4e-8b7d-4c6e-9a1b-2d3e4f5a6b7c';
    const first = await dispatch('w', 'createCase', { ...entry('Wasser im Keller', { mergeIntoId: original }), requestId });
    const again = await dispatch('w', 'createCase', { ...entry('Wasser im Keller', { mergeIntoId: original }), requestId });
    expect(first).toMatchObject({ ok: true, value: { status: 'merged' } });
    expect((again as { value: { id: number } }).value.id).toBe((first as { value: { id: number } }).value.id);
    expect(await count('cases')).toBe(2);
  });
});

describe('invalid payloads name their field', () => {
  it('an empty subject or a malformed e-mail address', async () => {
    expect(await dispatch('w', 'createCase', entry('   '))).toMatchObject({ ok: false, error: { code: 'invalid_input', details: { field: 'subject' } } });
    expect(await dispatch('w', 'createCase', entry('Betreff', { submitter: { anonymous: false, email: 'jürgen@example.de' } }))).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', details: { field: 'submitter.email' } },
    });
    expect(await dispatch('w', 'createCase', entry('Betreff', { receivedAt: '2026-03-04T10:00:00.000Z' }))).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', details: { field: 'receivedAt', reason: 'future' } },
    });
    expect(await count('cases')).toBe(0);
  });
});
