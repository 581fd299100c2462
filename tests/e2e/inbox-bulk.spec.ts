// Bulk changes in the inbox, by keyboard alone: the ombudsman Tabs into the grid, selects three rows with Space (arrows
// between), sets the priority in the toolbar and double-clicks Apply — one call, one change event per case, a summary,
// the list reloaded once, the selection gone and the focus back in the grid. A second selection with a closed case shows
// the refusal and its reason. A department head sees no checkboxes. At 1280x800 and at 1920x1080.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { ADMIN_PASSWORD, expect, test } from './fixtures.ts';
import { firstSignIn, openAt } from './session.ts';

// One server for both sizes (a worker fixture); each size works on its own street, department and colleagues.
const OFFICE_NOW = '2027-10-04T08:30:00';
test.use({ officeNow: OFFICE_NOW });
let adminPassword = ADMIN_PASSWORD;

/** The administrator signs in, choosing a password on the server's first start. */
async function signInAdmin(page: Page): Promise<void> {
  await openAt(page, OFFICE_NOW);
  await page.getByLabel(/^Benutzername$/).fill('admin');
  await page.getByLabel(/^Passwort$/).fill(adminPassword);
  await page.keyboard.press('Enter');
  const changing = page.getByRole('heading', { name: 'Neues Passwort wählen' });
  await expect(changing.or(page.getByRole('heading', { name: 'Heute', level: 1 }))).toBeVisible();
  if (await changing.isVisible()) {
    await page.getByLabel('Bisheriges Passwort').fill(ADMIN_PASSWORD);
    await page.getByLabel('Neues Passwort', { exact: true }).fill('admin-password-bulk');
    await page.getByLabel('Neues Passwort wiederholen').fill('admin-password-bulk');
    await page.keyboard.press('Enter');
    adminPassword = 'admin-password-bulk';
  }
  await expect(page.getByRole('button', { name: 'Abmelden' })).toBeVisible();
}

type Result<T> = { ok: boolean; value: T; error?: { code: string } };
type Api = Record<string, (input?: unknown) => Promise<Result<unknown>>>;

async function api<T>(page: Page, channel: string, input?: unknown): Promise<T> {
  const result = (await page.evaluate(([c, i]) => (window.ombudsdesk as unknown as Api)[c as string]!(i), [channel, input] as const)) as Result<T>;
  if (!result.ok) throw new Error(`${channel}: ${result.error?.code}`);
  return result.value;
}

/** Requests to one API channel from now on. */
function countCalls(page: Page, channel: string): { readonly value: number } {
  const counter = { value: 0 };
  page.on('request', (request) => {
    if (request.url().endsWith(`/api/${channel}`)) counter.value++;
  });
  return counter;
}

/** Where the focus is: the grid row's index, or the element's id/tag. */
const focus = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const row = el?.closest('table.cases tbody tr');
    return row ? `row ${row.getAttribute('data-index')}` : `${el?.tagName ?? 'NONE'}#${el?.id ?? ''}`;
  });

interface Detail {
  id: number;
  reference: string;
  priority: string;
  status: string;
  timeline: { type: string }[];
}

const SIZES = [
  { width: 1280, height: 800, street: 'Ahornweg', tag: '1280' },
  { width: 1920, height: 1080, street: 'Birkenweg', tag: '1920' },
];

