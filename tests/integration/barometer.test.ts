// The barometer's figures against plain SQL over the same database, the kiosk's double-press rule, paper tallies and
// the department scope, through the services and through the real dispatcher.
import { afterAll, describe, expect, it } from 'vitest';
import { barometerReport, castKioskVote, currentQuarterResult, enterPaperTally } from '../../main/services/barometer.ts';
import { SYSTEM_ACTOR } from '../../main/services/actor.ts';
import type { AppContext } from '../../main/app-context.ts';
import { openTempApp, rawQuery, rawValue, removeTempDirs } from '../support/temp-app.ts';

afterAll(removeTempDirs);

/**
 * Counts per quarter computed with SQL alone (sums of count, the quarter from voted_on), and the index and margin from
 * them; the same statement on either engine.
 */
async function sqlFigures(app: AppContext, departmentIds: number[] | null) {
  const filter = departmentIds ? `WHERE department_id IN (${departmentIds.join(',')})` : '';
  const rows = (await rawQuery(
    app,
    `SELECT substr(voted_on, 1, 4) || '-Q' || ((CAST(substr(voted_on, 6, 2) AS INTEGER) + 2) / 3) AS quarter,
              SUM(CASE rating WHEN 'good' THEN count ELSE 0 END) AS good,
              SUM(CASE rating WHEN 'okay' THEN count ELSE 0 END) AS okay,
              SUM(CASE rating WHEN 'could_be_better' THEN count ELSE 0 END) AS bad,
              SUM(count) AS n,
              CAST(SUM(count * CASE rating WHEN 'good' THEN 100 WHEN 'okay' THEN 50 ELSE 0 END) AS DOUBLE PRECISION) / SUM(count) AS mean
         FROM barometer_votes ${filter} GROUP BY quarter ORDER BY quarter`,
  )) as { quarter: string; good: number; okay: number; bad: number; n: number; mean: number }[];
  return rows.map((row) => {
    // Sample variance from the sums: Σ count·(score − mean)² / (n − 1).
    const squares = row.good * (100 - row.mean) ** 2 + row.okay * (50 - row.mean) ** 2 + row.bad * (0 - row.mean) ** 2;
    return { ...row, margin: row.n < 2 ? null : (1.96 * Math.sqrt(squares / (row.n - 1))) / Math.sqrt(row.n) };
  });
}

