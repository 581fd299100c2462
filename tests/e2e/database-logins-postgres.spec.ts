// Each user's database login in the admin's user list (issue 11): on a shared PostgreSQL server every Ombudsdesk user
// has a login role of their own, the user name their desk connects with, and the list shows it in a column of its own
// with a line saying what it is for (on SQLite neither: database-logins.spec.ts). The seat runs on a throwaway server
// (fixtures.ts, postgresSeats); without Debian's PostgreSQL the walk is skipped with the reason printed (an error with
// OMBUDSDESK_PG_REQUIRED=1, as in CI).
import { ADMIN_PASSWORD, expect, postgresMissing, test } from './fixtures.ts';
import { firstSignIn, noSeriousViolations } from './session.ts';
import { openUsers } from './users-view.ts';

const PG_OFFICE_NOW = '2027-09-06T09:30:00';
const missing = postgresMissing('database-logins-postgres.spec.ts');
test.skip(missing !== null, `PostgreSQL is not installed: ${missing}`);
test.use({ engine: 'postgres', pgOfficeNow: PG_OFFICE_NOW });

test('the user list shows each user’s database login, a new user’s at once', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await firstSignIn(page, PG_OFFICE_NOW, 'admin', ADMIN_PASSWORD, 'admin-password-dblogins-2');
  const section = await openUsers(page);
  await expect(section.getByRole('columnheader', { name: 'Datenbank-Anmeldung' })).toBeVisible();
  // The database's name and the user name in lower case (the seat's database is a copy named e2e_<n>).
  await expect(section.getByRole('row', { name: /Administrator.*admin.*Administration.*e2e_\d+_admin/ })).toBeVisible();
  await expect(section.getByText(/^Datenbank-Anmeldung: der Benutzername, mit dem sich der Arbeitsplatz/)).toBeVisible();

  // A new user, with the keyboard; a double press of Speichern saves her once, and her login is listed at once.
  await section.getByRole('button', { name: 'Neuer Benutzer' }).focus();
  await page.keyboard.press('Enter');
  const form = page.getByRole('form', { name: 'Neuer Benutzer' });
  await expect(form.getByLabel('Name', { exact: true })).toBeFocused();
  await page.keyboard.type('Hanna Berg');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Hanna');
  await form.getByLabel(/^Rolle/).selectOption({ label: 'Ombudsperson' });
  await form.getByLabel(/^Erstes Passwort/).fill('hanna-first-password');
  await form.getByRole('button', { name: 'Speichern' }).dblclick();
  await expect(form).toBeHidden();
  const hanna = section.getByRole('row', { name: /Hanna Berg.*Hanna.*Ombudsperson.*e2e_\d+_hanna/ });
  await expect(hanna).toHaveCount(1);
  await expect(hanna.locator('code')).toHaveText(/^e2e_\d+_hanna$/);
  await page.screenshot({ path: 'screenshots/users-postgres-1280x800.png' });
  await noSeriousViolations(page, 'users with their database logins');

  // Renamed, her login follows the new user name, and the list says so.
  await hanna.getByRole('button', { name: 'Bearbeiten' }).focus();
  await page.keyboard.press('Enter');
  const edit = page.getByRole('form', { name: 'Benutzer bearbeiten' });
  await edit.getByLabel('Benutzername').fill('Hanna.Berg');
  await edit.getByLabel('Benutzername').press('Enter');
  await expect(edit).toBeHidden();
  await expect(section.getByRole('row', { name: /Hanna Berg/ }).locator('code')).toHaveText(/^e2e_\d+_hanna\.berg$/);
});
