// A working day at the office, at the two screen sizes the office has (1280 × 800 laptops, 1920 × 1080 desks), in German
// and English: the inbox, a case, quick entry with similar-case suggestions, the prize draw and the settings. Each screen
// is saved under screenshots/ and measured: the header is one line, no badge or column header is clipped, the quick-entry
// Save button stays in the window, wide screens use their width. English dates read as in Britain.
import type { Browser, Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { ADMIN_PASSWORD, expect, test } from './fixtures.ts';

const OFFICE_NOW = '2027-12-06T10:00:00'; // a Monday in December: the draw for 2027 is due
const DEMO_PASSWORD = 'demo-password-2026';
const NEW_PASSWORD = 'layout-password-2027';
test.use({ officeNow: OFFICE_NOW, demoCases: 400 });

type Language = 'de' | 'en';
const L = {
  de: { username: 'Benutzername', password: 'Passwort', current: 'Bisheriges Passwort', new: 'Neues Passwort', repeat: 'Neues Passwort wiederholen', logout: 'Abmelden', inbox: 'Eingang', all: 'Alle', draw: 'Verlosung', settings: 'Einstellungen', subject: 'Betreff', description: 'Beschreibung', similar: /Ähnliche Fälle/, save: /^Speichern/, cancel: /^Abbrechen/, discard: 'Verwerfen', drawNo: 'Verlosung Nr. 1', printRules: 'Regeln drucken', back: 'Zurück zum Eingang', office: 'Fristen und Kalender', receivedAt: 'Eingegangen am', dateInvalid: 'Bitte geben Sie das Datum als TT.MM.JJJJ hh:mm ein, zum Beispiel 06.12.2027 09:30.' },
  en: { username: 'Username', password: 'Password', current: 'Current password', new: 'New password', repeat: 'Repeat new password', logout: 'Sign out', inbox: 'Inbox', all: 'All', draw: 'Prize draw', settings: 'Settings', subject: 'Subject', description: 'Description', similar: /Similar cases/, save: /^Save/, cancel: /^Cancel/, discard: 'Discard', drawNo: 'Draw no. 1', printRules: 'Print the rules', back: 'Back to the inbox', office: 'Deadlines and calendar', receivedAt: 'Received at', dateInvalid: 'Please enter the date as DD/MM/YYYY hh:mm, for example 06/12/2027 09:30.' },
} as const;

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

const changed = new Set<string>();

async function signIn(page: Page, language: Language, username: string, firstPassword: string) {
  const l = L[language];
  await page.getByLabel(l.username, { exact: true }).fill(username);
  await page.getByLabel(l.password, { exact: true }).fill(changed.has(username) ? NEW_PASSWORD : firstPassword);
  await page.keyboard.press('Enter');
  if (!changed.has(username)) {
    await page.getByLabel(l.current).fill(firstPassword);
    await page.getByLabel(l.new, { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel(l.repeat).fill(NEW_PASSWORD);
    await page.keyboard.press('Enter');
    changed.add(username);
  }
  await expect(page.getByRole('button', { name: l.logout })).toBeVisible();
}

async function openPage(browser: Browser, baseURL: string, language: Language, size: { width: number; height: number }) {
  const context = await browser.newContext({ baseURL, viewport: size });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(OFFICE_NOW));
  await page.addInitScript((lang) => localStorage.setItem('ombudsdesk.language', lang), language);
  await page.goto('./');
  return page;
}

/** The header is one line: every item sits on the same row, and the bar is no taller than one row of buttons. */
async function expectHeaderOnOneLine(page: Page) {
  const facts = await page.locator('header.topbar').evaluate((bar) => {
    const items = [...bar.querySelectorAll<HTMLElement>(':scope > *, :scope > nav > *')].filter((el) => el.offsetParent !== null);
    const tops = items.map((el) => el.getBoundingClientRect().top + el.getBoundingClientRect().height / 2);
    const clipped = items.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent);
    return { height: bar.getBoundingClientRect().height, spread: Math.max(...tops) - Math.min(...tops), clipped, overflow: bar.scrollWidth - bar.clientWidth };
  });
  expect.soft(facts.spread, 'header items on one line').toBeLessThan(4);
  expect.soft(facts.height, 'header height of one line').toBeLessThan(60);
  expect.soft(facts.overflow, 'header wider than the window').toBeLessThanOrEqual(0);
  expect.soft(facts.clipped, 'header items cut off').toEqual([]);
}

/** No badge (kind, status, tag), column header or inbox date shows less than its text: not clipped by itself or its cell. */
async function expectNothingClipped(page: Page) {
  const clipped = await page.evaluate(() => {
    const problems: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('main .tag, main .status, main th')) {
      if (el.offsetParent === null) continue;
      if (el.scrollWidth > el.clientWidth + 1) problems.push(`${el.className || el.tagName}: ${el.textContent} (${el.scrollWidth} > ${el.clientWidth})`);
      const cell = el.closest('td, th');
      if (cell && cell !== el && el.getBoundingClientRect().right > cell.getBoundingClientRect().right + 0.5) problems.push(`${el.className} cut by its cell: ${el.textContent}`);
      // Header text inside a sort button or span.
      for (const inner of el.querySelectorAll<HTMLElement>('button, span')) {
        if (inner.scrollWidth > inner.clientWidth + 1 && getComputedStyle(inner).display !== 'inline') problems.push(`${el.tagName} ${inner.textContent}`);
      }
    }
    // Dates and times in the inbox are never cut short either.
    for (const cell of document.querySelectorAll<HTMLElement>('main table.cases td.nowrap')) {
      if (cell.scrollWidth > cell.clientWidth + 1) problems.push(`date cut: ${cell.textContent}`);
    }
    return problems;
  });
  expect.soft(clipped, 'clipped badges or column headers').toEqual([]);
}

