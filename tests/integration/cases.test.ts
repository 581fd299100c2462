import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../main/services/actor.ts';
import { listCases, searchCases } from '../../main/services/case-list.ts';
import { transitionCase } from '../../main/services/case-workflow.ts';
import { addCaseNote, createCase, extendCaseDeadline, getCase, updateCase, type CreateCaseInput } from '../../main/services/cases.ts';
import { DomainError } from '../../main/services/errors.ts';
import { openTempApp, type TempApp, rawQuery } from '../support/temp-app.ts';

let t: TempApp;
let petra: Actor;
let jonas: Actor;

const complaint = (overrides: Partial<CreateCaseInput> = {}): CreateCaseInput => ({
  kind: 'complaint',
  channel: 'phone',
  origin: 'external',
  subject: 'Wartezeit im Bürgerbüro',
  description: 'Zwei Stunden gewartet.',
  submitter: {
    anonymous: false,
    name: 'Jürgen Müller',
    email: null,
    phone: '0221 1',
    address: null,
    organisation: null,
    language: 'de',
    consent: true,
    consentText: 'Ich willige ein.',
  },
  priority: 'normal',
  ...overrides,
});

async function codeOf(fn: () => unknown): Promise<string | undefined> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
}

beforeEach(async () => {
  // Monday 2 March 2026, 09:00 local time.
  t = await openTempApp('2026-03-02T09:00:00');
  petra = await t.user('petra', 'ombudsman');
  jonas = await t.user('jonas', 'deputy');
});
afterEach(async () => t.cleanup());

