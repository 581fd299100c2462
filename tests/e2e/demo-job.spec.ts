// A background job seen by its user: the administrator of a trial installation fills the empty office with demo data.
// Keyboard only; a double click starts one job; the progress bar moves; Cancel keeps whole batches only; an office that
// has cases is refused at the field, in German.
import { ADMIN_PASSWORD, expect, test } from './fixtures.ts';
import { api, firstSignIn, noSeriousViolations, openAt } from './session.ts';

const OFFICE_NOW = '2027-02-01T09:00:00'; // its own test server: an office without cases
test.use({ officeNow: OFFICE_NOW });

test.describe.configure({ mode: 'serial' });

test('admin at 1280x800: demo data as a job with progress and Cancel, whole batches kept, refused once the office has cases', async ({ page }) => {
  const size = { width: 1280, height: 800 };
  await page.setViewportSize(size);
  await firstSignIn(page, OFFICE_NOW, 'admin', ADMIN_PASSWORD, 'admin-password-demo-1');
  await page.getByRole('button', { name: 'Einstellungen' }).click();
  await page.getByRole('button', { name: 'Demodaten' }).click();
  const section = page.getByRole('region', { name: 'Demodaten' });
  const count = section.getByLabel('Anzahl Fälle');

  // A number out of range is named at its field, in German, and starts nothing.
  await count.fill('0');
  await count.press('Enter');
  await expect(count).toHaveAttribute('aria-invalid', 'true');
  await expect(count).toHaveAccessibleDescription('Bitte eine ganze Zahl von 1 bis 100.000 eingeben.');
  await expect(count).toBeFocused();
  expect(await api<unknown[]>(page, 'listJobs')).toEqual([]);

  // 30,000 cases: a double click starts one job; the bar moves.
  await count.fill('30000');
  await section.getByRole('button', { name: 'Demodaten erzeugen' }).dblclick();
  const bar = section.getByRole('progressbar', { name: 'Demodaten erzeugen' });
  await expect(bar).toBeVisible();
  await expect(section.getByRole('status')).toHaveText(/^[\d.]+ von 30\.000$/, { timeout: 20_000 });
  await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 30_000 }).toBeGreaterThan(600);
  await page.screenshot({ path: `screenshots/demo-job-${size.width}.png` });
  await noSeriousViolations(page, 'demo data job running');
  const jobs = await api<{ id: number; status: string }[]>(page, 'listJobs');
  expect(jobs).toHaveLength(1);

  // Cancel, by keyboard: what was completely saved stays, in whole batches of 500.
  await section.getByRole('button', { name: 'Abbrechen' }).focus();
  await page.keyboard.press('Enter');
  await expect(section.getByRole('status')).toHaveText('Abgebrochen. Was bis dahin vollständig gespeichert war, bleibt erhalten.', { timeout: 30_000 });
  await expect(bar).toHaveCount(0);
  const { total } = await api<{ total: number }>(page, 'listCases', { limit: 1 });
  expect(total).toBeGreaterThan(0);
  expect(total).toBeLessThan(30_000);
  expect(total % 500).toBe(0);
  await page.screenshot({ path: `screenshots/demo-job-cancelled-${size.width}.png` });

  // Now the office has cases: a second start is refused at the field, and nothing is added.
  await count.fill('100');
  await section.getByRole('button', { name: 'Demodaten erzeugen' }).click();
  await expect(count).toHaveAccessibleDescription('Demodaten gibt es nur für ein Büro ohne Fälle (eine Probeinstallation).');
  expect((await api<{ total: number }>(page, 'listCases', { limit: 1 })).total).toBe(total);
  expect(await api<unknown[]>(page, 'listJobs')).toHaveLength(1);
});

test('admin at 1920x1080: the office has cases now, so a new start is refused at the field', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openAt(page, OFFICE_NOW);
  await page.getByLabel('Benutzername').fill('admin');
  await page.getByLabel('Passwort').fill('admin-password-demo-1');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Einstellungen' }).click();
  await page.getByRole('button', { name: 'Demodaten' }).click();
  const section = page.getByRole('region', { name: 'Demodaten' });
  const count = section.getByLabel('Anzahl Fälle');
  await count.press('Enter');
  await expect(count).toHaveAccessibleDescription('Demodaten gibt es nur für ein Büro ohne Fälle (eine Probeinstallation).');
  await expect(section.getByRole('progressbar')).toHaveCount(0);
  await page.screenshot({ path: 'screenshots/demo-job-refused-1920.png' });
});
