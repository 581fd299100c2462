import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../main/services/actor.ts';
import { listCases, searchCases } from '../../main/services/case-list.ts';
import { transitionCase } from '../../main/services/case-workflow.ts';
import { addCaseNote, createCase, extendCaseDeadline, getCase, updateCase, type CreateCaseInput } from '../../main/services/cases.ts';
import { DomainError } from '../../main/services/errors.ts';
import { openTempApp, type TempApp } from '../support/temp-app.ts';

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

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
}

beforeEach(() => {
  // Monday 2 March 2026, 09:00 local time.
  t = openTempApp('2026-03-02T09:00:00');
  petra = t.user('petra', 'ombudsman');
  jonas = t.user('jonas', 'deputy');
});
afterEach(() => t.cleanup());

describe('cases', () => {
  it('numbers references per year without gaps, also after a failed create', () => {
    const ctx = t.app.services;
    expect(getCase(ctx, petra, createCase(ctx, petra, complaint())).reference).toBe('2026-00001');
    expect(codeOf(() => createCase(ctx, petra, complaint({ departmentId: 999 })))).toBe('not_found');
    expect(getCase(ctx, petra, createCase(ctx, petra, complaint())).reference).toBe('2026-00002');
    t.setNow('2027-01-04T08:00:00');
    expect(getCase(ctx, petra, createCase(ctx, petra, complaint())).reference).toBe('2027-00001');
  });

  it('records consent with its text, and stores no contact data for anonymous submitters', () => {
    const ctx = t.app.services;
    const named = getCase(ctx, petra, createCase(ctx, petra, complaint()));
    expect(named.submitter).toMatchObject({ name: 'Jürgen Müller', consentText: 'Ich willige ein.', consentGivenAt: expect.any(String) });
    const anonymous = getCase(
      ctx,
      petra,
      createCase(ctx, petra, complaint({ submitter: { ...complaint().submitter, anonymous: true } })),
    );
    expect(anonymous.submitter).toMatchObject({ anonymous: true, name: null, phone: null, consentGivenAt: null });
  });

  it('computes deadlines in working days from the received date (defaults 5 and 10)', () => {
    const ctx = t.app.services;
    // Received Monday 2 March 2026: 5 working days -> Monday 9 March, 10 -> Monday 16 March.
    const detail = getCase(ctx, petra, createCase(ctx, petra, complaint()));
    expect(detail.deadlines).toMatchObject({ acknowledgeDue: '2026-03-09', responseDue: '2026-03-16', workingDaysLeft: 10, overdue: false });
  });

  it('moves the due date by the paused working days when put on hold and resumed', () => {
    const ctx = t.app.services;
    const id = createCase(ctx, petra, complaint());
    transitionCase(ctx, petra, { id, action: 'triage' });
    transitionCase(ctx, petra, { id, action: 'hold', reason: 'Rückfrage' }); // Monday 2 March
    t.setNow('2026-03-05T10:00:00'); // Thursday: Tue, Wed, Thu = 3 working days paused
    transitionCase(ctx, petra, { id, action: 'resume' });
    const detail = getCase(ctx, petra, id);
    expect(detail.status).toBe('open');
    expect(detail.deadlines).toMatchObject({ pausedWorkingDays: 3, responseDue: '2026-03-19', grossWorkingDays: 3, netWorkingDays: 0 });
    expect(detail.timeline.map((e) => e.type)).toEqual(['created', 'status_changed', 'status_changed', 'status_changed']);
  });

  it('extends with a reason, capped, and logs the old and new due date', () => {
    const ctx = t.app.services;
    const id = createCase(ctx, petra, complaint());
    expect(codeOf(() => extendCaseDeadline(ctx, petra, id, 5, '  '))).toBe('extension_reason_required');
    extendCaseDeadline(ctx, petra, id, 5, 'Gutachten der Bauaufsicht nötig');
    expect(codeOf(() => extendCaseDeadline(ctx, petra, id, 16, 'noch länger'))).toBe('extension_cap_exceeded');
    const detail = getCase(ctx, petra, id);
    expect(detail.deadlines.responseDue).toBe('2026-03-23');
    expect(detail.timeline.at(-1)).toMatchObject({
      type: 'deadline_extended',
      data: { workingDays: 5, responseDueBefore: '2026-03-16', responseDueAfter: '2026-03-23' },
    });
  });

  it('marks a case overdue once the due date has passed', () => {
    const ctx = t.app.services;
    const id = createCase(ctx, petra, complaint());
    t.setNow('2026-03-18T09:00:00'); // two working days after 16 March
    const detail = getCase(ctx, petra, id);
    expect(detail.deadlines).toMatchObject({ overdue: true, workingDaysLeft: -2 });
    expect(listCases(ctx, petra, { filter: { overdue: true }, sort: { column: 'responseDue', direction: 'asc' }, limit: 10, offset: 0 }).total).toBe(1);
  });

  it('escalates to stage 2 only for a different handler, and the stage 1 handler cannot answer stage 2', () => {
    const ctx = t.app.services;
    const id = createCase(ctx, petra, complaint());
    transitionCase(ctx, petra, { id, action: 'triage' });
    transitionCase(ctx, petra, { id, action: 'answer', outcome: 'not_upheld' });
    expect(codeOf(() => transitionCase(ctx, petra, { id, action: 'escalate', handlerId: petra.id!, reason: 'Person widerspricht' }))).toBe('stage2_same_handler');
    t.setNow('2026-03-10T09:00:00');
    transitionCase(ctx, jonas, { id, action: 'escalate', handlerId: jonas.id!, reason: 'Person widerspricht' });
    const detail = getCase(ctx, jonas, id);
    expect(detail).toMatchObject({ stage: 2, status: 'open', handlerId: jonas.id, stage1HandlerId: petra.id, outcome: null });
    // Stage 2 restarts the clock: 20 working days from Tuesday 10 March, skipping Good Friday 3 and Easter Monday 6 April (DE-NW) -> Thursday 9 April
    expect(detail.deadlines.responseDue).toBe('2026-04-09');
    expect(codeOf(() => transitionCase(ctx, petra, { id, action: 'answer', outcome: 'upheld' }))).toBe('stage2_same_handler');
    transitionCase(ctx, jonas, { id, action: 'answer', outcome: 'upheld' });
  });

  it('merges a duplicate into another case and notes it on both timelines', () => {
    const ctx = t.app.services;
    const original = createCase(ctx, petra, complaint());
    const duplicate = createCase(ctx, petra, complaint({ channel: 'email' }));
    expect(codeOf(() => transitionCase(ctx, petra, { id: duplicate, action: 'merge', intoId: duplicate }))).toBe('merge_target_invalid');
    transitionCase(ctx, petra, { id: duplicate, action: 'merge', intoId: original });
    expect(getCase(ctx, petra, duplicate)).toMatchObject({ status: 'merged', duplicateOfId: original, duplicateOfReference: '2026-00001' });
    expect(getCase(ctx, petra, original).timeline.at(-1)).toMatchObject({ type: 'merged_in', data: { fromReference: '2026-00002' } });
  });

  it('records every change on an append-only timeline that the database refuses to edit', () => {
    const ctx = t.app.services;
    const id = createCase(ctx, petra, complaint());
    updateCase(ctx, petra, { id, priority: 'high', subject: 'Wartezeit Bürgerbüro (Ausweis)' });
    addCaseNote(ctx, petra, id, 'Rückruf vereinbart');
    const timeline = getCase(ctx, petra, id).timeline;
    expect(timeline.map((e) => e.type)).toEqual(['created', 'updated', 'note']);
    expect(timeline[1]!.data).toEqual({ changes: { subject: ['Wartezeit im Bürgerbüro', 'Wartezeit Bürgerbüro (Ausweis)'], priority: ['normal', 'high'] } });
    expect(() => t.app.db.sqlite.prepare("UPDATE case_events SET type = 'x'").run()).toThrow(/append-only/);
    expect(() => t.app.db.sqlite.prepare('DELETE FROM case_events').run()).toThrow(/append-only/);
  });

  it('finds cases by full text with diacritics folded ("Muller" finds "Müller")', () => {
    const ctx = t.app.services;
    createCase(ctx, petra, complaint());
    createCase(ctx, petra, complaint({ subject: 'Laterne defekt', description: 'Straße dunkel', submitter: { ...complaint().submitter, name: 'Anna Smith' } }));
    expect(searchCases(ctx, petra, 'Muller', 10).map((hit) => hit.reference)).toEqual(['2026-00001']);
    // ß = ss since migration 0008 (it was not found before; see tests/integration/search.test.ts).
    expect(searchCases(ctx, petra, 'strasse', 10).map((hit) => hit.reference)).toEqual(['2026-00002']);
    expect(searchCases(ctx, petra, 'Straße', 10).map((hit) => hit.reference)).toEqual(['2026-00002']);
    expect(searchCases(ctx, petra, 'warte', 10).map((hit) => hit.reference)).toEqual(['2026-00001']);
    expect(searchCases(ctx, petra, '") OR * NEAR(', 10)).toEqual([]);
    updateCase(ctx, petra, { id: 1, subject: 'Öffnungszeiten' });
    expect(searchCases(ctx, petra, 'oeffnungszeiten offnungszeiten'.split(' ')[1]!, 10).map((h) => h.id)).toEqual([1]);
  });

  it('shows a department head only the cases of their own departments', () => {
    const ctx = t.app.services;
    const roads = t.department('Tiefbau');
    const library = t.department('Bibliothek');
    const head = t.user('head', 'department_head', [roads]);
    const ours = createCase(ctx, petra, complaint({ departmentId: roads }));
    const theirs = createCase(ctx, petra, complaint({ departmentId: library }));
    const listed = listCases(ctx, head, { filter: {}, sort: { column: 'receivedAt', direction: 'desc' }, limit: 50, offset: 0 });
    expect(listed.rows.map((row) => row.id)).toEqual([ours]);
    expect(codeOf(() => getCase(ctx, head, theirs))).toBe('not_found');
    expect(searchCases(ctx, head, 'Wartezeit', 10).map((hit) => hit.id)).toEqual([ours]);
    expect(codeOf(() => transitionCase(ctx, head, { id: ours, action: 'triage' }))).toBe('forbidden');
    transitionCase(ctx, petra, { id: ours, action: 'forward', departmentId: roads });
    transitionCase(ctx, head, { id: ours, action: 'return_from_department', statement: 'Reparatur beauftragt.' });
    expect(getCase(ctx, petra, ours).timeline.at(-1)).toMatchObject({ actorId: head.id, data: { statement: 'Reparatur beauftragt.', to: 'open' } });
  });

  it('filters, sorts and pages in SQL', () => {
    const ctx = t.app.services;
    for (let i = 0; i < 7; i++) createCase(ctx, petra, complaint({ kind: i % 2 ? 'idea' : 'complaint', subject: `Fall ${i}` }));
    const page = (offset: number) =>
      listCases(ctx, petra, { filter: { kinds: ['complaint'] }, sort: { column: 'reference', direction: 'asc' }, limit: 3, offset });
    expect(page(0)).toMatchObject({ total: 4 });
    expect([...page(0).rows, ...page(3).rows].map((r) => r.subject)).toEqual(['Fall 0', 'Fall 2', 'Fall 4', 'Fall 6']);
  });
});
