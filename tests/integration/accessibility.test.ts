// Accessibility figures (issue 13, point 4) against figures computed here independently: plain SQL over the same demo
// database (2,000 cases over two years, every channel, several departments, a few replies recorded on top), the first
// response taken from the timeline events, and working days counted from the holiday fixture (DE-NW, python-holidays),
// not from the app's calendar. Also the call log, the peer CSV import (bad rows refused with their line, nothing stored)
// and a department head's scope.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../main/api/dispatch.ts';
import type { AccessibilityReport, AccessRow, ApiResult } from '../../main/api/types.ts';
import { generateDemoData } from '../../main/demo/demo-data.ts';
import { recordReply } from '../../main/services/replies.ts';
import { valueOf } from '../support/api.ts';
import { openTempApp, rawQuery, rawValue, STAFF_PASSWORD, type TempApp } from '../support/temp-app.ts';

let t: TempApp;
let dispatch: Dispatch;
const TODAY = '2027-06-01T15:00:00';
const QUARTERS = { from: '2026-Q1', to: '2027-Q2' };

const as = <T>(session: string, channel: string, input?: unknown) => valueOf<T>(dispatch, session, channel, input);

// ---- the independent side ----
const fixture = JSON.parse(readFileSync(new URL('../fixtures/holidays/public_holidays_2025_2027_DE-NW_SE_DK_CZ.json', import.meta.url), 'utf8')) as {
  holidays: { country: string; subdivision: string | null; date: string; category: string }[];
};
const HOLIDAYS = new Set(fixture.holidays.filter((h) => h.country === 'DE' && h.subdivision === 'NW' && h.category === 'public').map((h) => h.date));

