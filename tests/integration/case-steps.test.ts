// The steps getCase offers (availableActions) are exactly those the user can then take: for every role and every
// status, each offered step goes through the real dispatcher without `forbidden`, and each step not offered fails.
// The case view renders availableActions as they come, so this is what keeps it from offering a button main refuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../main/api/dispatch.ts';
import type { CaseDetail } from '../../main/api/types.ts';
import { ROLES, type CaseStatus, type Role } from '../../main/domain/model.ts';
import { CASE_ACTIONS, type CaseStep } from '../../main/domain/workflow.ts';
import type { Actor } from '../../main/services/actor.ts';
import { createCase } from '../../main/services/cases.ts';
import { transitionCase } from '../../main/services/case-workflow.ts';
import { openTempApp, removeTempDirs, STAFF_PASSWORD, type TempApp } from '../support/temp-app.ts';

const ALL_STEPS: readonly CaseStep[] = [...CASE_ACTIONS, 'extend', 'note'];
const STATUSES: readonly CaseStatus[] = ['new', 'open', 'forwarded', 'on_hold', 'answered', 'closed', 'withdrawn'];

let t: TempApp;
let dispatch: Dispatch;
let office: Actor;
let deputy: Actor;
let department = 0;

beforeAll(async () => {
  t = await openTempApp('2027-03-01T09:00:00');
  department = await t.department('Straßen');
  const users = {} as Record<Role, Actor>;
  for (const role of ROLES) users[role] = await t.user(`user-${role}`, role, role === 'department_head' ? [department] : []);
  office = users.ombudsman;
  deputy = users.deputy;
  dispatch = createDispatcher(t.app, () => undefined);
  for (const role of ROLES) {
    const login = await dispatch(role, 'login', { username: `user-${role}`, password: STAFF_PASSWORD });
    expect(login.ok, role).toBe(true);
  }
});
afterAll(async () => {
  await t.app.close();
  removeTempDirs();
});

/** A complaint of the department, brought to this status by the ombudsman (the stage 1 handler). */
async function caseAt(status: CaseStatus): Promise<number> {
  const services = t.app.services;
  const id = await createCase(services, office, {
    kind: 'complaint',
    channel: 'email',
    origin: 'external',
    subject: `Schlagloch (${status})`,
    description: '',
    departmentId: department,
    priority: 'normal',
    submitter: { anonymous: false, name: 'Erika Muster', email: 'erika@example.org', phone: null, address: null, organisation: null, language: 'de', consent: true, consentText: 'ok' },
  });
  const go = (request: Parameters<typeof transitionCase>[2]) => transitionCase(services, office, request);
  if (status === 'new') return id;
  if (status === 'forwarded') return go({ id, action: 'forward', departmentId: department }).then(() => id);
  if (status === 'withdrawn') return go({ id, action: 'withdraw', reason: 'Zurückgezogen.' }).then(() => id);
  await go({ id, action: 'triage' });
  if (status === 'on_hold') await go({ id, action: 'hold', reason: 'Rückfrage.' });
  if (status === 'answered' || status === 'closed') await go({ id, action: 'answer', outcome: 'upheld' });
  if (status === 'closed') await go({ id, action: 'close' });
  return id;
}

/** Takes the step as the case view would (triage also sets the priority and the handler), as this role. */
async function take(role: Role, step: CaseStep, id: number) {
  const as = <K extends Parameters<Dispatch>[1]>(channel: K, input: unknown) => dispatch(role, channel, input);
  switch (step) {
    case 'note':
      return as('addCaseNote', { id, text: 'Notiz.' });
    case 'extend':
      return as('extendCaseDeadline', { id, workingDays: 2, reason: 'Gutachten steht aus.' });
    case 'triage': {
      const updated = await as('updateCase', { id, priority: 'high' });
      if (!updated.ok) return updated;
      const assigned = await as('assignCase', { id, handlerId: office.id });
      if (!assigned.ok) return assigned;
      return as('transitionCase', { id, action: 'triage' });
    }
    case 'forward':
      return as('transitionCase', { id, action: 'forward', departmentId: department });
    case 'return_from_department':
      return as('transitionCase', { id, action: 'return_from_department', statement: 'Reparatur beauftragt.' });
    case 'hold':
    case 'withdraw':
      return as('transitionCase', { id, action: step, reason: 'Weil.' });
    case 'answer':
      return as('transitionCase', { id, action: 'answer', outcome: 'upheld' });
    case 'escalate':
      return as('transitionCase', { id, action: 'escalate', handlerId: deputy.id, reason: 'Nicht zufrieden.' });
    case 'merge':
      return as('transitionCase', { id, action: 'merge', intoId: await caseAt('open') });
    default:
      return as('transitionCase', { id, action: step });
  }
}

describe("getCase's availableActions per role", () => {
  for (const role of ROLES) {
    it(`offers ${role} only steps that then go through, and every step not offered fails`, async () => {
      const problems: string[] = [];
      const offeredAnywhere = new Set<CaseStep>();
      for (const status of STATUSES) {
        const probe = await dispatch(role, 'getCase', { id: await caseAt(status) });
        if (!probe.ok) throw new Error(`${role} cannot read a ${status} case: ${probe.error.code}`);
        const detail = probe.value as CaseDetail;
        expect(detail.status).toBe(status);
        const offered = detail.availableActions;
        for (const step of ALL_STEPS) {
          // Each step on a fresh case in this status, so no step depends on another's effects.
          const id = await caseAt(status);
          const result = await take(role, step, id);
          if (offered.includes(step)) {
            offeredAnywhere.add(step);
            // Not even for a workflow reason: the prepared inputs are valid, so any failure (forbidden above all) is a wrong offer.
            if (!result.ok) problems.push(`${status}: offered ${step} failed with ${result.error.code}`);
          } else if (result.ok) {
            problems.push(`${status}: ${step} not offered but went through`);
          }
        }
      }
      expect(problems).toEqual([]);
      // What each role is offered somewhere, in one line: a change of role rules shows up here.
      const expected: Record<Role, CaseStep[]> = {
        admin: [...ALL_STEPS],
        ombudsman: [...ALL_STEPS],
        deputy: [...ALL_STEPS],
        department_head: ['return_from_department', 'note'],
        executive: [],
      };
      expect([...offeredAnywhere].sort()).toEqual([...expected[role]].sort());
    });
  }
});
