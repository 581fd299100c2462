// The counts table (migration 0012) and the volumes per day (0015): kept by triggers in the same transaction as every change of a case, it must equal
// count(*) over cases after creates, transitions, merges, bulk changes, a rolled-back create and a demo run; the
// inbox's totals and the counts by status and kind read it, and a department head's stay within their departments.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../main/demo/demo-data.ts';
import type { Actor } from '../../main/services/actor.ts';
import { bulkUpdateCases } from '../../main/services/bulk.ts';
import { caseCounts, listCases, type CaseFilter } from '../../main/services/case-list.ts';
import { transitionCase } from '../../main/services/case-workflow.ts';
import { createCase, updateCase, type CreateCaseInput } from '../../main/services/cases.ts';
import type { CaseKind } from '../../main/domain/model.ts';
import { openTempApp, rawQuery, rawValue, type TempApp } from '../support/temp-app.ts';

let t: TempApp;
let petra: Actor;
let head: Actor;
let roads: number;
let parks: number;

beforeEach(async () => {
  t = await openTempApp('2027-06-01T09:00:00');
  roads = await t.department('Straßen');
  parks = await t.department('Grünflächen');
  petra = await t.user('petra', 'ombudsman');
  head = await t.user('head', 'department_head', [roads]);
});
afterEach(async () => t.cleanup());

const input = (kind: CaseKind, departmentId: number | null, subject = 'Anliegen'): CreateCaseInput => ({
  kind,
  channel: 'email',
  origin: 'external',
  subject,
  description: '',
  submitter: { anonymous: true, name: null, email: null, phone: null, address: null, organisation: null, language: 'de', consent: false, consentText: null },
  departmentId,
  priority: 'normal',
});

/** The table against count(*) over cases, group by group, and what the services answer from it. */
async function expectCountsMatchCases(): Promise<void> {
  const all = (text: string, ...params: unknown[]) => rawQuery(t.app, text, params);
  const counted = await all('SELECT status, kind, coalesce(department_id, 0) AS department_id, count(*) AS n FROM cases GROUP BY 1, 2, 3 ORDER BY 1, 2, 3');
  const kept = await all('SELECT status, kind, department_id, n FROM case_counts WHERE n > 0 ORDER BY 1, 2, 3');
  expect(kept).toEqual(counted);
  // The executive's volumes per day and kind (migration 0015): merged cases left out.
  const received = await all("SELECT received_on, kind, count(*) AS n FROM cases WHERE status != 'merged' GROUP BY 1, 2 ORDER BY 1, 2");
  expect(await all('SELECT received_on, kind, n FROM case_volumes WHERE n > 0 ORDER BY 1, 2')).toEqual(received);

  const ctx = t.app.services;
  const byStatusKind = (where: string, ...params: unknown[]) =>
    all(`SELECT status, kind, count(*) AS count FROM cases ${where} GROUP BY status, kind ORDER BY status, kind`, ...params);
  expect(await caseCounts(ctx, petra)).toEqual(await byStatusKind(''));
  expect(await caseCounts(ctx, head)).toEqual(await byStatusKind('WHERE department_id = ?', roads));

  const total = async (actor: Actor, filter: CaseFilter) =>
    (await listCases(ctx, actor, { filter, sort: { column: 'responseDue', direction: 'asc' }, limit: 5, offset: 0 })).total;
  const count = (where: string, ...params: unknown[]) => rawValue<number>(t.app, `SELECT count(*) FROM cases ${where}`, params);
  expect(await total(petra, {})).toBe(await count(''));
  expect(await total(petra, { statuses: ['new', 'open', 'forwarded', 'on_hold'] })).toBe(await count("WHERE status IN ('new', 'open', 'forwarded', 'on_hold')"));
  expect(await total(petra, { kinds: ['idea', 'praise'] })).toBe(await count("WHERE kind IN ('idea', 'praise')"));
  expect(await total(petra, { departmentIds: [parks] })).toBe(await count('WHERE department_id = ?', parks));
  expect(await total(petra, { statuses: ['closed'], kinds: ['complaint'], departmentIds: [roads, parks] })).toBe(
    await count("WHERE status = 'closed' AND kind = 'complaint' AND department_id IN (?, ?)", roads, parks),
  );
  // A department head's totals: their department only, whatever they filter by.
  expect(await total(head, {})).toBe(await count('WHERE department_id = ?', roads));
  expect(await total(head, { departmentIds: [parks] })).toBe(0);
  expect(await total(head, { statuses: ['forwarded'] })).toBe(await count("WHERE department_id = ? AND status = 'forwarded'", roads));
}

