// The quarterly and yearly report: its figures equal plain SQL over a demo database (a year, a quarter, a department,
// a department head's scope), and the exports (XLSX re-read with SheetJS equal the list services' rows for the same
// filter and scope; CSV with BOM, the language's separator and the formula guard).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { generateDemoData } from '../../main/demo/demo-data.ts';
import { csvLines, guardCell } from '../../main/domain/table-export.ts';
import type { Actor } from '../../main/services/actor.ts';
import { SYSTEM_ACTOR } from '../../main/services/actor.ts';
import { listCases } from '../../main/services/case-list.ts';
import { createCase } from '../../main/services/cases.ts';
import { adoptIdea, listImprovements, setImprovementStatus } from '../../main/services/improvements.ts';
import { reportData } from '../../main/services/reports.ts';
import { caseExportRow, exportCases, exportImprovements, improvementExportRow, reportWorkbook } from '../../main/services/table-exports.ts';
import { openTempApp, rawQuery, rawValue, removeTempDirs, type TempApp } from '../support/temp-app.ts';

afterAll(removeTempDirs);

const NOW = '2027-06-01T09:00:00';
let t: TempApp;
let office: Actor;
let head: Actor;
let departmentId: number;

beforeAll(async () => {
  t = await openTempApp(NOW);
  await generateDemoData(t.app.services, { cases: 1500, seed: 7, until: new Date('2027-05-31T12:00:00') });
  office = await t.user('petra', 'ombudsman');
  departmentId = await rawValue<number>(t.app, 'SELECT department_id AS d FROM cases WHERE department_id IS NOT NULL GROUP BY department_id ORDER BY count(*) DESC, department_id LIMIT 1');
  head = await t.user('hanna', 'department_head', [departmentId]);
  // Some ideas become improvements done in 2026 (demo data has none).
  const ideas = (await rawQuery<{ id: number }>(t.app, "SELECT id FROM cases WHERE kind = 'idea' AND department_id IS NOT NULL AND status NOT IN ('merged', 'withdrawn') AND received_on LIKE '2026-%' ORDER BY id LIMIT 8")).map((r) => r.id);
  for (const [i, caseId] of ideas.entries()) {
    const improvement = await adoptIdea(t.app.services, office, { caseId, title: `Verbesserung ${i}`, description: '' });
    await setImprovementStatus(t.app.services, office, { id: improvement, status: 'done', doneOn: `2026-0${(i % 9) + 1}-15`, note: `Getan ${i}` });
  }
}, 120_000);

/** The figures by plain SQL: counts by a column among the period's cases (not merged), optionally one department. */
async function sqlCounts(column: string, from: string, to: string, department: number | null): Promise<Map<string, number>> {
  const rows = await rawQuery<{ k: string; n: number }>(
    t.app,
    `SELECT coalesce(${column}, '') AS k, count(*) AS n FROM cases c LEFT JOIN departments d ON d.id = c.department_id WHERE received_on BETWEEN ? AND ? AND status != 'merged' ${department ? 'AND department_id = ?' : ''} GROUP BY 1`,
    [from, to, ...(department ? [department] : [])],
  );
  return new Map(rows.filter((r) => r.n > 0).map((r) => [r.k, r.n]));
}

async function sqlDeadlines(from: string, to: string, department: number | null, today: string) {
  const params = [from, to, ...(department ? [department] : [])];
  const where = `received_on BETWEEN ? AND ? AND status != 'merged' ${department ? 'AND department_id = ?' : ''}`;
  const result = [];
  for (const stage of [1, 2]) {
    const count = (condition: string, extra: unknown[] = []) => rawValue<number>(t.app, `SELECT count(*) AS n FROM cases WHERE ${where} AND stage = ${stage} AND ${condition}`, [...params, ...extra]);
    result.push({
      stage,
      acknowledgement: {
        met: await count('first_response_at IS NOT NULL AND substr(first_response_at, 1, 10) <= ack_due'),
        missed: await count('((first_response_at IS NOT NULL AND substr(first_response_at, 1, 10) > ack_due) OR (first_response_at IS NULL AND ack_due < ?))', [today]),
        pending: await count('first_response_at IS NULL AND ack_due >= ?', [today]),
      },
      response: {
        met: await count('answered_on IS NOT NULL AND answered_on <= response_due'),
        missed: await count('((answered_on IS NOT NULL AND answered_on > response_due) OR (answered_on IS NULL AND response_due < ?))', [today]),
        pending: await count('answered_on IS NULL AND response_due >= ?', [today]),
      },
    });
  }
  return result;
}

