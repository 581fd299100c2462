// Exports of the inbox (issue 13, point 6): the export buttons reached with the keyboard, exactly the filtered view
// exported as XLSX (a double click: one job, one file) and CSV, each re-read with SheetJS and compared row by row with
// the rows the inbox shows; a department head's export holds only their department. Screens at 1280x800 and 1920x1080.
import type { Download, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { expect, test } from './fixtures.ts';
import { api, firstSignIn, noSeriousViolations } from './session.ts';

const OFFICE_NOW = '2027-04-19T09:00:00'; // a Monday (its own test server: no other spec uses this time)
test.use({ officeNow: OFFICE_NOW, demoCases: 300 });

const de = JSON.parse(readFileSync(new URL('../../renderer/src/i18n/de.json', import.meta.url), 'utf8')) as Record<string, Record<string, string>>;

/** The inbox's rows as shown: reference, kind, channel, subject, name, department, status, handler (the grid's cells). */
async function shownRows(page: Page): Promise<string[][]> {
  return page.locator('table.cases tbody tr.row').evaluateAll((rows) =>
    rows.map((row) => {
      const cells = [...row.querySelectorAll('td:not(.select-cell)')].map((cell) => (cell.textContent ?? '').trim());
      // reference, received, kind, channel, origin, subject, submitter, department, status, due, handler
      return [cells[0]!, cells[2]!, cells[3]!, cells[5]!, cells[6]!, cells[7]!, cells[8]!, cells[10]!];
    }),
  );
}

/** The same columns from an exported sheet (codes translated as the inbox shows them). */
function exportedRows(sheet: XLSX.WorkSheet): { header: string[]; rows: string[][] } {
  const [header, ...rows] = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, defval: '', raw: false });
  const text = (value: unknown) => String(value ?? '');
  return {
    header: header!.map(text),
    rows: rows.map((r) => [
      text(r[0]),
      de.kind![text(r[2])]!,
      de.channel![text(r[3])]!,
      text(r[5]),
      text(r[6]) === '' ? 'anonym' : text(r[6]),
      text(r[7]) === '' ? '–' : text(r[7]),
      de.status![text(r[8])]!,
      text(r[11]),
    ]),
  };
}

async function bookOf(download: Download): Promise<XLSX.WorkBook> {
  const path = await download.path();
  const bytes = readFileSync(path);
  if (download.suggestedFilename().endsWith('.csv')) {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 with BOM, for Excel
    return XLSX.read(bytes.toString('utf8').replace(/^\uFEFF/, ''), { type: 'string', raw: true });
  }
  return XLSX.read(bytes, { type: 'buffer' });
}

async function tableExportJobs(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const jobs = await window.ombudsdesk.listJobs();
    return jobs.ok ? jobs.value.filter((j) => j.kind === 'tableExport').map((j) => j.status) : ['error'];
  });
}

