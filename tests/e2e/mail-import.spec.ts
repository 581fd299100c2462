// The import screen walked by the administrator at 1280x800, keyboard first: the file picker (Playwright's setInputFiles
// stands in for the system dialog), a double click on Import starts one job, the progress, the history row with its
// counts, and the failed file named with its error, in German.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ADMIN_PASSWORD, expect, test } from './fixtures.ts';
import { api, firstSignIn, noSeriousViolations } from './session.ts';

const OFFICE_NOW = '2027-02-02T09:00:00';
test.use({ officeNow: OFFICE_NOW });

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/email');
const file = (dir: string, name: string) => ({ name, mimeType: 'message/rfc822', buffer: readFileSync(path.join(FIXTURES, dir, name)) });

test('import screen at 1280x800: files picked by keyboard, one job per double click, history and failed items', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await firstSignIn(page, OFFICE_NOW, 'admin', ADMIN_PASSWORD, 'admin-password-import-1');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();

  // Nothing chosen: said at the picker.
  await page.getByRole('button', { name: 'Importieren' }).click();
  const picker = page.getByLabel('Dateien auswählen …');
  await expect(picker).toHaveAttribute('aria-invalid', 'true');
  await expect(picker).toHaveAccessibleDescription('Bitte wählen Sie mindestens eine .eml- oder .msg-Datei aus.');

  await picker.focus();
  await picker.setInputFiles([
    file('eml', 'zbateson_m0011_outlook2000_multipart_3att_qp_de.eml'),
    file('eml', 'webklex_issue-410b_de_umlaut_subject_attachment.eml'),
    file('msg', 'sicos_EmailWithAttachments.msg'),
    file('synthetic', 'synthetic_dsn_bounce.eml'),
    { name: 'kaputt.eml', mimeType: 'message/rfc822', buffer: Buffer.alloc(0) },
  ]);
  await expect(page.getByText('5 Dateien ausgewählt', { exact: false })).toBeVisible();
  await page.getByRole('button', { name: 'Importieren' }).dblclick();
  await expect(page.getByRole('group', { name: 'E-Mail-Dateien importieren' }).getByRole('status')).toHaveText('Fertig.', { timeout: 30_000 });

  const row = page.getByRole('row').filter({ hasText: 'kaputt.eml' });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('cell')).toHaveText([/./, /zbateson_m0011/, '3', '0', '1', '1', 'fertig', 'Details']);
  const detail = page.getByRole('region', { name: /Import vom/ });
  await expect(detail.getByText('kaputt.eml ist leer.')).toBeVisible();
  await expect(detail.getByText(/synthetic_dsn_bounce\.eml — übersprungen: eine automatische Nachricht/)).toBeVisible();
  const jobs = await api<{ kind: string }[]>(page, 'listJobs');
  expect(jobs.filter((job) => job.kind === 'importMail')).toHaveLength(1);
  expect((await api<{ total: number }>(page, 'listCases', { limit: 1 })).total).toBe(3);
  await page.screenshot({ path: 'screenshots/mail-import-1280.png' });
  await noSeriousViolations(page, 'import screen with history and failed items');
});
