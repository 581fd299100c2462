// The yearly report in Chromium: the executive opens Reports with the keyboard, at 1280 × 800 and 1920 × 1080; a double
// click on "Save as XLSX" starts one job; the PDF (Chromium's page.pdf, the engine of Electron's printToPDF) has a title
// page and a page per section, whose titles are in its text (pdftotext).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test } from './fixtures.ts';
import { firstSignIn } from './session.ts';

const OFFICE_NOW = '2027-12-06T10:00:01'; // its own test server (working-day-layout has the same time and demo cases)
test.use({ officeNow: OFFICE_NOW, demoCases: 400 });

test('the yearly report: keyboard, two sizes, one XLSX job on a double click, a PDF with its sections', async ({ page }) => {
  mkdirSync('screenshots', { recursive: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await firstSignIn(page, OFFICE_NOW, 'executive', 'demo-password-2026', 'executive-password-9');
  const reports = page.getByRole('button', { name: 'Berichte' });
  await reports.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Berichte' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Jahr', exact: true }).selectOption('2027');
  await expect(page.getByRole('heading', { name: 'Eingegangene Fälle' })).toBeVisible();
  await expect(page.getByText(/Fälle im Zeitraum eingegangen/)).toBeVisible();
  await page.screenshot({ path: 'screenshots/report-1280.png' });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: 'screenshots/report-1920.png' });

  await page.getByRole('button', { name: 'Als XLSX speichern' }).dblclick();
  await expect.poll(async () => page.evaluate(async () => {
    const jobs = await window.ombudsdesk.listJobs();
    return jobs.ok ? jobs.value.filter((j) => j.kind === 'reportXlsx').map((j) => j.status) : ['error'];
  })).toEqual(['done']);

  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  writeFileSync('screenshots/report-2027.pdf', pdf);
  const text = execFileSync('pdftotext', ['-layout', 'screenshots/report-2027.pdf', '-'], { encoding: 'utf8' });
  const pages = text.split('\f').filter((p) => p.trim() !== '');
  for (const title of ['Ideen und Beschwerden: Bericht', 'Jahr 2027', 'Eingegangene Fälle', 'Fristen und Ergebnisse', 'Verbesserungen: Sie sagten, wir taten', 'Servicebarometer', 'Verlosung']) expect(text).toContain(title);
  // Title page, volumes, deadlines, improvements, barometer, draw: at least one page each, in that order.
  expect(pages.length).toBeGreaterThanOrEqual(6);
  expect(pages[0]).toContain('Jahr 2027');
  expect(pages[1]).toContain('Eingegangene Fälle');
  execFileSync('pdftoppm', ['-png', '-r', '50', 'screenshots/report-2027.pdf', 'screenshots/report-2027-page']);
});
