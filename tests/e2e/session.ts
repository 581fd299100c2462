// Opening the app at a fixed office time in German, and a user's first sign-in (with the forced password change).
import AxeBuilder from '@axe-core/playwright';
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
  // "Abmelden" is on the password screen too: done only when that screen has gone (the change is saved).
  await expect(page.getByRole('heading', { name: 'Neues Passwort wählen' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Abmelden' })).toBeVisible();
}

/** One call through the page's bridge, as the signed-in user; the test fails with the error code if it is refused. */
export async function api<T>(page: Page, channel: string, input?: unknown): Promise<T> {
  const result = await page.evaluate(
    ([name, payload]) => (window.ombudsdesk as unknown as Record<string, (input: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>>)[name as string]!(payload),
    [channel, input] as const,
  );
  if (!result.ok) throw new Error(`${channel}: ${result.error?.code}`);
  return result.value as T;
}

/** axe on the page as it is: no serious or critical violation. */
export async function noSeriousViolations(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${screen}: ${v.id} (${v.nodes.length}) ${v.help}`)).toEqual([]);
}
