// The dashboard on the office's start screen (issue 13, point 5): with the keyboard, Tab to a chart's link, Enter opens
// the inbox filtered to it (the count shown equals the inbox's), Alt+Left returns to the start screen. Each figure is on
// the screen once (the day's "Überfällig" is not repeated by the dashboard); at 1920 px the charts use the width; axe
// finds nothing serious; the report screen's labels stand above their selects. Screens at 1280x800 and 1920x1080.
import type { Page } from '@playwright/test';
import { ADMIN_PASSWORD, expect, test } from './fixtures.ts';
import { firstSignIn, noSeriousViolations } from './session.ts';

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
  // No case has a department and nobody has voted yet: those two panels say so in a sentence instead of empty axes.
  const byDepartment = page.getByRole('region', { name: 'Fälle nach Fachbereich 2027' });
  await expect(byDepartment.getByText('Noch keine Fälle in diesem Zeitraum.')).toBeVisible();
  await expect(byDepartment.getByRole('img')).toHaveCount(0);
  const barometerTrend = page.getByRole('region', { name: 'Servicebarometer im Verlauf (Index)' });
  await expect(barometerTrend.getByText('Noch keine Stimmen in diesem Zeitraum.')).toBeVisible();
  await expect(barometerTrend.getByRole('img')).toHaveCount(0);
  await screenshots(page, 'dashboard-office');
  await noSeriousViolations(page, 'office start screen with the dashboard');

  // Each figure once: the day's figures and the dashboard's together name no figure twice.
  const figureLabels = await page.locator('.start-screen .figure-label').allTextContents();
  expect(figureLabels).toContain('Überfällig');
  expect(figureLabels.filter((label) => label === 'Überfällig')).toHaveLength(1);
  expect(new Set(figureLabels).size).toBe(figureLabels.length);
  await expect(page.getByText('Überfällig', { exact: true })).toHaveCount(1);

  // At 1920 px the charts use the width: the grid spans the content, the four chart panels side by side.
  await page.setViewportSize({ width: 1920, height: 1080 });
  const grid = (await page.locator('.dashboard-grid').boundingBox())!;
  expect(grid.width).toBeGreaterThan(1700);
  const panelTops = await page.locator('.dashboard-grid > .dashboard-panel:not(.dashboard-wide)').evaluateAll((panels) => panels.map((p) => Math.round(p.getBoundingClientRect().top)));
  expect(panelTops).toHaveLength(4);
  expect(new Set(panelTops).size).toBe(1);
  await page.setViewportSize({ width: 1280, height: 800 });

  // Keyboard: focus the link before it and Tab onto it, then Enter.
  await byChannel.getByRole('button', { name: 'Web' }).focus();
  await page.keyboard.press('Tab');
  await expect(byChannel.getByRole('button', { name: 'E-Mail' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Anliegen per email')).toHaveCount(2);
  await expect(page.getByText('Anliegen per phone')).toHaveCount(0);
  await screenshots(page, 'dashboard-inbox-filtered');
  // Alt+Left (the app's back) returns from the inbox a figure opened to the start screen, the focus on its heading.
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(page.getByRole('region', { name: 'Fälle nach Eingangsweg 2027' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Heute', level: 1 })).toBeFocused();
  await expect(page.getByRole('heading', { name: 'Eingang', exact: true, level: 1 })).toHaveCount(0);
  // A figure of the day's list too, then back again.
  await page.getByRole('button', { name: /Überfällig/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Eingang', exact: true, level: 1 })).toBeVisible();
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(page.getByRole('heading', { name: 'Heute', level: 1 })).toBeFocused();

  // The reports screen: each select's label stands apart from its value (above it), not run together ("ZeitraumJahr").
  await page.getByRole('button', { name: 'Berichte' }).focus();
  await page.keyboard.press('Enter');
  for (const name of ['Zeitraum', 'Jahr']) {
    const select = page.getByRole('combobox', { name, exact: true });
    await expect(select).toBeVisible();
    const label = page.locator('.report-view label', { has: select }).locator('span').first();
    const [labelBox, selectBox] = [(await label.boundingBox())!, (await select.boundingBox())!];
    expect(labelBox.y + labelBox.height).toBeLessThanOrEqual(selectBox.y + 1);
  }
  await screenshots(page, 'dashboard-reports-choices');
});