async function openInbox(page: Page) {
  await page.getByRole('button', { name: 'Eingang', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Eingang', exact: true, level: 1 })).toBeVisible();
}

test('the filtered inbox exported as XLSX and CSV equals the rows shown; a head exports only their department', async ({ page, browser, baseURL }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await firstSignIn(page, OFFICE_NOW, 'ombudsman', 'demo-password-2026', 'ombudsman-password-7');
  await openInbox(page);
  // All cases, then complaints by phone with the status "answered", sorted by reference ascending: a view that fits on the screen.
  await page.getByRole('button', { name: 'Alle', exact: true }).click();
  await page.getByLabel('Art', { exact: true }).selectOption({ label: 'Beschwerde' });
  await page.getByLabel('Kanal', { exact: true }).selectOption({ label: 'Telefon' });
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'beantwortet' });
  await page.getByRole('button', { name: 'Aktenzeichen' }).click();
  const count = page.locator('.inbox .count');
  await expect(count).toHaveText(/^\d+ Fälle?$/);
  const total = Number((await count.textContent())!.replace(/\D/g, ''));
  expect(total).toBeGreaterThan(2);
  expect(total).toBeLessThanOrEqual(14);
  await expect(page.locator('table.cases tbody tr.row')).toHaveCount(total);
  const shown = await shownRows(page);
  expect(shown.map((r) => r[0])).toEqual([...shown.map((r) => r[0])].sort()); // ascending by reference, as chosen

  // Keyboard: the list is one Tab stop; Tab from its row reaches the export buttons below it.
  await page.getByRole('searchbox', { name: 'Volltextsuche' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('table.cases tbody tr.row').first()).toBeFocused();
  await page.keyboard.press('Tab');
  const xlsxButton = page.getByRole('button', { name: 'Liste als XLSX exportieren' });
  await expect(xlsxButton).toBeFocused();
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  const xlsxDownload = page.waitForEvent('download');
  await xlsxButton.dblclick();
  const xlsxFile = await xlsxDownload;
  const exportGroup = page.getByRole('group', { name: 'Tabellenexport' }); // the job's progress
  await expect(exportGroup.getByRole('status')).toHaveText('Fertig.');
  await page.screenshot({ path: 'screenshots/table-export-1280x800.png' });
  await page.waitForTimeout(300);
  expect(downloads).toEqual(['cases.xlsx']);
  expect(await tableExportJobs(page)).toEqual(['done']);
  const book = await bookOf(xlsxFile);
  expect(book.SheetNames).toEqual(['Fälle']);
  const xlsx = exportedRows(book.Sheets['Fälle']!);
  expect(xlsx.header.slice(0, 3)).toEqual(['Aktenzeichen', 'Eingang', 'Art']);
  expect(xlsx.rows).toEqual(shown);

  // CSV: Tab on to its button, Enter.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Liste als CSV exportieren' })).toBeFocused();
  const csvDownload = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const csvFile = await csvDownload;
  expect(csvFile.suggestedFilename()).toBe('cases.csv');
  const csv = exportedRows((await bookOf(csvFile)).Sheets.Sheet1!);
  expect(csv.header).toEqual(xlsx.header);
  expect(csv.rows).toEqual(shown);
  await expect.poll(() => tableExportJobs(page)).toEqual(['done', 'done']);
  await noSeriousViolations(page, 'inbox with its export');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: 'screenshots/table-export-1920x1080.png' });

  // The improvements list exports its rows too (here all of them), in the order shown.
  const departments = await api<{ id: number; name: string }[]>(page, 'listDepartments');
  for (const [title, department] of [['Ampel an der Schulstraße länger grün', 'Straßen und Tiefbau'], ['Wartemarken im Bürgerbüro online', 'Bürgerbüro'], ['=Formel im Titel bleibt Text', 'Grünflächen']]) {
    await api(page, 'createImprovement', { title, departmentId: departments.find((d) => d.name === department)!.id, targetDate: null, requestId: crypto.randomUUID() });
  }
  await page.getByRole('button', { name: 'Verbesserungen', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('table.improvements tbody tr')).toHaveCount(3);
  const titles = await page.locator('table.improvements tbody tr td:first-child').allTextContents();
  const improvementsDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Liste als XLSX exportieren' }).dblclick();
  const improvementsFile = await improvementsDownload;
  expect(improvementsFile.suggestedFilename()).toBe('improvements.xlsx');
  const improvements = XLSX.utils.sheet_to_json<unknown[]>((await bookOf(improvementsFile)).Sheets.Verbesserungen!, { header: 1, defval: '' });
  expect(improvements[0]!.slice(0, 2)).toEqual(['Nr.', 'Verbesserung']);
  // A title starting with "=" is written as text, never as a formula (the export's guard), and reads back as shown.
  expect(improvements.slice(1).map((r) => String(r[1]).replace(/^'(?==)/, ''))).toEqual(titles);
  await expect.poll(() => tableExportJobs(page)).toEqual(['done', 'done', 'done']);

  // A department head: the export of their inbox ("Alle") holds only their department's cases, as many as the inbox shows.
  const head = await browser.newContext({ baseURL: baseURL! });
  const headPage = await head.newPage();
  await headPage.setViewportSize({ width: 1280, height: 800 });
  await firstSignIn(headPage, OFFICE_NOW, 'head.tiefbau', 'demo-password-2026', 'head-tiefbau-password-4');
  await openInbox(headPage);
  await headPage.getByRole('button', { name: 'Alle', exact: true }).click();
  const headCount = headPage.locator('.inbox .count');
  await expect(headCount).toHaveText(/^\d+ Fälle?$/);
  const headTotal = Number((await headCount.textContent())!.replace(/\D/g, ''));
  expect(headTotal).toBeGreaterThan(0);
  expect(headTotal).toBeLessThan(300);
  const headDownload = headPage.waitForEvent('download');
  await headPage.getByRole('button', { name: 'Liste als XLSX exportieren' }).dblclick();
  const headBook = await bookOf(await headDownload);
  const headRows = exportedRows(headBook.Sheets['Fälle']!).rows;
  expect(headRows).toHaveLength(headTotal);
  expect(new Set(headRows.map((r) => r[5]))).toEqual(new Set(['Straßen und Tiefbau']));
  await head.close();
});
