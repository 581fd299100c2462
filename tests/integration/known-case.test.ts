// moveCase's `known` (the demo moves each case through its steps without reading it back): what a step returns is
// exactly the row and pauses as stored, through holds, resumes, escalations and answers, and the due dates the same
// update wrote are what the deadline engine computes; a known case outside a department head's scope is not found.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Actor } from '../../main/services/actor.ts';
import { moveCase, type KnownCase, type TransitionRequest } from '../../main/services/case-workflow.ts';
import { createKnownCase, type CreateCaseInput } from '../../main/services/cases.ts';
import { openTempApp, rawQuery, type TempApp } from '../support/temp-app.ts';

let t: TempApp;
let petra: Actor;
let jonas: Actor;
let head: Actor;
let roads: number;
let parks: number;

beforeEach(async () => {
  t = await openTempApp('2027-06-01T09:00:00');
  roads = await t.department('Straßen');
  parks = await t.department('Grünflächen');
  petra = await t.user('petra', 'ombudsman');
  jonas = await t.user('jonas', 'deputy');
  head = await t.user('head', 'department_head', [roads]);
});
afterEach(async () => t.cleanup());

const input = (): CreateCaseInput => ({
  kind: 'complaint',
  channel: 'email',
  origin: 'external',
  subject: 'Schlagloch',
  description: '',
  submitter: { anonymous: true, name: null, email: null, phone: null, address: null, organisation: null, language: 'de', consent: false, consentText: null },
  departmentId: parks,
  priority: 'normal',
});

async function stored(id: number) {
  return {
    row: (await rawQuery(t.app, 'SELECT * FROM cases WHERE id = ?', [id]))[0],
    pauses: await rawQuery(t.app, 'SELECT stage, from_date AS "from", to_date AS "to" FROM case_pauses WHERE case_id = ? ORDER BY id', [id]),
  };
}

it('each step returns the case exactly as stored, and the next step needs nothing read back', async () => {
  const steps: [TransitionRequest['action'], number, Record<string, unknown>][] = [
    ['triage', 0, {}],
    ['hold', 2, { reason: 'Rückfrage' }],
    ['resume', 9, {}],
    ['forward', 1, { departmentId: roads }],
    ['return_from_department', 3, { statement: 'Stellungnahme' }],
    ['answer', 2, { outcome: 'upheld' }],
    ['escalate', 1, { handlerId: jonas.id, reason: 'Widerspruch' }],
    ['hold', 1, { reason: 'Gutachten' }],
    ['resume', 6, {}],
    ['hold', 2, { reason: 'Noch ein Gutachten' }],
    // Leaving a hold another way than resume ends the pause too.
    ['withdraw', 20, { reason: 'zurückgezogen' }],
  ];
  let known: KnownCase = await t.app.services.tx((tx) => createKnownCase(tx, petra, input()));
  expect(known).toEqual(await stored(known.row.id));
  const dueDates = new Set<string>();
  let now = new Date('2027-06-01T09:00:00');
  for (const [action, days, extra] of steps) {
    now = new Date(now.getTime() + days * 86_400_000);
    t.setNow(now.toISOString());
    const request = { id: known.row.id, action, ...extra } as TransitionRequest;
    const actor = action === 'answer' && known.row.stage === 2 ? jonas : petra;
    known = await t.app.services.tx((tx) => moveCase(tx, actor, request, known));
    expect(known, action).toEqual(await stored(known.row.id));
    dueDates.add(known.row.response_due);
  }
  // The holds moved the due date (written by the transition's own update).
  expect(dueDates.size).toBeGreaterThan(2);
});

it('a known case outside a department head\'s departments is not found', async () => {
  const known = await t.app.services.tx((tx) => createKnownCase(tx, petra, input()));
  await expect(t.app.services.tx((tx) => moveCase(tx, head, { id: known.row.id, action: 'return_from_department' }, known))).rejects.toMatchObject({ code: 'not_found' });
});