const asMap = (list: { key: string; count: number }[]) => new Map(list.filter((c) => c.count > 0).map((c) => [c.key, c.count]));

describe('report figures equal plain SQL', () => {
  for (const [period, from, to] of [['2026', '2026-01-01', '2026-12-31'], ['2027-Q1', '2027-01-01', '2027-03-31']] as const) {
    for (const scoped of [false, true]) {
      it(`${period}${scoped ? ', one department' : ''}`, async () => {
        const department = scoped ? departmentId : null;
        const data = await reportData(t.app.services, office, { period, departmentId: department });
        expect(data.period).toMatchObject({ from, to });
        const total = [...(await sqlCounts("'all'", from, to, department)).values()][0];
        expect(data.total).toBe(total);
        expect(data.total).toBeGreaterThan(scoped ? 5 : 50);
        expect(asMap(data.byKind)).toEqual(await sqlCounts('kind', from, to, department));
        expect(asMap(data.byChannel)).toEqual(await sqlCounts('channel', from, to, department));
        expect(asMap(data.byOrigin)).toEqual(await sqlCounts('origin', from, to, department));
        expect(asMap(data.byDepartment)).toEqual(await sqlCounts('d.name', from, to, department));
        const outcomes = await sqlCounts('outcome', from, to, department);
        outcomes.delete('');
        expect(asMap(data.outcomes)).toEqual(outcomes);
        const shares = data.byKind.reduce((sum, c) => sum + (c.share ?? 0), 0);
        expect(shares).toBeCloseTo(1, 10);
        const deadlines = await sqlDeadlines(from, to, department, '2027-06-01');
        expect(data.deadlines.map((s) => ({ stage: s.stage, acknowledgement: { met: s.acknowledgement.met, missed: s.acknowledgement.missed, pending: s.acknowledgement.pending }, response: { met: s.response.met, missed: s.response.missed, pending: s.response.pending } }))).toEqual(deadlines);
        const done = { n: await rawValue<number>(t.app, `SELECT count(*) AS n FROM improvements WHERE status = 'done' AND done_on BETWEEN ? AND ? ${department ? 'AND department_id = ?' : ''}`, [from, to, ...(department ? [department] : [])]) };
        expect(data.improvementsDone).toBe(done.n);
        expect(data.improvements.length).toBe(Math.min(done.n, 5));
        if (period === '2026' && !scoped) {
          expect(done.n).toBe(8);
          expect(data.improvements[0]).toMatchObject({ doneNote: expect.stringMatching(/^Getan/), youSaid: expect.any(String) });
        }
        expect(data.barometer.quarters.length).toBe(4);
        expect(data.draws).toEqual(scoped ? null : []);
      });
    }
  }

  it("a department head gets their own department's figures only, and is refused another's", async () => {
    const own = await reportData(t.app.services, head, { period: '2026' });
    expect(own.total).toBe([...(await sqlCounts("'all'", '2026-01-01', '2026-12-31', departmentId)).values()][0]);
    expect(own.byDepartment.map((c) => c.count).filter((n) => n > 0).length).toBe(1);
    expect(own.draws).toBeNull();
    const other = await rawValue<number>(t.app, 'SELECT id FROM departments WHERE id != ? ORDER BY id LIMIT 1', [departmentId]);
    await expect(reportData(t.app.services, head, { period: '2026', departmentId: other })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('the workbook has one sheet per table with the same figures', async () => {
    const data = await reportData(t.app.services, office, { period: '2026' });
    const book = XLSX.read(Buffer.from(reportWorkbook(data, 'en').dataBase64, 'base64'));
    expect(book.SheetNames).toEqual(['Kinds', 'Channels', 'Origins', 'Departments', 'Outcomes', 'Deadlines', 'Improvements', 'Barometer', 'Prize draw']);
    const kinds = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets.Kinds!, { header: 1 });
    expect(kinds.slice(1).map((r) => [r[0], r[1]])).toEqual(data.byKind.map((c) => [c.key, c.count]));
  });
});

function readSheet(base64: string): unknown[][] {
  const book = XLSX.read(Buffer.from(base64, 'base64'));
  return XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0]!]!, { header: 1, defval: null, raw: true });
}