for (const size of SIZES) {
  test.describe(`bulk changes at ${size.width}x${size.height}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('the ombudsman changes three cases by keyboard, a closed one is refused with its reason, a head sees no checkboxes', async ({ page }) => {
      const shot = (name: string) => page.screenshot({ path: `screenshots/inbox-bulk-${size.width}x${size.height}-${name}.png`, fullPage: true });
      const rows = page.locator('table.cases tbody tr.row');
      const toolbar = page.getByRole('form', { name: 'Ausgewählte Fälle ändern' });
      const summary = page.locator('p.bulk-summary[role="status"]');

      // The administrator sets up the office and last week's post: 30 cases, the newest of them already closed.
      await signInAdmin(page);
      const roads = await api<{ id: number }>(page, 'saveDepartment', { name: `Tiefbau ${size.street}` });
      await api(page, 'saveUser', { username: `petra${size.tag}`, displayName: 'Petra Lang', role: 'ombudsman', password: 'petra-first-password' });
      await api(page, 'saveUser', { username: `gerd${size.tag}`, displayName: 'Gerd Grün', role: 'department_head', departmentIds: [roads.id], password: 'gerd-first-password' });
      const ago = (hours: number) => new Date(new Date(OFFICE_NOW).getTime() - hours * 3_600_000).toISOString();
      for (let i = 1; i <= 29; i++) {
        await api(page, 'createCase', { kind: 'complaint', channel: 'email', origin: 'external', subject: `Gehweg ${size.street} Nr. ${i} uneben`, departmentId: roads.id, receivedAt: ago(200 - i * 5) });
      }
      const closed = await api<Detail>(page, 'createCase', { kind: 'question', channel: 'phone', origin: 'external', subject: `Wer mäht den Grünstreifen am ${size.street}?`, departmentId: roads.id, receivedAt: ago(2) });
      for (const step of [{ action: 'triage' }, { action: 'answer' }, { action: 'close' }]) await api(page, 'transitionCase', { id: closed.id, ...step });
      await page.getByRole('button', { name: 'Abmelden' }).click();

      // The ombudsman goes to the inbox and searches the street ("Neu": its 29 open cases, newest first).
      await firstSignIn(page, OFFICE_NOW, `petra${size.tag}`, 'petra-first-password', 'petra-password-bulk');
      await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('button', { name: 'Eingang', exact: true }).click();
      await page.keyboard.press('/');
      await page.keyboard.type(size.street);
      // The search applies 200 ms after the last key (a new filter clears a selection): wait for its list.
      await page.waitForTimeout(400);
      await expect(page.locator('.toolbar .count')).toHaveText('29 Fälle');
      await expect(page.locator('tr.loading-row')).toHaveCount(0);
      await expect(page.getByRole('checkbox', { name: 'Alle geladenen Zeilen auswählen' })).toBeVisible();

      // Tab into the grid: one Tab stop, the first row.
      for (let i = 0; i < 20 && (await focus(page)) !== 'row 0'; i++) await page.keyboard.press('Tab');
      expect(await focus(page)).toBe('row 0');
      const referenceAt = (index: number) => page.locator(`table.cases tbody tr[data-index="${index}"] td.reference`).innerText();
      const chosen = [await referenceAt(0), await referenceAt(1), await referenceAt(3)];
      await page.keyboard.press('Space');
      await expect(toolbar.getByText('1 ausgewählt')).toBeVisible();
      expect(await focus(page), 'Space leaves the focus on its row').toBe('row 0');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Space');
      expect(await focus(page)).toBe('row 3');
      await expect(page.locator('table.cases tbody tr[aria-selected="true"] td.reference')).toHaveText(chosen);
      await expect(toolbar).toBeVisible();
      await expect(toolbar.getByText('3 ausgewählt')).toBeVisible();

      // Into the toolbar (above the grid) with Shift+Tab; the change chosen by typing, as in any select.
      for (let i = 0; i < 6 && (await focus(page)) !== 'SELECT#bulk-action'; i++) await page.keyboard.press('Shift+Tab');
      expect(await focus(page)).toBe('SELECT#bulk-action');
      await page.keyboard.press('p'); // Priorität
      await expect(page.locator('#bulk-action')).toHaveValue('set_priority');
      await page.keyboard.press('Tab');
      expect(await focus(page)).toBe('SELECT#bulk-value');
      await page.keyboard.press('h'); // hoch
      await expect(page.locator('#bulk-value')).toHaveValue('high');
      const axe = await new AxeBuilder({ page }).include('.inbox').analyze();
      expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
      await shot('toolbar');

      const bulkCalls = countCalls(page, 'bulkUpdateCases');
      const listCalls = countCalls(page, 'listCases');
      await toolbar.getByRole('button', { name: 'Anwenden' }).dblclick();
      await expect(summary).toHaveText('3 geändert');
      await expect(toolbar).toHaveCount(0);
      await expect(page.locator('table.cases tbody tr[aria-selected="true"]')).toHaveCount(0);
      await expect.poll(() => focus(page)).toMatch(/^row \d+$/);
      await page.waitForTimeout(1_000); // quiet: no second reload
      expect(bulkCalls.value, 'one bulk call for a double click').toBe(1);
      expect(listCalls.value, 'the list reloads once').toBe(1);
      for (const reference of chosen) {
        const [row] = (await api<{ rows: { id: number }[] }>(page, 'listCases', { filter: { reference }, limit: 1 })).rows;
        const detail = await api<Detail>(page, 'getCase', { id: row!.id });
        expect(detail.priority, reference).toBe('high');
        expect(detail.timeline.filter((e) => e.type === 'updated'), `${reference}: one change event`).toHaveLength(1);
      }
      await shot('summary');

      // A second selection in "Alle" (the view change clears the summary): the closed case and the next one.
      await page.keyboard.press('/');
      await page.keyboard.press('Tab'); // refresh
      await page.keyboard.press('Tab'); // the views, one Tab stop
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await expect(summary).toHaveCount(0);
      await expect(page.locator('.toolbar .count')).toHaveText('30 Fälle');
      await expect(page.locator('tr.loading-row')).toHaveCount(0);
      await page.keyboard.press('ArrowDown');
      expect(await focus(page)).toBe('row 0');
      await expect(page.locator('table.cases tbody tr[data-index="0"] td.reference')).toHaveText(closed.reference);
      const next = await referenceAt(1);
      await page.keyboard.press('Space');
      await page.keyboard.press('Shift+ArrowDown'); // extends to the next row
      await expect(toolbar.getByText('2 ausgewählt')).toBeVisible();
      for (let i = 0; i < 6 && (await focus(page)) !== 'SELECT#bulk-action'; i++) await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('p');
      await page.keyboard.press('Tab');
      await page.keyboard.press('d'); // dringend
      await expect(page.locator('#bulk-value')).toHaveValue('urgent');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await expect(summary).toHaveText(`1 geändert, 1 abgelehnt: ${closed.reference} abgeschlossen`);
      await expect.poll(() => focus(page)).toMatch(/^row \d+$/);
      const afterClosed = await api<Detail>(page, 'getCase', { id: closed.id });
      expect(afterClosed.priority).toBe('normal');
      const [nextRow] = (await api<{ rows: { id: number }[] }>(page, 'listCases', { filter: { reference: next }, limit: 1 })).rows;
      expect((await api<Detail>(page, 'getCase', { id: nextRow!.id })).priority).toBe('urgent');
      await shot('refused');
      await page.getByRole('button', { name: 'Abmelden' }).click();

      // The department head reads the same inbox without a selection column.
      await firstSignIn(page, OFFICE_NOW, `gerd${size.tag}`, 'gerd-first-password', 'gerd-password-bulk');
      await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('button', { name: 'Eingang', exact: true }).click();
      await expect(rows.first()).toBeVisible();
      await expect(page.locator('table.cases input[type="checkbox"]')).toHaveCount(0);
      await expect(page.locator('table.cases')).not.toHaveAttribute('aria-multiselectable', 'true');
      await shot('head');
    });
  });
}