/** At 1920 px the screen's content uses the width instead of a narrow column. */
async function expectUsesWidth(page: Page, selector: string, size: { width: number }) {
  if (size.width < 1900) return;
  const width = await page.locator(selector).first().evaluate((el) => el.getBoundingClientRect().width);
  expect.soft(width, `${selector} width at ${size.width}`).toBeGreaterThan(size.width * 0.75);
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `screenshots/working-day/${name}.png` });
}

test.beforeAll(async ({ browser, transport }) => {
  mkdirSync('screenshots/working-day', { recursive: true });
  // The office prepares a draw: five ideas of citizens led to an improvement done this year; the chief executive freezes
  // the list, so the draw screen shows its fingerprint.
  const page = await openPage(browser, transport.baseURL, 'de', SIZES[0]);
  await signIn(page, 'de', 'admin', ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await signIn(page, 'de', 'ombudsman', DEMO_PASSWORD);
  await page.evaluate(async () => {
    const departments = await window.ombudsdesk.listDepartments();
    if (!departments.ok) throw new Error('departments');
    const departmentId = departments.value[0]!.id;
    const ids: number[] = [];
    for (const name of ['Anna Berg', 'Bernd Kurz', 'Clara Ost', 'Deniz Acar', 'Emil Roth']) {
      const submitter = { name, email: `${name.split(' ')[0]!.toLowerCase()}@example.org`, consent: true, consentText: 'Einwilligung' };
      const created = await window.ombudsdesk.createCase({ kind: 'idea', channel: 'web', origin: 'external', subject: `Idee von ${name}: mehr Bänke im Stadtpark`, departmentId, submitter });
      if (!created.ok) throw new Error(created.error.code);
      ids.push(created.value.id);
    }
    const improvement = await window.ombudsdesk.adoptIdea({ caseId: ids[0]!, title: 'Mehr Bänke im Stadtpark' });
    if (!improvement.ok) throw new Error(improvement.error.code);
    for (const caseId of ids.slice(1)) await window.ombudsdesk.linkCaseToImprovement({ improvementId: improvement.value.id, caseId });
    const done = await window.ombudsdesk.setImprovementStatus({ id: improvement.value.id, status: 'done', doneOn: '2027-10-15', note: '20 Bänke aufgestellt.' });
    if (!done.ok) throw new Error(done.error.code);
  });
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await signIn(page, 'de', 'executive', DEMO_PASSWORD);
  await page.evaluate(async () => {
    const draw = await window.ombudsdesk.prepareDraw({ year: 2027, pool: 'external', prizes: [{ count: 2, description: 'Ein Abendessen für zwei im Ratskeller' }], repeatReason: null });
    if (!draw.ok) throw new Error(draw.error.code);
  });
  await page.context().close();
});

for (const language of ['de', 'en'] as const) {
  for (const size of SIZES) {
    const tag = `${size.width}-${language}`;
    test(`${tag}: inbox, case, quick entry, draw and settings look designed`, async ({ browser, transport }) => {
      const l = L[language];
      const page = await openPage(browser, transport.baseURL, language, size);
      await signIn(page, language, 'ombudsman', DEMO_PASSWORD);

      // The inbox (the office may start on another screen).
      await page.getByRole('navigation').getByRole('button', { name: l.inbox, exact: true }).click();
      await page.getByRole('button', { name: l.all, exact: true }).click();
      await expect(page.locator('table.cases tbody tr.row').first()).toBeVisible();
      await expectHeaderOnOneLine(page);
      await expectNothingClipped(page);
      const received = await page.locator('table.cases tbody tr.row').first().locator('td:not(.select-cell)').nth(1).textContent();
      if (language === 'en') expect(received, 'an en-GB date: 06/12/2027, 09:15').toMatch(/^\d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}$/);
      else expect(received).toMatch(/^\d{2}\.\d{2}\.\d{2}, \d{2}:\d{2}$/);
      await shot(page, `inbox-${tag}`);

      // A case.
      await page.locator('table.cases tbody tr.row').first().click();
      await expect(page.getByRole('button', { name: l.back })).toBeVisible();
      await expectHeaderOnOneLine(page);
      await expectNothingClipped(page);
      await expectUsesWidth(page, '.case-view', size);
      await shot(page, `case-${tag}`);
      await page.getByRole('button', { name: l.back }).click();

      // Quick entry with suggestions: the body scrolls, the Save row stays in the window.
      await page.keyboard.press('Control+Shift+P');
      const dialog = page.getByRole('dialog');
      const subject = (await page.locator('table.cases tbody tr.row').first().locator('td:not(.select-cell)').nth(5).textContent())!.split(/\s+/).map((word) => word.replace(/[^\p{L}\p{N}]/gu, '')).find((word) => word.length >= 5)!;
      await dialog.getByLabel(l.subject, { exact: true }).fill(subject);
      await expect(dialog.getByRole('group', { name: l.similar })).toBeVisible();
      await dialog.getByLabel(l.description, { exact: true }).fill('Anruf am Vormittag.\nRückruf erbeten.\nBitte prüfen.');
      const save = dialog.getByRole('button', { name: l.save });
      await expect.soft(save).toBeInViewport({ ratio: 1 });
      const saveBox = (await save.boundingBox())!;
      expect.soft(saveBox.y + saveBox.height, 'Save inside the window').toBeLessThanOrEqual(size.height);
      await shot(page, `quick-entry-${tag}`);
      // The date of receipt is typed as the language writes it; a day that does not exist is refused at the field, in the
      // app's language, and Ctrl+Enter saves nothing.
      const receivedAt = dialog.getByLabel(l.receivedAt);
      await expect(receivedAt).toHaveValue(language === 'de' ? '06.12.2027 10:00' : '06/12/2027 10:00');
      await receivedAt.fill(language === 'de' ? '31.11.2027 10:00' : '31/11/2027 10:00');
      await page.keyboard.press('Control+Enter');
      await expect(dialog.getByRole('alert')).toHaveText(l.dateInvalid);
      await expect(receivedAt).toBeFocused();
      await expect(receivedAt).toHaveAttribute('aria-invalid', 'true');
      await expect.soft(dialog.getByRole('button', { name: l.save })).toBeInViewport({ ratio: 1 });
      // The refused field and its message are not hidden behind the Save row.
      const saveTop = (await dialog.getByRole('button', { name: l.save }).boundingBox())!.y;
      const fieldBox = (await receivedAt.boundingBox())!;
      expect.soft(fieldBox.y + fieldBox.height, 'date field above the Save row').toBeLessThan(saveTop - 8);
      const errorBox = (await dialog.getByRole('alert').boundingBox())!;
      expect.soft(errorBox.y + errorBox.height, 'its message above the Save row').toBeLessThan(saveTop);
      await shot(page, `quick-entry-date-error-${tag}`);
      await expect(dialog).toBeVisible();
      // What was typed is not thrown away unasked: Cancel asks first.
      await dialog.getByRole('button', { name: l.cancel }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: l.discard }).click();
      await expect(dialog).toHaveCount(0);

      // The prize draw with its frozen list and the rules for witnesses.
      await page.getByRole('button', { name: l.draw, exact: true }).click();
      await page.getByRole('button', { name: l.drawNo }).click();
      await expect(page.getByTestId('fingerprint')).toBeVisible();
      await expect(page.getByRole('button', { name: l.printRules })).toBeVisible();
      await expect(page.locator('.draw-view')).not.toContainText('README');
      await expectHeaderOnOneLine(page);
      await expectNothingClipped(page);
      await expectUsesWidth(page, '.draw-view', size);
      await shot(page, `draw-${tag}`);
      // "Print the rules" prints the translated rules sheet alone; the app is out of the printout while it prints.
      await page.evaluate(() => {
        window.print = () => {
          const sheet = document.querySelector<HTMLElement>('.print-rules');
          (window as unknown as { printed: unknown }).printed = { rulesOnly: document.body.classList.contains('print-rules-only'), text: sheet?.textContent ?? '' };
        };
      });
      await page.getByRole('button', { name: l.printRules }).click();
      const printed = await page.evaluate(() => (window as unknown as { printed: { rulesOnly: boolean; text: string } }).printed);
      expect(printed.rulesOnly).toBe(true);
      expect(printed.text).toContain(language === 'de' ? 'So funktioniert die Verlosung' : 'How the prize draw works');
      expect(printed.text).toContain(await page.getByTestId('fingerprint').textContent());
      expect(printed.text).not.toContain('README');
      expect(await page.evaluate(() => document.body.classList.contains('print-rules-only')), 'back to normal after printing').toBe(false);
      await page.evaluate(() => document.body.classList.add('print-rules-only'));
      await page.emulateMedia({ media: 'print' });
      await expect(page.locator('#root')).toBeHidden();
      await expect(page.getByTestId('rules-sheet')).toBeVisible();
      if (size.width === 1280) await page.pdf({ path: `screenshots/working-day/draw-rules-${language}.pdf`, format: 'A4' });
      await page.emulateMedia({ media: 'screen' });
      await page.evaluate(() => document.body.classList.remove('print-rules-only'));
      await expect(page.getByTestId('rules-sheet')).toBeHidden();
      await page.getByRole('button', { name: l.logout }).click();

      // Settings, as the administrator sees them (every section).
      await signIn(page, language, 'admin', ADMIN_PASSWORD);
      await page.getByRole('button', { name: l.settings, exact: true }).click();
      await expect(page.getByRole('heading', { name: l.office })).toBeVisible();
      await expectHeaderOnOneLine(page);
      await expectNothingClipped(page);
      await expectUsesWidth(page, '.settings', size);
      await shot(page, `settings-${tag}`);
      await page.context().close();
    });
  }
}
