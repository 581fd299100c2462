// The column-mapping dialog with the real CFPB export at 1280x800, keyboard first: the file picker (Playwright's
// setInputFiles stands in for the system dialog) opens the modal with the preview of the first rows and their checks;
// Esc while typing the mapping's name asks before discarding (and Esc there keeps the text and the focus); a double
// click on Import starts one job; the history counts every row; the dialog gives the focus back.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ADMIN_PASSWORD, expect, test } from './fixtures.ts';
import { api, firstSignIn, noSeriousViolations } from './session.ts';

const OFFICE_NOW = '2027-02-02T09:00:01'; // its own test server (mail-import uses 09:00:00)
test.use({ officeNow: OFFICE_NOW });

const CFPB = 'cfpb_complaints_sample_BDM_HW3.csv';
const bytes = readFileSync(path.resolve(import.meta.dirname, '../fixtures/complaints', CFPB));

test('mapping dialog with the CFPB preview at 1280x800: keyboard only, Esc asks, one job per double click', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await firstSignIn(page, OFFICE_NOW, 'admin', ADMIN_PASSWORD, 'admin-password-table-1');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();

  const picker = page.getByLabel('CSV-, XLSX- oder JSON-Datei auswählen …');
  await picker.focus();
  await picker.setInputFiles({ name: CFPB, mimeType: 'text/csv', buffer: bytes });
  const dialog = page.getByRole('dialog', { name: `Spalten von ${CFPB} zuordnen` });
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByText('6.623 Zeilen; Kopfzeile in Zeile 3, 18 Spalten.')).toBeVisible();
  const preview = dialog.getByRole('region', { name: 'Vorschau der ersten Zeilen' });
  await expect(preview.getByRole('row')).toHaveCount(21);
  await expect(preview.getByRole('row').nth(1).getByRole('cell').first()).toHaveText('in Ordnung');
  await expect(dialog.getByLabel('Eingangsweg').first()).toHaveValue('Submitted via');
  await expect(dialog.getByLabel('Spalte, die eine Zeile kennzeichnet')).toHaveValue('Complaint ID');

  // Keyboard only: Tab to the name, type, Esc asks; Esc there keeps the text and the focus.
  const name = dialog.getByLabel('Zuordnung speichern als (optional)');
  for (let i = 0; i < 40 && !(await name.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(name).toBeFocused();
  await page.keyboard.type('CFPB-Export');
  await page.keyboard.press('Escape');
  const confirm = page.getByRole('alertdialog', { name: 'Die Änderungen an der Zuordnung verwerfen?' });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('button', { name: 'Weiter bearbeiten' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(name).toBeFocused();
  await expect(name).toHaveValue('CFPB-Export');
  await page.screenshot({ path: 'screenshots/table-mapping-1280.png' });
  await noSeriousViolations(page, 'mapping dialog with the CFPB preview');
  // The focus stays inside the dialog.
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  }

  await dialog.getByRole('button', { name: 'Zeilen importieren' }).dblclick();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('group', { name: 'Tabelle importieren' }).getByRole('status')).toHaveText('Fertig.', { timeout: 90_000 });
  const row = page.getByRole('row').filter({ hasText: CFPB });
  await expect(row.getByRole('cell')).toHaveText([/./, CFPB, '6.623', '0', '0', '0', 'fertig', 'Details']);
  const jobs = await api<{ kind: string }[]>(page, 'listJobs');
  expect(jobs.filter((job) => job.kind === 'importTable')).toHaveLength(1);
  expect((await api<{ total: number }>(page, 'listCases', { limit: 1 })).total).toBe(6623);
  expect((await api<{ name: string }[]>(page, 'listTableMappings')).map((m) => m.name)).toEqual(['CFPB-Export']);
});
