// The inbox over 10,000 demo cases: filters, search and sorting run in SQL, the window only renders what is visible.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { ADMIN_PASSWORD, expect, test } from './fixtures.ts';

test.use({ demoCases: 10_000 });
test.describe.configure({ mode: 'serial' });

let password = ADMIN_PASSWORD;
const CHANGED_PASSWORD = 'scale-test-password';

async function signIn(page: Page) {
  await page.addInitScript(() => localStorage.setItem('ombudsdesk.language', 'de'));
  await page.goto('./');
  await page.getByLabel(/^Benutzername$/).fill('admin');
  await page.getByLabel(/^Passwort$/).fill(password);
  await page.keyboard.press('Enter');
  const changing = page.getByRole('heading', { name: 'Neues Passwort wählen' });
  const inbox = page.getByRole('heading', { name: 'Eingang', exact: true, level: 1 });
  // The office (the administrator too) starts on its day; the inbox is one click away.
  const start = page.getByRole('heading', { name: 'Heute', level: 1 });
  await expect(changing.or(start)).toBeVisible();
  if (await changing.isVisible()) {
    await page.getByLabel('Bisheriges Passwort').fill(ADMIN_PASSWORD);
    await page.getByLabel('Neues Passwort', { exact: true }).fill(CHANGED_PASSWORD);
    await page.getByLabel('Neues Passwort wiederholen').fill(CHANGED_PASSWORD);
    await page.keyboard.press('Enter');
    password = CHANGED_PASSWORD;
  }
  await expect(start).toBeVisible();
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('button', { name: 'Eingang', exact: true }).click();
  await expect(inbox).toBeVisible();
}

async function apiTotal(page: Page, filter: object): Promise<number> {
  return page.evaluate(async (f) => {
    const result = await window.ombudsdesk.listCases({ filter: f, limit: 1 });
    if (!result.ok) throw new Error(result.error.code);
    return result.value.total;
  }, filter);
}

const count = (page: Page) => page.locator('.toolbar .count');

test('all 10,000 cases scroll in a virtual list that never renders them all', async ({ page }) => {
  await signIn(page);
  await page.getByRole('button', { name: 'Alle', exact: true }).click();
  await expect(count(page)).toHaveText('10.000 Fälle');
  const rendered = await page.locator('table.cases tbody tr.row').count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(80);
  await page.locator('.table-wrap.virtual').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(page.locator('table.cases tbody tr.row').last()).toContainText(/\d{4}-00001/);
  expect(await page.locator('table.cases tbody tr.row').count()).toBeLessThan(80);
});

test('filters and full-text search agree with the API', async ({ page }) => {
  await signIn(page);
  await page.getByRole('button', { name: 'Alle', exact: true }).click();
  await page.getByLabel('Art', { exact: true }).selectOption({ label: 'Idee' });
  const ideas = await apiTotal(page, { kinds: ['idea'] });
  expect(ideas).toBeGreaterThan(1000);
  await expect(count(page)).toHaveText(`${ideas.toLocaleString('de-DE')} Fälle`);
  await expect(page.locator('table.cases tbody tr.row').first()).toContainText('Idee');

  await page.getByLabel('Kanal', { exact: true }).selectOption({ label: 'Telefon' });
  const phoneIdeas = await apiTotal(page, { kinds: ['idea'], channels: ['phone'] });
  await expect(count(page)).toHaveText(`${phoneIdeas.toLocaleString('de-DE')} Fälle`);

  await page.keyboard.press('Escape');
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Volltextsuche' })).toBeFocused();
  await page.keyboard.type('Bänke');
  const benches = await apiTotal(page, { kinds: ['idea'], channels: ['phone'], text: 'Bänke' });
  expect(benches).toBeGreaterThan(0);
  expect(benches).toBeLessThan(phoneIdeas);
  await expect(count(page)).toHaveText(`${benches.toLocaleString('de-DE')} ${benches === 1 ? 'Fall' : 'Fälle'}`);
  await expect(page.locator('table.cases tbody tr.row').first()).toContainText(/Bänke|bänke/i);

  await page.getByRole('button', { name: 'Überfällig' }).click();
  await page.getByLabel('Art', { exact: true }).selectOption({ label: 'alle' });
  await page.getByLabel('Kanal', { exact: true }).selectOption({ label: 'alle' });
  await page.getByRole('searchbox', { name: 'Volltextsuche' }).fill('');
  const overdue = await apiTotal(page, { overdue: true });
  await expect(count(page)).toHaveText(`${overdue.toLocaleString('de-DE')} ${overdue === 1 ? 'Fall' : 'Fälle'}`);
  if (overdue > 0) await expect(page.locator('table.cases tbody tr.row').first()).toContainText('überfällig');
  await page.screenshot({ path: 'screenshots/inbox-10000.png' });
});

test('sorting by due date and opening a case with the keyboard', async ({ page }) => {
  await signIn(page);
  await page.getByRole('button', { name: 'Alle', exact: true }).click();
  await page.getByRole('button', { name: /^Frist/ }).click();
  await expect(page.getByRole('columnheader', { name: /Frist/ })).toHaveAttribute('aria-sort', 'ascending');
  const firstDue = await page.evaluate(async () => {
    const result = await window.ombudsdesk.listCases({ sort: { column: 'responseDue', direction: 'asc' }, limit: 2 });
    return result.ok ? result.value.rows.map((row) => row.reference) : [];
  });
  await expect(page.locator('table.cases tbody tr.row').first()).toContainText(firstDue[0]!);
  await page.locator('table.cases tbody tr.row').first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('table.cases tbody tr[data-index="1"]')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: new RegExp(firstDue[1]!) })).toBeVisible();
});

test('no serious or critical accessibility violations on the main screens', async ({ page }) => {
  const check = async (screen: string) => {
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${screen}: ${v.id} (${v.nodes.length}) ${v.help}`)).toEqual([]);
  };
  await page.addInitScript(() => localStorage.setItem('ombudsdesk.language', 'de'));
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'Anmelden' })).toBeVisible();
  await check('sign-in');
  await signIn(page);
  await check('inbox');
  await page.locator('table.cases tbody tr.row').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/\d{4}-\d{5}/);
  await check('case view');
  await page.keyboard.press('Control+n');
  await expect(page.getByRole('dialog')).toBeVisible();
  await check('quick entry');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Tastenkürzel' }).click();
  await check('shortcut help');
  await page.getByRole('button', { name: 'Schließen' }).click();
  await page.getByRole('button', { name: 'Einstellungen' }).click();
  for (const section of ['Fristen und Kalender', 'Fachbereiche', 'Kategorien', 'Benutzer und Rollen', 'Antwortvorlagen']) {
    await page.getByRole('button', { name: section, exact: true }).click();
    await expect(page.getByRole('heading', { name: section, level: 2 })).toBeVisible();
    await check(`settings: ${section}`);
  }
  await page.getByRole('button', { name: /^Eingangsbestätigung bearbeiten \(Beschwerde/ }).click();
  await check('settings: template form');
});
