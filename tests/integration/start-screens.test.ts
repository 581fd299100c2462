// A working day through the real dispatcher, on a controlled clock (DE-NW, June 2027): the office's figures and the
// inbox filters they open, a head's new and near-due statement requests, the executive's overview, and notifications
// written by forward and return (in the same transaction) and by reached deadlines (once each), read one and all.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../main/api/dispatch.ts';
import type { ChannelName } from '../../main/api/contract.ts';
import type { CaseDetail, CaseListResult, DepartmentHome, ExecutiveOverview, NotificationList, OfficeToday, StartFigure } from '../../main/api/types.ts';
import { executiveQueries } from '../../main/services/start-screens.ts';
import { valueOf } from '../support/api.ts';
import { onPostgres, openTempApp, STAFF_PASSWORD, type TempApp, rawDb, rawQuery, rawValue, refuseInserts } from '../support/temp-app.ts';

let t: TempApp;
let dispatch: Dispatch;
let roads: number;
let parks: number;
const users = { admin: 0, petra: 0, dora: 0, roads: 0, parks: 0, chief: 0 };

const as = <T>(session: string, channel: ChannelName, input?: unknown) => valueOf<T>(dispatch, session, channel, input);

async function login(session: string, username: string) {
  expect(await dispatch(session, 'login', { username, password: STAFF_PASSWORD })).toMatchObject({ ok: true });
}

async function newCase(subject: string, at: string, departmentId: number | null = null): Promise<number> {
  t.setNow(at);
  return (await as<CaseDetail>('office', 'createCase', { kind: 'complaint', channel: 'phone', origin: 'external', subject, departmentId })).id;
}

const forward = (id: number, departmentId: number, session = 'office') => as<CaseDetail>(session, 'transitionCase', { id, action: 'forward', departmentId });
const notificationRows = () => rawQuery<{ user_id: number; type: string; case_id: number }>(t.app, 'SELECT user_id, type, case_id FROM notifications ORDER BY id');
const rowsOf = async (userId: number, type?: string) => (await notificationRows()).filter((r) => r.user_id === userId && (!type || r.type === type));

async function inboxTotal(session: string, figure: StartFigure): Promise<number> {
  return (await as<CaseListResult>(session, 'listCases', { filter: figure.filter, limit: 1 })).total;
}

// Dates (DE-NW, no holidays in June 2027 after Whit Monday): a case received on a day is due 10 working days later.
const MON_05_31 = '2027-05-31T09:00:00'; // due Mon 06-14
const TUE_06_01 = '2027-06-01T09:00:00'; // due Tue 06-15
const WED_06_02 = '2027-06-02T09:00:00'; // due Wed 06-16
const TUE_06_08 = '2027-06-08T09:00:00'; // due Tue 06-22
const TUE_06_15 = '2027-06-15T08:00:00';

let ids: { dueToday: number; overdue: number; nearDue: number; later: number; parksDue: number };

beforeEach(async () => {
  t = await openTempApp(MON_05_31);
  roads = await t.department('Straßen');
  parks = await t.department('Grünflächen');
  users.admin = await rawValue<number>(t.app, "SELECT id FROM users WHERE username = 'admin'");
  users.petra = (await t.user('petra', 'ombudsman')).id!;
  users.dora = (await t.user('dora', 'deputy')).id!;
  users.roads = (await t.user('head-roads', 'department_head', [roads])).id!;
  users.parks = (await t.user('head-parks', 'department_head', [parks])).id!;
  users.chief = (await t.user('chief', 'executive')).id!;
  dispatch = createDispatcher(t.app, () => undefined);
  await login('office', 'petra');
  await login('deputy', 'dora');
  await login('roads', 'head-roads');
  await login('parks', 'head-parks');
  await login('chief', 'chief');

  const overdue = await newCase('Schlagloch Hauptstraße', MON_05_31);
  const dueToday = await newCase('Laterne defekt', TUE_06_01);
  const parksDue = await newCase('Spielplatz', TUE_06_01);
  const nearDue = await newCase('Ampel zu kurz', WED_06_02);
  const later = await newCase('Radweg zugeparkt', TUE_06_08);
  await as('office', 'transitionCase', { id: overdue, action: 'triage' }); // handler: petra
  await forward(nearDue, roads);
  await forward(later, roads);
  await forward(parksDue, parks);
  ids = { dueToday, overdue, nearDue, later, parksDue };
  t.setNow(TUE_06_15);
});
afterEach(async () => t.cleanup());