describe('the barometer', () => {
  it('reports per quarter what plain SQL computes, for all votes and for a department', async () => {
    const t = await openTempApp('2026-11-20T10:00:00');
    const roads = await t.department('Straßen');
    const parks = await t.department('Grünflächen');
    const office = await t.user('ombudsman', 'ombudsman');
    const tallies: [string, number | null, number, number, number][] = [
      ['2025-12-31', null, 12, 3, 1],
      ['2026-01-15', roads, 40, 10, 5],
      ['2026-03-31', parks, 2, 2, 9],
      ['2026-04-01', roads, 120, 0, 0],
      ['2026-06-30', null, 1, 0, 0],
      ['2026-08-12', parks, 15, 7, 3],
      ['2026-08-13', roads, 0, 0, 4],
    ];
    for (const [date, departmentId, good, okay, bad] of tallies) {
      await enterPaperTally(t.app.services, office, { date, place: 'Rathaus', departmentId, counts: { good, okay, could_be_better: bad } });
    }
    // Kiosk votes, a minute apart (so each counts), in the current quarter.
    for (const [i, rating] of (['good', 'okay', 'could_be_better', 'good'] as const).entries()) {
      t.setNow(`2026-11-20T10:0${i}:00`);
      expect((await castKioskVote(t.app.services, { kioskId: 'k1', place: 'Foyer', rating })).counted).toBe(true);
    }
    // A tally of 120 "good" is one row.
    expect(await rawValue(t.app, "SELECT count(*) FROM barometer_votes WHERE voted_on = '2026-04-01'")).toBe(1);

    for (const departmentIds of [null, [roads], [parks], [roads, parks]]) {
      const report = await barometerReport(t.app.services, SYSTEM_ACTOR, { from: '2025-Q3', to: '2026-Q4', departmentIds: departmentIds ?? undefined });
      expect(report.quarters.map((q) => q.quarter)).toEqual(['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
      const expected = await sqlFigures(t.app, departmentIds);
      expect(expected.length).toBeGreaterThanOrEqual(2);
      for (const row of expected) {
        const quarter = report.quarters.find((q) => q.quarter === row.quarter)!;
        expect(quarter.counts, `${row.quarter} ${departmentIds}`).toEqual({ good: row.good, okay: row.okay, could_be_better: row.bad });
        expect(quarter.n).toBe(row.n);
        expect(quarter.index).toBeCloseTo(row.mean, 9);
        if (row.margin === null) expect(quarter.margin).toBeNull();
        else expect(quarter.margin).toBeCloseTo(row.margin, 9);
        expect(quarter.reliable).toBe(row.n >= 30);
        expect(quarter.shares.good).toBeCloseTo(row.good / row.n, 12);
      }
      // Quarters without votes are listed, empty and unreliable.
      for (const quarter of report.quarters.filter((q) => !expected.some((row) => row.quarter === q.quarter))) {
        expect(quarter).toMatchObject({ n: 0, index: null, margin: null, reliable: false });
      }
    }
    // 2026-Q1 with the roads department alone: 55 votes, reliable; parks: 13, not reliable but listed.
    const q1 = (ids: number[]) => barometerReport(t.app.services, SYSTEM_ACTOR, { from: '2026-Q1', to: '2026-Q1', departmentIds: ids });
    expect((await q1([roads])).quarters[0]).toMatchObject({ n: 55, reliable: true });
    expect((await q1([parks])).quarters[0]).toMatchObject({ n: 13, reliable: false });
    expect((await currentQuarterResult(t.app.services)).quarter).toBe('2026-Q4');
    await t.cleanup();
  });

  it('counts a second press on the same kiosk within the interval once, and another kiosk on its own', async () => {
    const t = await openTempApp('2026-05-04T10:00:00');
    const press = (at: string, kioskId = 'k1') => {
      t.setNow(at);
      return castKioskVote(t.app.services, { kioskId, place: 'Foyer', rating: 'good' });
    };
    expect((await press('2026-05-04T10:00:00')).counted).toBe(true);
    expect((await press('2026-05-04T10:00:02')).counted).toBe(false);
    expect((await press('2026-05-04T10:00:02', 'k2')).counted).toBe(true);
    expect((await press('2026-05-04T10:00:04.900')).counted).toBe(false);
    const fifth = await press('2026-05-04T10:00:05');
    expect(fifth.counted).toBe(true);
    expect(fifth.current).toMatchObject({ quarter: '2026-Q2', n: 3, index: 100 });
    // The interval is a setting.
    await rawQuery(t.app, "UPDATE settings SET value = '60' WHERE key = 'barometer_kiosk_interval_seconds'");
    expect((await press('2026-05-04T10:00:30')).counted).toBe(false);
    expect((await press('2026-05-04T10:01:05')).counted).toBe(true);
    expect(await rawValue(t.app, 'SELECT sum(count) FROM barometer_votes')).toBe(4);
    await t.cleanup();
  });

  it('refuses an empty tally and one dated in the future, at their fields', async () => {
    const t = await openTempApp('2026-05-04T10:00:00');
    const office = await t.user('ombudsman', 'ombudsman');
    await expect(enterPaperTally(t.app.services, office, { date: '2026-05-04', place: 'x', counts: { good: 0, okay: 0, could_be_better: 0 } })).rejects.toMatchObject({ code: 'tally_empty' });
    await expect(enterPaperTally(t.app.services, office, { date: '2026-05-05', place: 'x', counts: { good: 1, okay: 0, could_be_better: 0 } })).rejects.toMatchObject({
      code: 'tally_date_in_future',
      details: { field: 'date' },
    });
    await t.cleanup();
  });

  it("shows a department head their own departments' votes only", async () => {
    const t = await openTempApp('2026-05-04T10:00:00');
    const roads = await t.department('Straßen');
    const parks = await t.department('Grünflächen');
    const office = await t.user('ombudsman', 'ombudsman');
    const head = await t.user('head', 'department_head', [roads]);
    await enterPaperTally(t.app.services, office, { date: '2026-05-01', place: 'a', departmentId: roads, counts: { good: 3, okay: 0, could_be_better: 0 } });
    await enterPaperTally(t.app.services, office, { date: '2026-05-01', place: 'b', departmentId: parks, counts: { good: 0, okay: 0, could_be_better: 7 } });
    await enterPaperTally(t.app.services, office, { date: '2026-05-01', place: 'c', counts: { good: 0, okay: 5, could_be_better: 0 } });
    const own = await barometerReport(t.app.services, head, { from: '2026-Q2', to: '2026-Q2' });
    expect(own.departmentIds).toEqual([roads]);
    expect(own.quarters[0]!.counts).toEqual({ good: 3, okay: 0, could_be_better: 0 });
    await expect(barometerReport(t.app.services, head, { from: '2026-Q2', to: '2026-Q2', departmentIds: [parks] })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(barometerReport(t.app.services, head, { departmentIds: [roads, parks] })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await barometerReport(t.app.services, office, { from: '2026-Q2', to: '2026-Q2' })).quarters[0]!.n).toBe(15);
    await t.cleanup();
  });
});