/** Working days d with from < d <= to: Monday to Friday and not a DE-NW public holiday of the fixture. */
function workingDays(from: string, to: string): number {
  let n = 0;
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`) + 86_400_000; t <= end; t += 86_400_000) {
    const d = new Date(t);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6 && !HOLIDAYS.has(d.toISOString().slice(0, 10))) n++;
  }
  return n;
}
const pad = (n: number) => String(n).padStart(2, '0');
const localDay = (iso: string) => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
const quarterOf = (date: string) => `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;
const med = (xs: number[]) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

interface Plain {
  id: number;
  received_on: string;
  channel: string;
  department_id: number | null;
  stage: number;
  stage_started_on: string;
  ack_due: string;
  response_due: string;
  answered_on: string | null;
  first_at: string | null;
  stage_first_at: string | null;
}

async function plainCases(departmentIds: number[] | null): Promise<Plain[]> {
  const rows = await rawQuery<Plain>(
    t.app,
    `SELECT id, received_on, channel, department_id, stage, stage_started_on, ack_due, response_due, answered_on
         FROM cases WHERE status NOT IN ('withdrawn', 'merged') AND received_on BETWEEN '2026-01-01' AND '2027-06-30'`,
  );
  const events = await rawQuery<{ case_id: number; at: string; type: string; data: string }>(t.app, `SELECT case_id, at, type, data FROM case_events ORDER BY at, id`);
  const responses = new Map<number, string[]>();
  for (const e of events) {
    const action = (JSON.parse(e.data) as { action?: string }).action;
    if (e.type === 'reply' || (e.type === 'status_changed' && action === 'answer')) responses.set(e.case_id, [...(responses.get(e.case_id) ?? []), e.at]);
  }
  return rows
    .filter((r) => departmentIds === null || (r.department_id !== null && departmentIds.includes(r.department_id)))
    .map((r) => {
      const ats = responses.get(r.id) ?? [];
      return { ...r, first_at: ats[0] ?? null, stage_first_at: ats.find((a) => a >= r.stage_started_on) ?? null };
    });
}

function expected(cases: Plain[], today: string) {
  let within1 = 0;
  let within2 = 0;
  const first: number[] = [];
  const decision: number[] = [];
  const ack = [0, 0, 0, 0];
  const resp = [0, 0, 0, 0];
  for (const c of cases) {
    const firstOn = c.first_at === null ? null : localDay(c.first_at);
    if (firstOn !== null) {
      const d = workingDays(c.received_on, firstOn);
      first.push(d);
      if (d <= 1) within1++;
      if (d <= 2) within2++;
    }
    if (c.answered_on !== null) decision.push(workingDays(c.received_on, c.answered_on));
    const stageFirst = c.stage === 2 ? (c.stage_first_at && localDay(c.stage_first_at)) : firstOn;
    const s = (c.stage - 1) * 2;
    if (stageFirst || c.ack_due < today) {
      ack[s + 1]!++;
      if (stageFirst && stageFirst <= c.ack_due) ack[s]!++;
    }
    if (c.answered_on !== null || c.response_due < today) {
      resp[s + 1]!++;
      if (c.answered_on !== null && c.answered_on <= c.response_due) resp[s]!++;
    }
  }
  return {
    n: cases.length,
    within1,
    within2,
    medianDaysFirstResponse: med(first),
    medianDaysDecision: med(decision),
    ack: [ack[0], ack[1], ack[2], ack[3]],
    resp: [resp[0], resp[1], resp[2], resp[3]],
  };
}

const actual = (r: AccessRow) => ({
  n: r.n,
  within1: r.within1,
  within2: r.within2,
  medianDaysFirstResponse: r.medianDaysFirstResponse,
  medianDaysDecision: r.medianDaysDecision,
  ack: [r.acknowledgement.stage1.met, r.acknowledgement.stage1.counted, r.acknowledgement.stage2.met, r.acknowledgement.stage2.counted],
  resp: [r.response.stage1.met, r.response.stage1.counted, r.response.stage2.met, r.response.stage2.counted],
});

let roads: number;

beforeAll(async () => {
  t = await openTempApp(TODAY);
  const ctx = t.app.services;
  await generateDemoData(ctx, { cases: 2000, seed: 13, until: new Date('2027-06-01T09:00:00') });
  // Replies on top of the demo's answers: acknowledgements on some cases of the last months that are not answered yet.
  const some = (await rawQuery<{ id: number }>(t.app, `SELECT id FROM cases WHERE received_on BETWEEN '2027-03-01' AND '2027-05-19' AND answered_on IS NULL AND status NOT IN ('withdrawn', 'merged') ORDER BY id LIMIT 40`)).map((r) => r.id);
  const office = { id: await rawValue<number>(t.app, `SELECT id FROM users WHERE username = 'ombudsman'`), role: 'ombudsman' as const, departmentIds: [] };
  for (const [i, id] of some.entries()) {
    t.setNow(`2027-05-${pad(20 + (i % 10))}T10:00:00`);
    await recordReply(ctx, office, { caseId: id, channel: 'email', subject: 'Eingangsbestätigung', body: 'Vielen Dank.' });
  }
  t.setNow(TODAY);
  roads = await rawValue<number>(t.app, `SELECT id FROM departments WHERE name = 'Straßen und Tiefbau'`);
  await t.user('petra', 'ombudsman');
  await t.user('chief', 'executive');
  await t.user('head-roads', 'department_head', [roads]);
  dispatch = createDispatcher(t.app, () => undefined);
  for (const [session, username] of [['office', 'petra'], ['chief', 'chief'], ['roads', 'head-roads']] as const)
    expect(await dispatch(session, 'login', { username, password: STAFF_PASSWORD })).toMatchObject({ ok: true });
}, 240_000);

afterAll(async () => {
  await t.cleanup();
});

describe('accessibility figures', () => {
  it('equal the figures computed independently per quarter, channel and department, working days across holidays', async () => {
    const report = await as<AccessibilityReport>('office', 'accessibilityReport', QUARTERS);
    expect(report.quarters).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2027-Q1', '2027-Q2']);
    const plain = await plainCases(null);
    const today = '2027-06-01';
    const channels = new Set(plain.map((c) => c.channel));
    const departments = new Set(plain.map((c) => String(c.department_id ?? 'none')));
    expect(channels.size).toBe(5);
    expect(departments.size).toBeGreaterThan(4);
    let compared = 0;
    for (const q of report.quarters) {
      const inQ = plain.filter((c) => quarterOf(c.received_on) === q);
      expect(inQ.length).toBeGreaterThan(100);
      const all = report.rows.find((r) => r.quarter === q && r.dimension === 'all')!;
      expect(actual(all)).toEqual(expected(inQ, today));
      for (const channel of channels) {
        const row = report.rows.find((r) => r.quarter === q && r.dimension === 'channel' && r.key === channel)!;
        expect(actual(row), `${q} ${channel}`).toEqual(expected(inQ.filter((c) => c.channel === channel), today));
        compared++;
      }
      for (const dep of departments) {
        const row = report.rows.find((r) => r.quarter === q && r.dimension === 'department' && r.key === dep);
        const cases = inQ.filter((c) => String(c.department_id ?? 'none') === dep);
        if (cases.length === 0) expect(row).toBeUndefined();
        else expect(actual(row!), `${q} dep ${dep}`).toEqual(expected(cases, today));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(50);
    // The comparison is only worth something if holidays fall between receipt and response: Easter, May Day, Ascension...
    const crossing = plain.filter((c) => c.answered_on && workingDays(c.received_on, c.answered_on) < Math.round((Date.parse(c.answered_on) - Date.parse(c.received_on)) / 86_400_000 * 5 / 7) - 1);
    expect(crossing.length).toBeGreaterThan(10);
    // The replies count as first responses of cases not answered yet.
    const replied = plain.filter((c) => c.first_at !== null && c.answered_on === null);
    expect(replied.length).toBe(40);
    // Shares are the counts over n.
    const all = report.rows.find((r) => r.quarter === '2027-Q1' && r.dimension === 'all')!;
    expect(all.within2Share).toBeCloseTo(all.within2 / all.n, 12);
  });

  it('gives a department head their departments only, and the executive everything', async () => {
    const mine = await as<AccessibilityReport>('roads', 'accessibilityReport', QUARTERS);
    expect(mine.departmentIds).toEqual([roads]);
    expect(mine.departments.map((d) => d.id)).toEqual([roads]);
    expect(new Set(mine.rows.filter((r) => r.dimension === 'department').map((r) => r.key))).toEqual(new Set([String(roads)]));
    const plain = await plainCases([roads]);
    for (const q of mine.quarters) {
      const all = mine.rows.find((r) => r.quarter === q && r.dimension === 'all')!;
      expect(actual(all)).toEqual(expected(plain.filter((c) => quarterOf(c.received_on) === q), '2027-06-01'));
    }
    const office = await as<AccessibilityReport>('office', 'accessibilityReport', QUARTERS);
    const chief = await as<AccessibilityReport>('chief', 'accessibilityReport', QUARTERS);
    expect(chief.rows).toEqual(office.rows);
    expect(chief.departmentIds).toBeNull();
    // A head cannot log calls or import peers.
    expect(await dispatch('roads', 'logCall', { calledAt: '2027-06-01T08:00:00.000Z', reached: false })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('counts phone reachability from the call log, per quarter and in the head scope', async () => {
    const calls = [
      ['2027-04-03T08:00:00', true, true, roads],
      ['2027-04-03T09:00:00', true, false, null],
      ['2027-05-10T10:00:00', false, null, roads],
      ['2027-05-11T10:00:00', true, true, null],
      ['2027-01-11T10:00:00', false, null, null],
    ] as const;
    for (const [at, reached, direct, dep] of calls)
      await as('office', 'logCall', { calledAt: new Date(at).toISOString(), reached, answeredDirectly: direct, departmentId: dep });
    const refused = (await dispatch('office', 'logCall', { calledAt: new Date('2027-06-03T08:00:00').toISOString(), reached: true, answeredDirectly: true })) as ApiResult<unknown>;
    expect(refused).toMatchObject({ ok: false, error: { code: 'call_in_future', details: { field: 'calledAt' } } });
    expect(await dispatch('office', 'logCall', { calledAt: new Date('2027-05-03T08:00:00').toISOString(), reached: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const report = await as<AccessibilityReport>('office', 'accessibilityReport', QUARTERS);
    expect(report.phone.find((p) => p.quarter === '2027-Q2')).toEqual({ quarter: '2027-Q2', calls: 4, reached: 3, answeredDirectly: 2, reachedShare: 0.75, answeredDirectlyShare: 0.5 });
    expect(report.phone.find((p) => p.quarter === '2027-Q1')).toMatchObject({ calls: 1, reached: 0, reachedShare: 0 });
    expect(report.phone.find((p) => p.quarter === '2026-Q4')).toMatchObject({ calls: 0, reachedShare: null });
    const head = await as<AccessibilityReport>('roads', 'accessibilityReport', QUARTERS);
    expect(head.phone.find((p) => p.quarter === '2027-Q2')).toMatchObject({ calls: 2, reached: 1, answeredDirectly: 1 });
    const stored = await rawValue(t.app, 'SELECT count(*) FROM calls');
    expect(stored).toBe(5);
  });

  it('imports peer figures from CSV: every bad row refused with its line, nothing stored; a good file stored beside ours', async () => {
    const bad = [
      'indicator;year;value;peer',
      'phone_reached;2026;81,5;Kreis Soest',
      'phone_fast;2026;50;Kreis Soest',
      'response_within_1_day;26;40;Linköping',
      'response_within_2_days;2026;140;Linköping',
      'median_days_decision;2026;abc;',
    ].join('\n');
    const result = await dispatch('office', 'importPeerFigures', { csv: bad });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('peer_file_invalid');
    expect(result.error.details!.errors).toEqual([
      { line: 3, field: 'indicator', code: 'unknown_indicator' },
      { line: 4, field: 'year', code: 'invalid_year' },
      { line: 5, field: 'value', code: 'out_of_range' },
      { line: 6, field: 'value', code: 'invalid_value' },
      { line: 6, field: 'peer', code: 'required' },
    ]);
    expect(await rawValue(t.app, 'SELECT count(*) FROM peer_figures')).toBe(0);
    const missingColumn = await dispatch('office', 'importPeerFigures', { csv: 'indicator,year,value\nphone_reached,2026,80\n' });
    expect(missingColumn).toMatchObject({ ok: false, error: { code: 'peer_file_invalid', details: { missing: ['peer'] } } });

    const good = ['indicator,year,value,peer', 'phone_reached,2026,81.5,Kreis Soest', 'response_within_2_days,2026,64,Linköping', 'median_days_decision,2026,9,Kreis Soest'].join('\r\n');
    expect(await as('office', 'importPeerFigures', { csv: good })).toEqual({ stored: 3 });
    // The same figure again replaces the value.
    expect(await as('office', 'importPeerFigures', { csv: 'indicator,year,value,peer\nphone_reached,2026,82,Kreis Soest\n' })).toEqual({ stored: 1 });
    const report = await as<AccessibilityReport>('office', 'accessibilityReport', QUARTERS);
    expect(report.peers).toEqual([
      { indicator: 'median_days_decision', year: 2026, value: 9, peer: 'Kreis Soest' },
      { indicator: 'phone_reached', year: 2026, value: 82, peer: 'Kreis Soest' },
      { indicator: 'response_within_2_days', year: 2026, value: 64, peer: 'Linköping' },
    ]);
    expect(report.years.map((y) => y.year)).toEqual([2026, 2027]);
    // Our 2026 value equals the independent computation over every case received in 2026.
    const in2026 = (await plainCases(null)).filter((c) => c.received_on.startsWith('2026'));
    const e = expected(in2026, '2027-06-01');
    const ours = report.years[0]!.ours;
    expect(ours.response_within_2_days).toBe(Math.round((e.within2 / e.n) * 1000) / 10);
    expect(ours.median_days_decision).toBe(e.medianDaysDecision);
  });
});