describe("the office's start screen", () => {
  it('counts due today, overdue, new arrivals and my cases in SQL, and each filter lists exactly those cases', async () => {
    const today = await as<OfficeToday>('office', 'officeToday');
    expect(today.today).toBe('2027-06-15');
    expect(today.dueToday).toEqual({ count: 2, filter: { dueOn: '2027-06-15' } });
    expect(today.overdue).toEqual({ count: 1, filter: { overdue: true } });
    expect(today.arrivals).toEqual({ count: 1, filter: { statuses: ['new'] } });
    expect(today.mine).toEqual({ count: 1, filter: { handlerId: users.petra, statuses: ['new', 'open', 'forwarded', 'on_hold'] } });
    expect(today.returned.count).toBe(0);
    for (const figure of [today.dueToday, today.overdue, today.returned, today.arrivals, today.mine]) {
      expect(await inboxTotal('office', figure)).toBe(figure.count);
    }
    const dueToday = await as<CaseListResult>('office', 'listCases', { filter: today.dueToday.filter });
    expect(dueToday.rows.map((r) => r.id).sort()).toEqual([ids.dueToday, ids.parksDue].sort());
    // The deputy has no cases of their own; the office-wide figures are the same.
    const deputy = await as<OfficeToday>('deputy', 'officeToday');
    expect([deputy.dueToday.count, deputy.overdue.count, deputy.mine.count]).toEqual([2, 1, 0]);
  });

  it('moves with the clock: tomorrow the due-today case is overdue', async () => {
    t.setNow('2027-06-16T08:00:00');
    const today = await as<OfficeToday>('office', 'officeToday');
    expect(today.dueToday).toMatchObject({ count: 1, filter: { dueOn: '2027-06-16' } }); // the near-due statement request
    expect(today.overdue.count).toBe(3);
  });

  it('counts statements returned since the user last looked, and keeps counting from where a screen started', async () => {
    await as('roads', 'transitionCase', { id: ids.later, action: 'return_from_department', statement: 'Wird geprüft.' });
    const first = await as<OfficeToday>('office', 'officeToday');
    // Never looked before: the last week counts.
    expect(first.returnedSince).toBe(new Date(new Date(TUE_06_15).getTime() - 7 * 86_400_000).toISOString());
    expect(first.returned).toEqual({ count: 1, filter: { returnedSince: first.returnedSince } });
    const listed = await as<CaseListResult>('office', 'listCases', { filter: first.returned.filter });
    expect(listed.rows.map((r) => r.id)).toEqual([ids.later]);

    t.setNow('2027-06-15T08:30:00');
    expect(await as('office', 'markStartSeen')).toBeNull();
    // The screen that is open keeps its starting point; a fresh look starts from the marker.
    expect((await as<OfficeToday>('office', 'officeToday', { returnedSince: first.returnedSince })).returned.count).toBe(1);
    const fresh = await as<OfficeToday>('office', 'officeToday');
    expect(fresh.returnedSince).toBe(new Date('2027-06-15T08:30:00').toISOString());
    expect(fresh.returned.count).toBe(0);
    // The deputy's marker is their own.
    expect((await as<OfficeToday>('deputy', 'officeToday')).returned.count).toBe(1);

    t.setNow('2027-06-15T10:00:00');
    await forward(ids.later, roads);
    await as('roads', 'transitionCase', { id: ids.later, action: 'return_from_department', statement: 'Erledigt.' });
    expect((await as<OfficeToday>('office', 'officeToday')).returned.count).toBe(1);
  });

  // SQLite's plan (PostgreSQL's plans are not checked yet).
  it.skipIf(onPostgres)('the returned filter walks the partial index of workflow events, not the whole timeline', async () => {
    const plan = rawDb(t.app)
      .prepare(
        "EXPLAIN QUERY PLAN SELECT count(*) FROM cases c WHERE c.id IN (SELECT case_id FROM case_events WHERE type = 'status_changed' AND json_extract(data, '$.action') = 'return_from_department' AND at > ?)",
      )
      .all('2027-01-01') as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/case_events USING INDEX case_events_workflow/);
  });

  it('is the office’s only: heads and the executive are refused, and departments are not told', async () => {
    expect(await dispatch('roads', 'officeToday', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await dispatch('chief', 'officeToday', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await dispatch('office', 'executiveOverview', undefined)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await dispatch('chief', 'listNotifications', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe("a department head's start screen", () => {
  it('marks requests new since the last look and near due (<= 2 working days left) in their own departments only', async () => {
    const home = await as<DepartmentHome>('roads', 'departmentHome');
    expect(home.statementRequests.map((c) => c.id)).toEqual([ids.nearDue, ids.later]);
    expect(home.newStatementIds.sort()).toEqual([ids.nearDue, ids.later].sort());
    expect(home.nearDueIds).toEqual([ids.nearDue]);
    const parksHome = await as<DepartmentHome>('parks', 'departmentHome');
    expect(parksHome.statementRequests.map((c) => c.id)).toEqual([ids.parksDue]);
    expect(parksHome.nearDueIds).toEqual([ids.parksDue]);

    t.setNow('2027-06-15T09:00:00');
    await as('roads', 'markStartSeen');
    expect((await as<DepartmentHome>('roads', 'departmentHome')).newStatementIds).toEqual([]);
    t.setNow('2027-06-15T10:00:00');
    const another = await newCase('Gully verstopft', '2027-06-15T10:00:00');
    await forward(another, roads);
    const after = await as<DepartmentHome>('roads', 'departmentHome');
    expect(after.newStatementIds).toEqual([another]);
    // The one due Tue 06-22 becomes near due on Fri 06-18 (Mon, Tue left); the overdue one stays near due.
    t.setNow('2027-06-16T08:00:00');
    expect((await as<DepartmentHome>('roads', 'departmentHome')).nearDueIds).toEqual([ids.nearDue]);
    t.setNow('2027-06-18T08:00:00');
    expect((await as<DepartmentHome>('roads', 'departmentHome')).nearDueIds).toEqual([ids.nearDue, ids.later]);
  });

  it('near due counts working days: over a weekend, Friday to Tuesday is two', async () => {
    // ids.later is due Tue 06-22: on Thu 06-17 three working days are left (Fri, Mon, Tue), on Fri 06-18 two.
    t.setNow('2027-06-17T08:00:00');
    expect((await as<DepartmentHome>('roads', 'departmentHome')).nearDueIds).not.toContain(ids.later);
    t.setNow('2027-06-18T08:00:00');
    expect((await as<DepartmentHome>('roads', 'departmentHome')).nearDueIds).toContain(ids.later);
  });
});

describe('notifications', () => {
  it('a forward tells the heads of that department (not other departments, not the sender), in the same transaction', async () => {
    expect((await rowsOf(users.roads, 'case_forwarded')).map((r) => r.case_id)).toEqual([ids.nearDue, ids.later]);
    expect((await rowsOf(users.parks, 'case_forwarded')).map((r) => r.case_id)).toEqual([ids.parksDue]);
    expect(await rowsOf(users.petra, 'case_forwarded')).toEqual([]);

    // If the notification cannot be written, the forward does not happen either.
    const fresh = await newCase('Baum umgestürzt', TUE_06_15);
    const allow = await refuseInserts(t.app, 'notifications');
    expect((await dispatch('office', 'transitionCase', { id: fresh, action: 'forward', departmentId: roads })).ok).toBe(false);
    await allow();
    const unchanged = await as<CaseDetail>('office', 'getCase', { id: fresh });
    expect(unchanged.status).toBe('new');
    expect(unchanged.timeline.map((e) => e.type)).toEqual(['created']);
  });

  it('a returned statement tells the handler, or every office user when the case has none, but not the head who returned it', async () => {
    await forward(ids.overdue, roads); // handled by petra
    await as('roads', 'transitionCase', { id: ids.overdue, action: 'return_from_department', statement: 'Reparatur beauftragt.' });
    expect((await notificationRows()).filter((r) => r.type === 'statement_returned')).toEqual([{ user_id: users.petra, type: 'statement_returned', case_id: ids.overdue }]);

    await as('roads', 'transitionCase', { id: ids.later, action: 'return_from_department', statement: 'Wird geprüft.' });
    const told = (await notificationRows()).filter((r) => r.type === 'statement_returned' && r.case_id === ids.later).map((r) => r.user_id);
    expect(told.sort()).toEqual([users.admin, users.petra, users.dora].sort());

    const list = await as<NotificationList>('office', 'listNotifications', {});
    expect(list.items.find((i) => i.type === 'statement_returned' && i.caseId === ids.later)).toMatchObject({
      reference: expect.stringMatching(/^2027-\d{5}$/),
      subject: 'Radweg zugeparkt',
      departmentName: 'Straßen',
      readAt: null,
    });
  });

  it('a reached deadline is told once: to the handler, or to each office user for a case without one', async () => {
    const first = await as<NotificationList>('office', 'listNotifications', {});
    const deadlines = (list: NotificationList) => list.items.filter((i) => i.type === 'deadline_reached').map((i) => i.caseId).sort();
    expect(deadlines(first)).toEqual([ids.overdue, ids.dueToday, ids.parksDue].sort());
    expect(first.items.find((i) => i.caseId === ids.overdue && i.type === 'deadline_reached')?.responseDue).toBe('2027-06-14');
    // Petra's case is not the deputy's.
    expect(deadlines(await as<NotificationList>('deputy', 'listNotifications', {}))).toEqual([ids.dueToday, ids.parksDue].sort());

    // Reading again, or the start screen, writes nothing twice; neither does the next day for the same due dates.
    await as('office', 'listNotifications', {});
    await as('office', 'officeToday');
    t.setNow('2027-06-16T08:00:00');
    await as('office', 'officeToday');
    expect((await rowsOf(users.petra, 'deadline_reached')).map((r) => r.case_id).sort()).toEqual([ids.overdue, ids.dueToday, ids.parksDue, ids.nearDue].sort());

    // An extended deadline that is reached again is told again, once.
    await as('office', 'extendCaseDeadline', { id: ids.overdue, workingDays: 5, reason: 'Gutachten abwarten' });
    t.setNow('2027-06-21T08:00:00');
    await as('office', 'listNotifications', {});
    await as('office', 'listNotifications', {});
    expect((await rowsOf(users.petra, 'deadline_reached')).filter((r) => r.case_id === ids.overdue)).toHaveLength(2);
  });

  it('heads are reminded of their near-due statement requests once, and see nothing of another department', async () => {
    await as('roads', 'departmentHome');
    await as('roads', 'listNotifications', {});
    expect((await rowsOf(users.roads, 'statement_due_soon')).map((r) => r.case_id)).toEqual([ids.nearDue]);
    expect(await rowsOf(users.roads, 'deadline_reached')).toEqual([]);
    const roadsList = await as<NotificationList>('roads', 'listNotifications', {});
    expect(roadsList.unread).toBe(3);
    expect(new Set(roadsList.items.map((i) => i.caseId))).toEqual(new Set([ids.nearDue, ids.later]));

    // The case moves to another department: the head no longer sees what was said about it.
    await as('office', 'updateCase', { id: ids.nearDue, departmentId: parks });
    const moved = await as<NotificationList>('roads', 'listNotifications', {});
    expect(moved.items.map((i) => i.caseId)).toEqual([ids.later]);
    expect(moved.unread).toBe(1);
  });

  it('are marked read one by one or all at once, only the caller’s own', async () => {
    const list = await as<NotificationList>('office', 'listNotifications', {});
    expect(list.unread).toBe(3);
    const deputyList = await as<NotificationList>('deputy', 'listNotifications', {});
    expect(await as('office', 'markNotificationsRead', { ids: [list.items[0]!.id, deputyList.items[0]!.id] })).toEqual({ unread: 2 });
    expect((await as<NotificationList>('deputy', 'listNotifications', {})).unread).toBe(deputyList.unread);
    const after = await as<NotificationList>('office', 'listNotifications', { unreadOnly: true });
    expect(after.items.map((i) => i.id)).not.toContain(list.items[0]!.id);
    expect(await as('office', 'markNotificationsRead', { all: true })).toEqual({ unread: 0 });
    // A read deadline notification is not written again.
    expect((await as<NotificationList>('office', 'listNotifications', {})).unread).toBe(0);
    expect(await dispatch('office', 'markNotificationsRead', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe("the executive's overview", () => {
  it('counts volumes by kind and quarter, the overdue share, improvements done this year and the draw status', async () => {
    t.setNow('2026-11-20T10:00:00');
    await as('office', 'createCase', { kind: 'idea', channel: 'web', origin: 'internal', subject: 'Letztes Jahr' });
    // Entered in January, received in December: it counts for the year and quarter it was received in.
    t.setNow('2027-01-05T10:00:00');
    await as('office', 'createCase', { kind: 'question', channel: 'letter', origin: 'external', subject: 'Brief vom Dezember', receivedAt: '2026-12-28T10:00:00Z' });
    t.setNow('2027-02-10T10:00:00');
    const idea = await as<CaseDetail>('office', 'createCase', {
      kind: 'idea',
      channel: 'web',
      origin: 'external',
      subject: 'Trinkbrunnen',
      departmentId: parks,
      submitter: { name: 'Anna Berg', email: 'anna@example.org', consent: true, consentText: 'ok' },
    });
    t.setNow(TUE_06_15);
    const improvement = await as<{ id: number }>('office', 'adoptIdea', { caseId: idea.id, title: 'Trinkbrunnen aufstellen' });
    await as('office', 'setImprovementStatus', { id: improvement.id, status: 'done', doneOn: '2027-06-14', note: 'Aufgestellt.' });
    await as('office', 'createImprovement', { title: 'Bänke', departmentId: parks });
    await as('chief', 'prepareDraw', { year: 2027, pool: 'external', prizes: [{ count: 1, description: 'Gutschein' }] });

    const overview = await as<ExecutiveOverview>('chief', 'executiveOverview');
    expect(overview.year).toBe(2027);
    expect(overview.volumes).toEqual([
      { year: 2026, quarter: 4, kind: 'idea', count: 1 },
      { year: 2026, quarter: 4, kind: 'question', count: 1 },
      { year: 2027, quarter: 1, kind: 'idea', count: 1 },
      { year: 2027, quarter: 2, kind: 'complaint', count: 5 },
    ]);
    // Running: the five complaints, both ideas and the letter (still new); overdue: the complaint due 06-14 and the others.
    expect(overview).toMatchObject({ running: 8, overdue: 4, improvementsDoneThisYear: 1, improvementsInProgress: 0 });
    expect(overview.overdueShare).toBeCloseTo(4 / 8);
    expect(overview.draws).toEqual([
      { year: 2027, pool: 'external', status: 'prepared', entryCount: 1, drawnAt: null },
      { year: 2027, pool: 'internal', status: 'none', entryCount: null, drawnAt: null },
      { year: 2026, pool: 'external', status: 'none', entryCount: null, drawnAt: null },
      { year: 2026, pool: 'internal', status: 'none', entryCount: null, drawnAt: null },
    ]);
    // The volumes are summed from the per-day table the triggers keep (0015), the running cases from case_counts (0012):
    // neither reads a case row or walks an index entry per case (161 ms at 1,000,000 cases when they did).
    // SQLite's plans (PostgreSQL's are not checked yet).
    if (!onPostgres) expectExecutivePlans();
    expect(await dispatch('roads', 'executiveOverview', undefined)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

function expectExecutivePlans(): void {
  const queries = executiveQueries(t.app.services, 2027, '2027-06-15');
  const planOf = (compiled: { sql: string; parameters: readonly unknown[] }) =>
    (rawDb(t.app).prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...compiled.parameters) as { detail: string }[]).map((p) => p.detail);
  expect(planOf(queries.volumes.compile())).toEqual([expect.stringMatching(/^SEARCH case_volumes USING PRIMARY KEY/)]);
  const running = planOf(queries.running.compile()).join('\n');
  expect(running).toMatch(/case_counts/);
  expect(running).toMatch(/SEARCH cases USING COVERING INDEX cases_status_due \(status=\? AND response_due<\?\)/);
}
