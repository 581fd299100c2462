// The dashboard on the office's start screen (issue 13, point 5): with the keyboard, Tab to a chart's link, Enter opens
// the inbox filtered to it (the count shown equals the inbox's), the header's Heute returns (Alt+Left is not wired for the inbox yet). Screens at 1280x800 and 1920x1080.
import type { Page } from '@playwright/test';
import { ADMIN_PASSWORD, expect, test } from './fixtures.ts';
import { firstSignIn } from './session.ts';

const OFFICE_NOW = '2027-06-15T08:00:01'; // its own test server: working-day-start uses 08:00:00, and a shared server carries its users over
test.use({ officeNow: OFFICE_NOW });

async function screenshots(page: Page, name: string) {
  for (const size of [
    { width: 1280, height: 800 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `screenshots/${name}-${size.width}x${size.height}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('the dashboard: a chart link opens the inbox filtered to it, and back returns', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await firstSignIn(page, OFFICE_NOW, 'admin', ADMIN_PASSWORD, 'admin-password-6');
  await page.evaluate(async () => {
    for (const [channel, receivedAt] of [
      ['email', '2027-06-14T07:00:00Z'],
      ['email', '2027-05-10T07:00:00Z'],
      ['phone', '2027-06-01T07:00:00Z'],
      ['letter', '2027-03-02T07:00:00Z'],
    ] as const) {
      const r = await window.ombudsdesk.createCase({ kind: 'complaint', channel, origin: 'external', subject: `Anliegen per ${channel}`, receivedAt });
      if (!r.ok) throw new Error(r.error.code);
    }
  });
  await page.getByRole('button', { name: 'Aktualisieren' }).first().click();
  const byChannel = page.getByRole('region', { name: 'Fälle nach Eingangsweg 2027' });
  await expect(byChannel.getByRole('button', { name: 'E-Mail' })).toBeVisible();
  await expect(byChannel.getByRole('row', { name: /E-Mail/ })).toContainText('2');
  await expect(page.getByRole('img', { name: /Fälle nach Eingangsweg 2027: .*E-Mail: 2/ })).toBeVisible();
  await screenshots(page, 'dashboard-office');

  // Keyboard: focus the link before it and Tab onto it, then Enter.
  await byChannel.getByRole('button', { name: 'Web' }).focus();
  await page.keyboard.press('Tab');
  await expect(byChannel.getByRole('button', { name: 'E-Mail' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Anliegen per email')).toHaveCount(2);
  await expect(page.getByText('Anliegen per phone')).toHaveCount(0);
  await screenshots(page, 'dashboard-inbox-filtered');
  // The app has no Alt+Left from the inbox back to the start screen (only from a case); the header's entry does it.
  await page.getByRole('button', { name: 'Heute' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Fälle nach Eingangsweg 2027' })).toBeVisible();
});