describe('cases', () => {
  it('numbers references per year without gaps, also after a failed create', async () => {
    const ctx = t.app.services;
    expect((await getCase(ctx, petra, await createCase(ctx, petra, complaint()))).reference).toBe('2026-00001');
    expect(await codeOf(() => createCase(ctx, petra, complaint({ departmentId: 999 })))).toBe('not_found');
    expect((await getCase(ctx, petra, await createCase(ctx, petra, complaint()))).reference).toBe('2026-00002');
    t.setNow('2027-01-04T08:00:00');
    expect((await getCase(ctx, petra, await createCase(ctx, petra, complaint()))).reference).toBe('2027-00001');
  });

  it('records consent with its text, and stores no contact data for anonymous submitters', async () => {
    const ctx = t.app.services;
    const named = await getCase(ctx, petra, await createCase(ctx, petra, complaint()));
    expect(named.submitter).toMatchObject({ name: 'Jürgen Müller', consentText: 'Ich willige ein.', consentGivenAt: expect.any(String) });
    const anonymous = await getCase(
      ctx,
      petra,
      await createCase(ctx, petra, complaint({ submitter: { ...complaint().submitter, anonymous: true } })),
    );
    expect(anonymous.submitter).toMatchObject({ anonymous: true, name: null, phone: null, consentGivenAt: null });
  });

  it('computes deadlines in working days from the received date (defaults 5 and 10)', async () => {
    const ctx = t.app.services;
    // Received Monday 2 March 2026: 5 working days -> Monday 9 March, 10 -> Monday 16 March.
    const detail = await getCase(ctx, petra, await createCase(ctx, petra, complaint()));
    expect(detail.deadlines).toMatchObject({ acknowledgeDue: '2026-03-09', responseDue: '2026-03-16', workingDaysLeft: 10, overdue: false });
  });

  it('moves the due date by the paused working days when put on hold and resumed', async () => {
    const ctx = t.app.services;
    const id = await createCase(ctx, petra, complaint());
    await transitionCase(ctx, petra, { id, action: 'triage' });
    await transitionCase(ctx, petra, { id, action: 'hold', reason: 'Rückfrage' }); // Monday 2 March
    t.setNow('2026-03-05T10:00:00'); // Thursday: Tue, Wed, Thu = 3 working days paused
    await transitionCase(ctx, petra, { id, action: 'resume' });
    const detail = await getCase(ctx, petra, id);
    expect(detail.status).toBe('open');
    expect(detail.deadlines).toMatchObject({ pausedWorkingDays: 3, responseDue: '2026-03-19', grossWorkingDays: 3, netWorkingDays: 0 });
    expect(detail.timeline.map((e) => e.type)).toEqual(['created', 'status_changed', 'status_changed', 'status_changed']);
  });

  it('extends with a reason, capped, and logs the old and new due date', async () => {
    const ctx = t.app.services;
    const id = await createCase(ctx, petra, complaint());
    expect(await codeOf(() => extendCaseDeadline(ctx, petra, id, 5, '  '))).toBe('extension_reason_required');
    await extendCaseDeadline(ctx, petra, id, 5, 'Gutachten der Bauaufsicht nötig');
    expect(await codeOf(() => extendCaseDeadline(ctx, petra, id, 16, 'noch länger'))).toBe('extension_cap_exceeded');
    const detail = await getCase(ctx, petra, id);
    expect(detail.deadlines.responseDue).toBe('2026-03-23');
    expect(detail.timeline.at(-1)).toMatchObject({
      type: 'deadline_extended',
      data: { workingDays: 5, responseDueBefore: '2026-03-16', responseDueAfter: '2026-03-23' },
    });
  });

  it('marks a case overdue once the due date has passed', async () => {
    const ctx = t.app.services;
    const id = await createCase(ctx, petra, complaint());
    t.setNow('2026-03-18T09:00:00'); // two working days after 16 March
    const detail = await getCase(ctx, petra, id);
    expect(detail.deadlines).toMatchObject({ overdue: true, workingDaysLeft: -2 });
    expect((await listCases(ctx, petra, { filter: { overdue: true }, sort: { column: 'responseDue', direction: 'asc' }, limit: 10, offset: 0 })).total).toBe(1);
  });

  it('escalates to stage 2 only for a different handler, and the stage 1 handler cannot answer stage 2', async () => {
    const ctx = t.app.services;
    const id = await createCase(ctx, petra, complaint());
    await transitionCase(ctx, petra, { id, action: 'triage' });
    await transitionCase(ctx, petra, { id, action: 'answer', outcome: 'not_upheld' });
    expect(await codeOf(() => transitionCase(ctx, petra, { id, action: 'escalate', handlerId: petra.id!, reason: 'Person widerspricht' }))).toBe('stage2_same_handler');
    t.setNow('2026-03-10T09:00:00');
    await transitionCase(ctx, jonas, { id, action: 'escalate', handlerId: jonas.id!, reason: 'Person widerspricht' });
    const detail = await getCase(ctx, jonas, id);
    expect(detail).toMatchObject({ stage: 2, status: 'open', handlerId: jonas.id, stage1HandlerId: petra.id, outcome: null });
    // Stage 2 restarts the clock: 20 working days from Tuesday 10 March, skipping Good Friday 3 and Easter Monday 6 April (DE-NW) -> Thursday 9 April
    expect(detail.deadlines.responseDue).toBe('2026-04-09');
    expect(await codeOf(() => transitionCase(ctx, petra, { id, action: 'answer', outcome: 'upheld' }))).toBe('stage2_same_handler');
    await transitionCase(ctx, jonas, { id, action: 'answer', outcome: 'upheld' });
  });

  it('merges a duplicate into another case and notes it on both timelines', async () => {
    const ctx = t.app.services;
    const original = await createCase(ctx, petra, complaint());
    const duplicate = await createCase(ctx, petra, complaint({ channel: 'email' }));
    expect(await codeOf(() => transitionCase(ctx, petra, { id: duplicate, action: 'merge', intoId: duplicate }))).toBe('merge_target_invalid');
    await transitionCase(ctx, petra, { id: duplicate, action: 'merge', intoId: original });
    expect(await getCase(ctx, petra, duplicate)).toMatchObject({ status: 'merged', duplicateOfId: original, duplicateOfReference: '2026-00001' });
    expect((await getCase(ctx, petra, original)).timeline.at(-1)).toMatchObject({ type: 'merged_in', data: { fromReference: '2026-00002' } });
  });

  it('records every change on an append-only timeline that the database refuses to edit', async () => {
    const ctx = t.app.services;
    const id = await createCase(ctx, petra, complaint());
    await updateCase(ctx, petra, { id, priority: 'high', subject: 'Wartezeit Bürgerbüro (Ausweis)' });
    await addCaseNote(ctx, petra, id, 'Rückruf vereinbart');
    const timeline = (await getCase(ctx, petra, id)).timeline;
    expect(timeline.map((e) => e.type)).toEqual(['created', 'updated', 'note']);
    expect(timeline[1]!.data).toEqual({ changes: { subject: ['Wartezeit im Bürgerbüro', 'Wartezeit Bürgerbüro (Ausweis)'], priority: ['normal', 'high'] } });
    await expect(rawQuery(t.app, "UPDATE case_events SET type = 'x'")).rejects.toThrow(/append-only/);
    await expect(rawQuery(t.app, 'DELETE FROM case_events')).rejects.toThrow(/append-only/);
  });

  it('finds cases by full text with diacritics folded ("Muller" finds "Müller")', async () => {
    const ctx = t.app.services;
    await createCase(ctx, petra, complaint());
    await createCase(ctx, petra, complaint({ subject: 'Laterne defekt', description: 'Straße dunkel', submitter: { ...complaint().submitter, name: 'Anna Smith' } }));
    expect((await searchCases(ctx, petra, 'Muller', 10)).map((hit) => hit.reference)).toEqual(['2026-00001']);
    // ß = ss since migration 0008 (it was not found before; see tests/integration/search.test.ts).
    expect((await searchCases(ctx, petra, 'strasse', 10)).map((hit) => hit.reference)).toEqual(['2026-00002']);
    expect((await searchCases(ctx, petra, 'Straße', 10)).map((hit) => hit.reference)).toEqual(['2026-00002']);
    expect((await searchCases(ctx, petra, 'warte', 10)).map((hit) => hit.reference)).toEqual(['2026-00001']);
    expect(await searchCases(ctx, petra, '") OR * NEAR(', 10)).toEqual([]);
    await updateCase(ctx, petra, { id: 1, subject: 'Öffnungszeiten' });
    expect((await searchCases(ctx, petra, 'oeffnungszeiten offnungszeiten'.split(' ')[1]!, 10)).map((h) => h.id)).toEqual([1]);
  });

  it('shows a department head only the cases of their own departments', async () => {
    const ctx = t.app.services;
    const roads = await t.department('Tiefbau');
    const library = await t.department('Bibliothek');
    const head = await t.user('head', 'department_head', [roads]);
    const ours = await createCase(ctx, petra, complaint({ departmentId: roads }));
    const theirs = await createCase(ctx, petra, complaint({ departmentId: library }));
    const listed = await listCases(ctx, head, { filter: {}, sort: { column: 'receivedAt', direction: 'desc' }, limit: 50, offset: 0 });
    expect(listed.rows.map((row) => row.id)).toEqual([ours]);
    expect(await codeOf(() => getCase(ctx, head, theirs))).toBe('not_found');
    expect((await searchCases(ctx, head, 'Wartezeit', 10)).map((hit) => hit.id)).toEqual([ours]);
    expect(await codeOf(() => transitionCase(ctx, head, { id: ours, action: 'triage' }))).toBe('forbidden');
    await transitionCase(ctx, petra, { id: ours, action: 'forward', departmentId: roads });
    await transitionCase(ctx, head, { id: ours, action: 'return_from_department', statement: 'Reparatur beauftragt.' });
    expect((await getCase(ctx, petra, ours)).timeline.at(-1)).toMatchObject({ actorId: head.id, data: { statement: 'Reparatur beauftragt.', to: 'open' } });
  });

  it('filters, sorts and pages in SQL', async () => {
    const ctx = t.app.services;
    for (let i = 0; i < 7; i++) await createCase(ctx, petra, complaint({ kind: i % 2 ? 'idea' : 'complaint', subject: `Fall ${i}` }));
    const page = (offset: number) =>
      listCases(ctx, petra, { filter: { kinds: ['complaint'] }, sort: { column: 'reference', direction: 'asc' }, limit: 3, offset });
    expect(await page(0)).toMatchObject({ total: 4 });
    expect([...(await page(0)).rows, ...(await page(3)).rows].map((r) => r.subject)).toEqual(['Fall 0', 'Fall 2', 'Fall 4', 'Fall 6']);
  });
});
