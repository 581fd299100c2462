// Web votes and the barometer's settings as the administrator meets them, keyboard first: a web vote CSV imported with
// a double click starts one import and the quarters' counts grow by what the file says (read here with papaparse); the
// same file again is skipped as known; the minimum n changed makes the current quarter reliable and not reliable again;
// Esc while typing asks, and discarding keeps the stored settings. Playwright's setInputFiles stands in for the system
// file dialog. Screenshots at 1280x800 and 1920x1080.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { ADMIN_PASSWORD, expect, test } from './fixtures.ts';
import { api, firstSignIn, noSeriousViolations } from './session.ts';

const OFFICE_NOW = '2027-04-26T09:00:00'; // a Monday in 2027-Q2 (its own test server: no other spec uses this time)
test.use({ officeNow: OFFICE_NOW });

const FILE = 'web-votes.csv';
const bytes = readFileSync(path.resolve(import.meta.dirname, '../fixtures/barometer', FILE));

/** The fixture's votes per quarter, read with papaparse and a rating table of the test's own. */
function expected() {
  const words: Record<string, 'good' | 'okay' | 'could_be_better'> = {
    good: 'good', gut: 'good', '1': 'good', '🙂': 'good', happy: 'good',
    okay: 'okay', 'geht so': 'okay', '2': 'okay', neutral: 'okay',
    'could be better': 'could_be_better', 'könnte besser sein': 'could_be_better', '3': 'could_be_better', sad: 'could_be_better',
  };
  const rows = Papa.parse<Record<string, string>>(bytes.toString('utf8'), { header: true, skipEmptyLines: true }).data;
  const quarters: Record<string, { good: number; okay: number; could_be_better: number; n: number }> = {};
  for (const row of rows) {
    const quarter = `${row.Time!.slice(0, 4)}-Q${Math.floor((Number(row.Time!.slice(5, 7)) + 2) / 3)}`;
    const rating = words[row.Rating!.trim().toLowerCase()]!;
    const counts = (quarters[quarter] ??= { good: 0, okay: 0, could_be_better: 0, n: 0 });
    counts[rating]++;
    counts.n++;
  }
  return { total: rows.length, quarters };
}