describe('table exports', () => {
  it('the inbox export holds every row of the filter, equal to listCases; a head gets their department only', async () => {
    const filter = { statuses: ['open', 'forwarded', 'answered', 'closed'] as ('open' | 'forwarded' | 'answered' | 'closed')[] };
    const sort = { column: 'receivedAt' as const, direction: 'desc' as const };
    for (const actor of [office, head]) {
      const expected = (await listCases(t.app.services, actor, { filter, sort, limit: 100_000, offset: 0 })).rows.map((r) => caseExportRow(r).map(guardCell));
      expect(expected.length).toBeGreaterThan(actor === head ? 20 : 500);
      const progress: number[] = [];
      const file = await exportCases(t.app.services, actor, { filter, sort, format: 'xlsx', language: 'en' }, (done) => progress.push(done));
      const rows = readSheet(file.dataBase64);
      expect(rows[0]![0]).toBe('Reference');
      expect(rows.slice(1)).toEqual(expected);
      if (actor === head) expect(new Set(rows.slice(1).map((r) => r[7]))).toEqual(new Set([expected[0]![7]]));
    }
  });

  it('the improvements export equals listImprovements', async () => {
    const expected = (await listImprovements(t.app.services, office, { statuses: ['done'] })).map((r) => improvementExportRow(r).map(guardCell));
    const rows = readSheet((await exportImprovements(t.app.services, office, { filter: { statuses: ['done'] }, format: 'xlsx', language: 'de' })).dataBase64);
    expect(rows[0]![1]).toBe('Verbesserung');
    expect(rows.slice(1)).toEqual(expected);
    expect(rows.length).toBe(9);
    const csv = Buffer.from((await exportImprovements(t.app.services, office, { filter: { statuses: ['done'] }, format: 'csv', language: 'de' })).dataBase64, 'base64').toString('utf8');
    expect(csv.startsWith('\uFEFFNr.;Verbesserung;Fachbereich')).toBe(true);
    expect(csv.trimEnd().split('\r\n').length).toBe(9);
  });

  it('guards cells against formula injection in CSV and XLSX; separator per language', async () => {
    expect(guardCell('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    for (const start of ['=', '+', '-', '@']) expect(guardCell(`${start}1+2`)).toBe(`'${start}1+2`);
    expect(guardCell(-3)).toBe(-3);
    expect(guardCell('Straße')).toBe('Straße');
    expect(csvLines([['a', '=1+1;x', 'say "hi"']], ';')).toBe('a;"\'=1+1;x";"say ""hi"""\r\n');
    expect(csvLines([['a', 'b,c']], ',')).toBe('a,"b,c"\r\n');
    const caseId = await createCase(t.app.services, SYSTEM_ACTOR, {
      kind: 'complaint', channel: 'email', origin: 'external', subject: '=cmd|\' /C calc\'!A0', description: '', departmentId: null, priority: 'normal',
      submitter: { anonymous: false, name: '@Mallory', email: null, phone: null, address: null, organisation: null, language: 'de', consent: false, consentText: null },
    });
    const reference = await rawValue<string>(t.app, 'SELECT reference FROM cases WHERE id = ?', [caseId]);
    const csv = Buffer.from((await exportCases(t.app.services, office, { filter: { reference }, format: 'csv', language: 'en' })).dataBase64, 'base64').toString('utf8');
    const line = csv.split('\r\n')[1]!;
    expect(line).toContain(",'=cmd|' /C calc'!A0,'@Mallory,");
    const xlsx = readSheet((await exportCases(t.app.services, office, { filter: { reference }, format: 'xlsx', language: 'en' })).dataBase64);
    expect(xlsx[1]![5]).toBe("'=cmd|' /C calc'!A0");
  });
});
