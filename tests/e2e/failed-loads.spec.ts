// A load that fails is said, not swallowed (issue 10, part 3): with the departments refused (main busy), the case
// opened by its reference still shows and its next step says why the lists are missing, translated; a merge into a
// reference no case has is refused at that field. The steps offered are main's (availableActions) and a double-clicked
// note writes once.
import type { Page } from '@playwright/test';
import { ADMIN_PASSWORD, expect, test } from './fixtures.ts';
import { api, firstSignIn, noSeriousViolations } from './session.ts';

const OFFICE_NOW = '2027-11-08T09:30:00'; // a Monday (its own test server)
test.use({ officeNow: OFFICE_NOW, viewport: { width: 1280, height: 800 } });

const shot = (page: Page, name: string) => page.screenshot({ path: `screenshots/failed-loads-${name}.png`, fullPage: true });

test('a refused list load is shown in the case view, translated, and the case stays usable', async ({ page }) => {
  await firstSignIn(page, OFFICE_NOW, 'admin', ADMIN_PASSWORD, 'admin-password-loads');
  await api(page, 'saveDepartment', { name: 'Straßen und Tiefbau' });
  const created = await api<{ id: number; reference: string }>(page, 'createCase', {
    kind: 'complaint',
    channel: 'email',
    origin: 'external',
    subject: 'Ampel an der Ringstraße defekt',
  });
  const detail = await api<{ availableActions: string[] }>(page, 'getCase', { id: created.id });
  expect(detail.availableActions).toEqual(['triage', 'forward', 'hold', 'withdraw', 'merge', 'extend', 'note']);

  // Main is busy when the departments are asked for (the route answers as main would).
  await page.route('**/api/listDepartments', (route) => route.fulfill({ json: { ok: false, error: { code: 'busy' } } }));

  // Into the case by its reference, typed into the search and confirmed with Enter.
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('button', { name: 'Eingang', exact: true }).click();
  const search = page.getByRole('searchbox', { name: 'Volltextsuche' });
  await search.fill(created.reference);
  await search.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(created.reference) })).toBeVisible();

  const steps = page.getByRole('region', { name: 'Nächster Schritt' });
  await expect(steps.getByRole('alert')).toHaveText('Die Datenbank ist gerade beschäftigt. Bitte noch einmal versuchen.');
  // The buttons are main's list, in its order.
  await expect(steps.locator('.action-buttons button')).toHaveText(['Sichten', 'An Fachbereich weiterleiten', 'Pausieren', 'Zurückziehen', 'Zusammenführen', 'Frist verlängern', 'Notiz hinzufügen']);
  await shot(page, 'departments-refused');
  await noSeriousViolations(page, 'case with a refused list');

  // Merging into a reference no case has: said at the reference field, which takes the focus.
  await steps.getByRole('button', { name: 'Zusammenführen' }).focus();
  await page.keyboard.press('Enter');
  const reference = steps.getByRole('textbox', { name: 'Zusammenführen mit Aktenzeichen' });
  await expect(reference).toBeFocused();
  await page.keyboard.type('2099-99999');
  await page.keyboard.press('Enter');
  await expect(reference).toHaveAttribute('aria-invalid', 'true');
  await expect(reference).toBeFocused();
  await expect(steps.getByText('Zu diesem Aktenzeichen gibt es keinen Fall.')).toBeVisible();
  await shot(page, 'merge-unknown-reference');

  // A note, saved with a double click: one note.
  await steps.getByRole('button', { name: 'Notiz hinzufügen' }).click();
  await page.keyboard.type('Ampel vom Bauhof geprüft.');
  await steps.getByRole('form', { name: 'Notiz hinzufügen' }).getByRole('button', { name: 'Notiz hinzufügen' }).dblclick();
  await expect(steps.getByRole('form')).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Verlauf' }).getByText('Ampel vom Bauhof geprüft.')).toHaveCount(1);
  const after = await api<{ timeline: { type: string }[] }>(page, 'getCase', { id: created.id });
  expect(after.timeline.filter((event) => event.type === 'note')).toHaveLength(1);
});
