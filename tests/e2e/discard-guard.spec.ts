// Defect 11: Esc or Cancel in quick entry threw away a half-typed call note. Now, with something typed, they ask first
// ("Keep editing", the default, or "Discard"); Esc in that question keeps editing, with the text and the focus where they
// were; Discard closes, gives the focus back to where it was before and creates no case; with nothing typed Esc closes at
// once. And forms check themselves: sign-in with empty fields says so at the fields, in German. At 1280x800.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ADMIN_PASSWORD, expect, test } from './fixtures.ts';
import { firstSignIn, openAt } from './session.ts';

const OFFICE_NOW = '2027-10-11T09:00:00'; // a Monday (its own test server: no other spec uses this time)
test.use({ officeNow: OFFICE_NOW, viewport: { width: 1280, height: 800 } });
test.describe.configure({ mode: 'serial' });

/** The value of an API call made from the page (as the signed-in user), or the test fails with the error code. */
async function api<T>(page: Page, channel: string, input?: unknown): Promise<T> {
  const result = await page.evaluate(
    ([name, payload]) => (window.ombudsdesk as unknown as Record<string, (input: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>>)[name as string]!(payload),
    [channel, input] as const,
  );
  if (!result.ok) throw new Error(`${channel}: ${result.error?.code}`);
  return result.value as T;
}

const caseCount = async (page: Page) => (await api<{ rows: unknown[] }>(page, 'listCases', { limit: 100 })).rows.length;
/** For looking at by eye (outside the repository). */
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(tmpdir(), `ombudsdesk-${name}.png`) });

test('sign-in with empty fields: the problems stand at the fields, in German, and the first one has the focus', async ({ page }) => {
  await openAt(page, OFFICE_NOW);
  const username = page.getByRole('textbox', { name: 'Benutzername' });
  const password = page.getByLabel('Passwort', { exact: true });
  await expect(username).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(username).toHaveAttribute('aria-invalid', 'true');
  await expect(username).toHaveAccessibleDescription('Bitte geben Sie Ihren Benutzernamen ein.');
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(password).toHaveAccessibleDescription('Bitte geben Sie Ihr Passwort ein.');
  await expect(username).toBeFocused();
  // The browser's own check is off (its bubble would be in the browser's language).
  expect(await page.locator('form').evaluate((form: HTMLFormElement) => form.noValidate)).toBe(true);
  await shot(page, 'login-errors');

  // A name typed takes its problem away; the password's stays and now has the focus.
  await page.keyboard.type('admin');
  await expect(username).not.toHaveAttribute('aria-invalid', 'true');
  await page.keyboard.press('Enter');
  await expect(password).toBeFocused();
  await expect(page.getByRole('alert')).toHaveText('Bitte geben Sie Ihr Passwort ein.');
});

test('quick entry: Esc with a half-typed note asks; Esc there keeps editing; Discard closes and creates nothing', async ({ page }) => {
  await firstSignIn(page, OFFICE_NOW, 'admin', ADMIN_PASSWORD, 'admin-password-11');
  await api(page, 'saveUser', { username: 'petra', displayName: 'Petra Lang', role: 'ombudsman', password: 'petra-first-password' });
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await firstSignIn(page, OFFICE_NOW, 'petra', 'petra-first-password', 'petra-password-11');
  expect(await caseCount(page)).toBe(0);

  // Where the ombudsman was when the phone rang: the inbox search.
  await page.getByRole('navigation').getByRole('button', { name: 'Eingang', exact: true }).click();
  const search = page.getByRole('searchbox', { name: 'Volltextsuche' });
  await search.click();
  await expect(search).toBeFocused();

  await page.keyboard.press('Control+Shift+P');
  const dialog = page.getByRole('dialog', { name: 'Neuer Fall: Telefon' });
  await expect(dialog.getByRole('radio', { name: 'Beschwerde' })).toBeFocused();
  await page.keyboard.press('Tab'); // origin
  await page.keyboard.press('Tab'); // subject
  const subject = dialog.getByLabel('Betreff');
  await expect(subject).toBeFocused();
  await page.keyboard.type('Laterne in der Parkstraße');

  // Esc: the question, with the focus on "Keep editing".
  await page.keyboard.press('Escape');
  const confirm = page.getByRole('alertdialog', { name: 'Die getippte Notiz verwerfen?' });
  await expect(confirm).toBeVisible();
  await expect(confirm).toHaveAccessibleDescription('Es ist noch nichts gespeichert.');
  const keep = confirm.getByRole('button', { name: 'Weiter bearbeiten' });
  const discard = confirm.getByRole('button', { name: 'Verwerfen' });
  await expect(keep).toBeFocused();
  await expect(dialog).toBeVisible();
  // The focus stays in the question: Tab goes round its two buttons.
  await page.keyboard.press('Tab');
  await expect(discard).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(keep).toBeFocused();
  const serious = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id} (${v.nodes.length}) ${v.help}`)).toEqual([]);
  await shot(page, 'discard-confirm');

  // Esc in the question: keep editing. The text is there, the focus back in the subject, and typing goes on.
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(dialog).toBeVisible();
  await expect(subject).toBeFocused();
  await expect(subject).toHaveValue('Laterne in der Parkstraße');
  await page.keyboard.type(' flackert');
  await expect(subject).toHaveValue('Laterne in der Parkstraße flackert');

  // Cancel asks too; "Keep editing" (Enter, the default) keeps the note.
  await dialog.getByRole('button', { name: /^Abbrechen/ }).click();
  await expect(keep).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(confirm).toHaveCount(0);
  await expect(subject).toHaveValue('Laterne in der Parkstraße flackert');

  // Esc, then Discard: the form closes, the focus is back in the search, and no case was created.
  await subject.focus();
  await page.keyboard.press('Escape');
  await expect(keep).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(discard).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(confirm).toHaveCount(0);
  await expect(dialog).toHaveCount(0);
  await expect(search).toBeFocused();
  expect(await caseCount(page)).toBe(0);

  // Nothing typed: Esc closes at once, without asking.
  await page.keyboard.press('Control+Shift+P');
  await expect(dialog.getByRole('radio', { name: 'Beschwerde' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(confirm).toHaveCount(0);
  await expect(search).toBeFocused();
  expect(await caseCount(page)).toBe(0);

  // A reply being written in a case: leaving the case (Alt+←, the Back button) asks first as well.
  const created = await api<{ reference: string }>(page, 'createCase', { kind: 'complaint', channel: 'email', origin: 'external', subject: 'Mülltonne nicht geleert', submitter: { anonymous: true, consent: false } });
  await search.fill(created.reference);
  await search.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(created.reference) })).toBeVisible();
  const replySubject = page.getByRole('region', { name: 'Antwort' }).getByLabel('Betreff');
  await replySubject.click();
  await page.keyboard.type('Ihre Mülltonne');
  await page.keyboard.press('Alt+ArrowLeft');
  const replyConfirm = page.getByRole('alertdialog', { name: 'Die getippte Antwort verwerfen?' });
  await expect(replyConfirm.getByRole('button', { name: 'Weiter bearbeiten' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(replyConfirm).toHaveCount(0);
  await expect(replySubject).toBeFocused();
  await expect(replySubject).toHaveValue('Ihre Mülltonne');
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(created.reference) })).toBeVisible();
  await page.getByRole('button', { name: /Zurück zum Eingang/ }).click();
  await replyConfirm.getByRole('button', { name: 'Verwerfen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Eingang' })).toBeVisible();
});
