// Each user's database login in the admin's user list (issue 11) exists only on a shared PostgreSQL server (its walk:
// database-logins-postgres.spec.ts). On this computer only (SQLite, no database users) the list has no such column,
// and no line about it.
import { ADMIN_PASSWORD, expect, test } from './fixtures.ts';
import { firstSignIn } from './session.ts';
import { openUsers } from './users-view.ts';

const OFFICE_NOW = '2027-09-06T09:00:00';
test.use({ officeNow: OFFICE_NOW });

test('the user list has no database login column', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await firstSignIn(page, OFFICE_NOW, 'admin', ADMIN_PASSWORD, 'admin-password-dblogins-1');
  const section = await openUsers(page);
  await expect(section.getByRole('columnheader')).toHaveText(['Name', 'Benutzername', 'Rolle', 'Fachbereich', 'aktiv', 'Aktionen']);
  await expect(section.getByRole('columnheader', { name: 'Datenbank-Anmeldung' })).toHaveCount(0);
  await expect(section.getByText(/Datenbank-Anmeldung/)).toHaveCount(0);
  await page.screenshot({ path: 'screenshots/users-sqlite-1280x800.png' });
});