describe('case counts', () => {
  it('equal count(*) after creates, transitions, merges, bulk changes, a rolled-back create and a demo run', async () => {
    const ctx = t.app.services;
    await expectCountsMatchCases();
    const ids: number[] = [];
    for (const [kind, department] of [['complaint', roads], ['idea', parks], ['question', null], ['praise', roads], ['complaint', null], ['idea', roads]] as const) {
      ids.push(await createCase(ctx, petra, input(kind, department)));
    }
    await expectCountsMatchCases();

    const [a, b, c, d, e, f] = ids as [number, number, number, number, number, number];
    await transitionCase(ctx, petra, { id: a, action: 'triage' });
    await transitionCase(ctx, petra, { id: a, action: 'forward', departmentId: parks }); // department and status change at once
    await transitionCase(ctx, petra, { id: b, action: 'triage' });
    await transitionCase(ctx, petra, { id: b, action: 'hold', reason: 'Rückfrage' });
    await transitionCase(ctx, petra, { id: c, action: 'triage' });
    await transitionCase(ctx, petra, { id: c, action: 'answer', outcome: 'informed' });
    await transitionCase(ctx, petra, { id: c, action: 'close' });
    await transitionCase(ctx, petra, { id: d, action: 'withdraw', reason: 'zurückgezogen' });
    await expectCountsMatchCases();
    // Kind or department alone (the status stays), and back to no department.
    await updateCase(ctx, petra, { id: f, departmentId: parks });
    await updateCase(ctx, petra, { id: e, kind: 'question' });
    await updateCase(ctx, petra, { id: c, departmentId: roads });
    await updateCase(ctx, petra, { id: a, departmentId: null });
    await expectCountsMatchCases();

    await transitionCase(ctx, petra, { id: e, action: 'merge', intoId: f });
    await createCase(ctx, petra, { ...input('complaint', roads, 'Doppelt'), mergeIntoId: f });
    // A merge the workflow refuses (into a closed case) rolls the new case back, and its counts with it.
    await expect(createCase(ctx, petra, { ...input('idea', parks), mergeIntoId: c })).rejects.toMatchObject({ code: expect.any(String) });
    await expectCountsMatchCases();

    const more = [await createCase(ctx, petra, input('complaint', null)), await createCase(ctx, petra, input('complaint', parks))];
    for (const id of [...more, f]) await transitionCase(ctx, petra, { id, action: 'triage' });
    const forwarded = await bulkUpdateCases(ctx, petra, [...more, f, 999_999], { action: 'forward', departmentId: roads });
    expect(forwarded.done).toEqual([...more, f]);
    expect(forwarded.failed.map((failure) => failure.caseId)).toEqual([999_999]);
    for (const id of more) await transitionCase(ctx, petra, { id, action: 'return_from_department', statement: 'Stellungnahme' });
    for (const id of more) await transitionCase(ctx, petra, { id, action: 'answer', outcome: 'upheld' });
    const closed = await bulkUpdateCases(ctx, petra, [...more, b], { action: 'close' });
    expect(closed.done).toEqual(more);
    await expectCountsMatchCases();

    await generateDemoData(ctx, { cases: 400, seed: 5, until: new Date('2027-06-01T09:00:00') });
    await expectCountsMatchCases();
  });
});