test('web votes imported by keyboard and double click, re-import skipped, min n flips a quarter, Esc keeps the stored settings', async ({ page }) => {
  test.setTimeout(120_000);
  const { total, quarters } = expected();
  const q2 = quarters['2027-Q2']!;
  const q1 = quarters['2027-Q1']!;
  expect(q2.n).toBeGreaterThan(1);
  expect(q2.n).toBeLessThan(30); // below the default minimum: not reliable at first

  await page.setViewportSize({ width: 1280, height: 800 });
  await firstSignIn(page, OFFICE_NOW, 'admin', ADMIN_PASSWORD, 'admin-password-votes-1');
  await api(page, 'saveDepartment', { name: 'Bürgerbüro', requestId: crypto.randomUUID() });
  await page.getByRole('button', { name: 'Barometer' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Zufriedenheitsbarometer', level: 1 })).toBeVisible();
  const table = page.getByRole('table', { name: 'Zahlen je Quartal' });
  const q2Row = table.locator('tr[data-quarter="2027-Q2"]');
  const q1Row = table.locator('tr[data-quarter="2027-Q1"]');
  await expect(q2Row.locator('td.n')).toHaveText('0');

  // Keyboard: the file picker (the system dialog is Playwright's), then Tab to the button; a double click imports once.
  const panel = page.getByRole('region', { name: 'Webstimmen importieren' });
  const picker = panel.getByLabel('CSV- oder XLSX-Datei mit Webstimmen auswählen …');
  await picker.focus();
  await picker.setInputFiles({ name: FILE, mimeType: 'text/csv', buffer: bytes });
  await expect(panel.getByText(FILE, { exact: true })).toBeVisible();
  await page.keyboard.press('Tab');
  const importButton = panel.getByRole('button', { name: 'Stimmen importieren' });
  await expect(importButton).toBeFocused();
  await importButton.dblclick();
  const summary = panel.locator('.vote-import-result').getByRole('status');
  await expect(summary).toHaveText(`Importiert: ${total} · schon bekannt, übersprungen: 0 · fehlerhafte Zeilen: 0`, { timeout: 30_000 });
  await expect(panel.getByRole('group', { name: 'Webstimmen importieren' }).getByRole('status')).toHaveText('Fertig.');
  const jobs = await api<{ kind: string }[]>(page, 'listJobs');
  expect(jobs.filter((job) => job.kind === 'importBarometerVotes')).toHaveLength(1);

  // The quarters count what the file says.
  await expect(q2Row.locator('td.n')).toHaveText(String(q2.n));
  await expect(q1Row.locator('td.n')).toHaveText(String(q1.n));
  const cells = q2Row.locator('td');
  await expect(cells.nth(0)).toContainText(`${q2.good} (`);
  await expect(cells.nth(1)).toContainText(`${q2.okay} (`);
  await expect(cells.nth(2)).toContainText(`${q2.could_be_better} (`);
  await expect(q2Row).toContainText('nicht belastbar');
  await page.mouse.move(0, 0);
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'screenshots/barometer-votes-import-1280.png' });
  await noSeriousViolations(page, 'barometer web vote import');

  // The same file again, by keyboard alone: everything skipped as known, the figures unchanged.
  await picker.focus();
  await picker.setInputFiles({ name: FILE, mimeType: 'text/csv', buffer: bytes });
  await page.keyboard.press('Tab');
  await expect(importButton).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(summary).toHaveText(`Importiert: 0 · schon bekannt, übersprungen: ${total} · fehlerhafte Zeilen: 0`, { timeout: 30_000 });
  await expect(q2Row.locator('td.n')).toHaveText(String(q2.n));

  // The minimum n set to this quarter's n: reliable; one more: not reliable again.
  const settings = page.getByRole('region', { name: 'Einstellungen des Barometers' });
  const minN = settings.getByLabel('Mindestzahl der Stimmen für ein belastbares Quartal');
  await expect(minN).toHaveValue('30');
  await minN.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(String(q2.n));
  await page.keyboard.press('Enter');
  await expect(settings.getByRole('status')).toHaveText('Einstellungen gespeichert.');
  await expect(q2Row.locator('td').last()).toHaveText('ja');
  await expect(q1Row).toContainText('nicht belastbar');
  expect((await api<{ minN: number }>(page, 'getBarometerSettings')).minN).toBe(q2.n);

  // A wrong value is refused at its field, in German.
  await page.keyboard.press('Control+A');
  await page.keyboard.type('0');
  await page.keyboard.press('Enter');
  await expect(minN).toHaveAttribute('aria-invalid', 'true');
  await expect(minN).toHaveAccessibleDescription('Bitte eine ganze Zahl von 1 bis 100000 eingeben.');
  await expect(minN).toBeFocused();

  // Esc mid-typing asks; Esc there keeps the text; Discard shows the stored settings again and stores nothing.
  await page.keyboard.type('5');
  await page.keyboard.press('Escape');
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText('Die Änderungen an den Einstellungen des Barometers verwerfen?');
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(minN).toHaveValue('05');
  await expect(minN).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm.getByRole('button', { name: 'Weiter bearbeiten' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(confirm.getByRole('button', { name: 'Verwerfen' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(confirm).toHaveCount(0);
  await expect(minN).toHaveValue(String(q2.n));
  await expect(minN).not.toHaveAttribute('aria-invalid', 'true');
  expect((await api<{ minN: number }>(page, 'getBarometerSettings')).minN).toBe(q2.n);
  await expect(q2Row.locator('td').last()).toHaveText('ja');

  await minN.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(String(q2.n + 1));
  await page.keyboard.press('Enter');
  await expect(settings.getByRole('status')).toHaveText('Einstellungen gespeichert.');
  await expect(q2Row).toContainText('nicht belastbar');

  await page.mouse.move(0, 0);
  await settings.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'screenshots/barometer-settings-1280.png' });
  await noSeriousViolations(page, 'barometer settings');

  await page.setViewportSize({ width: 1920, height: 1080 });
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'screenshots/barometer-votes-1920.png' });
  await noSeriousViolations(page, 'barometer at 1920');
});
