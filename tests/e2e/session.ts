// Opening the app at a fixed office time in German, and a user's first sign-in (with the forced password change).
import { expect, type Page } from '@playwright/test';

export async function openAt(page: Page, officeNow: string): Promise<void> {
  await page.clock.setFixedTime(new Date(officeNow));
  await page.addInitScript(() => localStorage.setItem('ombudsdesk.language', 'de'));
  await page.goto('./');
}

export async function firstSignIn(page: Page, officeNow: string, username: string, password: string, newPassword: string): Promise<void> {
  await openAt(page, officeNow);
  await page.getByLabel('Benutzername').fill(username);
  await page.getByLabel('Passwort').fill(password);
  await page.keyboard.press('Enter');
  await page.getByLabel('Bisheriges Passwort').fill(password);
  await page.getByLabel('Neues Passwort', { exact: true }).fill(newPassword);
  await page.getByLabel('Neues Passwort wiederholen').fill(newPassword);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Abmelden' })).toBeVisible();
}
