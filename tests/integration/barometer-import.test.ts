// The web vote import (issue 13, point 1) through the window's call and the real job runner (the file is parsed in the
// job's worker): the figures per quarter equal what the fixture says (read here with papaparse and SheetJS alone, with
// a rating table of the test's own); importing the same file again adds nothing and says skipped; a file without an id
// column is keyed by row content and occurrence (a grown export adds only its new rows); a row with an unknown rating,
// an impossible date or a future time is a row error naming its row while the others are stored; an empty, a binary and
// a column-less file fail the job and store nothing; XLSX date cells are read as the office's local time.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import * as XLSX from 'xlsx';
import { afterAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../main/api/dispatch.ts';
import type { BarometerReport, JobRecord, VoteImportResult } from '../../main/api/types.ts';
import { openTempApp, rawQuery, rawValue, removeTempDirs, STAFF_PASSWORD, type TempApp } from '../support/temp-app.ts';

afterAll(removeTempDirs);

const NOW = '2027-04-26T09:00:00';
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/barometer');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));

/** The test's own reading of a rating word (the fixtures' spellings only). */
const RATING: Record<string, 'good' | 'okay' | 'could_be_better'> = {
  good: 'good',
  gut: 'good',
  '1': 'good',
  '🙂': 'good',
  happy: 'good',
  okay: 'okay',
  'geht so': 'okay',
  '2': 'okay',
  neutral: 'okay',
  'could be better': 'could_be_better',
  'könnte besser sein': 'could_be_better',
  '3': 'could_be_better',
  sad: 'could_be_better',
};
const quarterOf = (date: string) => `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) + 2) / 3)}`;

/** Expected counts per quarter from rows of [date 'YYYY-MM-DD', rating word]. */
function expectedCounts(rows: [string, string][]) {
  const byQuarter = new Map<string, { good: number; okay: number; could_be_better: number }>();
  for (const [date, word] of rows) {
    const rating = RATING[word.trim().toLowerCase()];
    if (!rating) throw new Error(`the test's table lacks ${word}`);
    const quarter = quarterOf(date);
    const counts = byQuarter.get(quarter) ?? { good: 0, okay: 0, could_be_better: 0 };
    counts[rating]++;
    byQuarter.set(quarter, counts);
  }
  return byQuarter;
}

async function office(t: TempApp) {
  await t.user('petra', 'ombudsman');
  const dispatch = createDispatcher(t.app, () => undefined);
  await dispatch('w', 'login', { username: 'petra', password: STAFF_PASSWORD });
  const ok = async <T,>(channel: string, input: unknown): Promise<T> => {
    const result = await dispatch('w', channel as never, input as never);
    if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
    return result.value as T;
  };
  const importVotes = async (name: string, bytes: Uint8Array | string) => {
    const started = await ok<JobRecord>('importWebVotes', { name, dataBase64: Buffer.from(bytes).toString('base64') });
    return await t.app.jobs.finished(started.id);
  };
  const rowErrors = async (job: JobRecord) =>
    (JSON.parse(Buffer.from((await ok<{ dataBase64: string }>('jobResult', { id: job.id })).dataBase64, 'base64').toString('utf8')) as VoteImportResult).errors;
  const quarters = async () => new Map((await ok<BarometerReport>('barometerReport', { from: '2027-Q1', to: '2027-Q2' })).quarters.map((q) => [q.quarter, q.counts]));
  return { dispatch, ok, importVotes, rowErrors, quarters };
}

const webVotes = (t: TempApp) => rawValue<number>(t.app, "SELECT count(*) FROM barometer_votes WHERE source = 'web'");

describe('importing web votes', () => {
  it('imports a CSV with a vote id column: the quarters count what the file says, and a second import adds nothing', async () => {
    const t = await openTempApp(NOW);
    const desk = await t.department('Bürgerbüro');
    const { importVotes, rowErrors, quarters } = await office(t);
    const records = Papa.parse<Record<string, string>>(fixture('web-votes.csv').toString('utf8'), { header: true, skipEmptyLines: true }).data;
    expect(records).toHaveLength(16);

    const first = await importVotes('web-votes.csv', fixture('web-votes.csv'));
    expect(first.status).toBe('done');
    expect(first.counts).toMatchObject({ rows: 16, imported: 16, skipped: 0, failed: 0 });
    expect(await rowErrors(first)).toEqual([]);
    const expected = expectedCounts(records.map((r) => [r.Time!.slice(0, 10), r.Rating!]));
    expect(await quarters()).toEqual(new Map([['2027-Q1', expected.get('2027-Q1')], ['2027-Q2', expected.get('2027-Q2')]]));

    // Source web, the department by name, the key from the id, the office's date of the local time.
    const [row] = await rawQuery<Record<string, unknown>>(t.app, "SELECT * FROM barometer_votes WHERE import_key = 'web:id:w-1004'");
    expect(row).toMatchObject({ source: 'web', rating: 'okay', count: 1, department_id: desk, voted_on: '2027-04-01', kiosk_id: null });
    expect(new Date(row!.voted_at as string).getTime()).toBe(new Date(2027, 3, 1, 9, 45, 10).getTime());
    const withDepartment = records.filter((r) => r.Department === 'Bürgerbüro').length;
    expect(await rawValue(t.app, 'SELECT count(*) FROM barometer_votes WHERE department_id = ?', [desk])).toBe(withDepartment);

    const again = await importVotes('web-votes (copy).csv', fixture('web-votes.csv'));
    expect(again.counts).toMatchObject({ rows: 16, imported: 0, skipped: 16, failed: 0 });
    expect(await webVotes(t)).toBe(16);
    expect(await quarters()).toEqual(new Map([['2027-Q1', expected.get('2027-Q1')], ['2027-Q2', expected.get('2027-Q2')]]));
  });

  it('keys rows without an id by content and occurrence: identical rows are two votes, a grown export adds only its new rows', async () => {
    const t = await openTempApp(NOW);
    await t.department('Bürgerbüro');
    const { importVotes } = await office(t);
    const file = fixture('web-votes-de.csv').toString('utf8');
    const first = await importVotes('web-votes-de.csv', file);
    expect(first.counts).toMatchObject({ rows: 4, imported: 4, skipped: 0, failed: 0 });
    // "06.04.2027 10:15" twice: two votes at that local time; a date alone is noon of that day.
    expect(await rawValue(t.app, 'SELECT count(*) FROM barometer_votes WHERE voted_at = ?', [new Date(2027, 3, 6, 10, 15).toISOString()])).toBe(2);
    expect(await rawValue(t.app, "SELECT voted_at FROM barometer_votes WHERE rating = 'could_be_better'")).toBe(new Date(2027, 3, 8, 12).toISOString());
    expect(await rawValue(t.app, "SELECT count(*) FROM barometer_votes WHERE import_key LIKE 'web:row:%'")).toBe(4);

    expect((await importVotes('web-votes-de.csv', file)).counts).toMatchObject({ imported: 0, skipped: 4 });
    // The export a week later: the same rows, a third identical vote and another one.
    const grown = `${file}06.04.2027 10:15;gut;\n20.04.2027 09:00;2;\n`;
    expect((await importVotes('web-votes-de-later.csv', grown)).counts).toMatchObject({ rows: 6, imported: 2, skipped: 4, failed: 0 });
    expect(await webVotes(t)).toBe(6);
  });

  it('stores the good rows of a file with bad ones and names each bad row with its reason', async () => {
    const t = await openTempApp(NOW);
    const { importVotes, rowErrors, quarters } = await office(t);
    const job = await importVotes('web-votes-bad-rating.csv', fixture('web-votes-bad-rating.csv'));
    expect(job.status).toBe('done');
    expect(job.counts).toMatchObject({ rows: 6, imported: 3, skipped: 0, failed: 3 });
    // Rows counted as in a spreadsheet: the header is row 1.
    expect(await rowErrors(job)).toEqual([
      { row: 3, code: 'vote_rating_unknown', details: { row: 3, value: 'prima' } },
      { row: 5, code: 'vote_time_invalid', details: { row: 5, value: '2027-04-31T09:15:00' } },
      { row: 7, code: 'vote_in_future', details: { row: 7, value: '2099-01-01T00:00:00' } },
    ]);
    expect((await quarters()).get('2027-Q2')).toEqual({ good: 1, okay: 1, could_be_better: 1 });
    // The import after the file was corrected adds only the rows that failed before.
    const fixed = fixture('web-votes-bad-rating.csv').toString('utf8').replace('prima', 'gut').replace('2027-04-31', '2027-04-11').replace('2099-01-01', '2027-04-25');
    expect((await importVotes('web-votes-fixed.csv', fixed)).counts).toMatchObject({ imported: 3, skipped: 3, failed: 0 });
  });

  it('fails an empty, a binary and a column-less file with a named error and stores nothing', async () => {
    const t = await openTempApp(NOW);
    const { importVotes } = await office(t);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.alloc(64, 7)]);
    const cases: [string, Uint8Array | string, string][] = [
      ['leer.csv', '', 'table_empty'],
      ['only-header.csv', 'Time,Rating\n', 'table_empty'],
      ['picture.csv', png, 'table_unreadable'],
      ['names.csv', 'Name,Comment\nErika,gut\n', 'votes_no_rating_column'],
      ['no-time.csv', 'Rating,Comment\ngood,fine\n', 'votes_no_time_column'],
      ['broken.xlsx', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(40, 1)]), 'table_unreadable'],
    ];
    for (const [name, bytes, code] of cases) {
      const job = await importVotes(name, bytes);
      expect(job.status, name).toBe('failed');
      expect(job.error?.code, name).toBe(code);
      expect(job.error?.details?.file, name).toBe(name);
    }
    expect(await rawValue(t.app, 'SELECT count(*) FROM barometer_votes')).toBe(0);
  });

  it('imports XLSX with date cells as the office’s local time and number ratings', async () => {
    const t = await openTempApp(NOW);
    const { importVotes, quarters } = await office(t);
    const workbook = XLSX.read(fixture('web-votes.xlsx'), { cellDates: true });
    const rows = XLSX.utils.sheet_to_json<{ Datum: Date; Bewertung: string | number }>(workbook.Sheets[workbook.SheetNames[0]!]!);
    const local = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const expected = expectedCounts(rows.map((r) => [local(r.Datum), String(r.Bewertung)]));

    const job = await importVotes('web-votes.xlsx', fixture('web-votes.xlsx'));
    expect(job.counts).toMatchObject({ rows: 5, imported: 5, skipped: 0, failed: 0 });
    expect(await quarters()).toEqual(new Map([['2027-Q1', expected.get('2027-Q1')], ['2027-Q2', expected.get('2027-Q2')]]));
    expect(await rawValue(t.app, "SELECT voted_at FROM barometer_votes WHERE import_key = 'web:id:x-1'")).toBe(new Date(2027, 3, 15, 10, 30).toISOString());
    expect((await importVotes('web-votes.xlsx', fixture('web-votes.xlsx'))).counts).toMatchObject({ imported: 0, skipped: 5 });
  });

  it('refuses a second vote import of the same person while one is starting, and the settings to all but the administrator', async () => {
    const t = await openTempApp(NOW);
    await t.department('Bürgerbüro');
    const { dispatch } = await office(t);
    const input = { name: 'web-votes.csv', dataBase64: fixture('web-votes.csv').toString('base64') };
    const [a, b] = await Promise.all([dispatch('w', 'importWebVotes', input), dispatch('w', 'importWebVotes', input)]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    const refused = a.ok ? b : a;
    expect(refused).toMatchObject({ ok: false, error: { code: 'import_running' } });
    const started = (a.ok ? a.value : (b as { value: JobRecord }).value) as JobRecord;
    await t.app.jobs.finished(started.id);
    expect(await webVotes(t)).toBe(16);
    expect(await dispatch('w', 'updateBarometerSettings', { minN: 5, requestId: crypto.randomUUID() })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
