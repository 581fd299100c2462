// The admin's user list (Settings → Benutzer und Rollen), reached with the keyboard; shared by the database-logins specs.
import { expect, type Locator, type Page } from '@playwright/test';

export async function openUsers(page: Page): Promise<Locator> {
  await page.getByRole('navigation').getByRole('button', { name: 'Einstellungen' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Benutzer und Rollen' }).focus();
  await page.keyboard.press('Enter');
  const section = page.getByRole('region', { name: 'Benutzer und Rollen' });
  await expect(section.getByRole('row', { name: /Administrator.*admin.*Administration/ })).toBeVisible();
  return section;
}
