// The daily flows of the ombudsman and the deputy, end to end in Chromium against the real handlers and a real SQLite file.
import type { Page } from '@playwright/test';
import { ADMIN_PASSWORD, expect, test } from './fixtures.ts';

const OFFICE_NOW = '2027-03-01T09:00:00'; // a Monday, three weeks before Easter
const PASSWORD = 'the-office-password-1';
test.use({ officeNow: OFFICE_NOW });
test.describe.configure({ mode: 'serial' });

let adminReady = false;

async function open(page: Page) {
  await page.clock.setFixedTime(new Date(OFFICE_NOW));
  await page.addInitScript(() => localStorage.setItem('ombudsdesk.language', 'de'));
  await page.goto('./');
}

async function signIn(page: Page, username: string, password: string, newPassword?: string) {
  await page.getByLabel(/^(Benutzername|Username)$/).fill(username);
  await page.getByLabel(/^(Passwort|Password)$/).fill(password);
  await page.keyboard.press('Enter');
  if (newPassword) {
    await page.getByLabel('Bisheriges Passwort').fill(password);
    await page.getByLabel('Neues Passwort', { exact: true }).fill(newPassword);
    await page.getByLabel('Neues Passwort wiederholen').fill(newPassword);
    await page.keyboard.press('Enter');
  }
  // The office starts on its day; the inbox is one click away.
  await expect(page.getByRole('heading', { name: 'Heute', level: 1 })).toBeVisible();
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('button', { name: 'Eingang', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Eingang', exact: true, level: 1 })).toBeVisible();
}

async function signInAsAdmin(page: Page) {
  await open(page);
  if (adminReady) return signIn(page, 'admin', PASSWORD);
  await signIn(page, 'admin', ADMIN_PASSWORD, PASSWORD);
  adminReady = true;
  await page.evaluate(async () => {
    for (const name of ['Straßen und Tiefbau', 'Bürgerbüro']) await window.ombudsdesk.saveDepartment({ name });
    await window.ombudsdesk.saveCategory({ name: 'Verkehr' });
  });
}

async function openCase(page: Page, reference: string) {
  await page.getByRole('button', { name: 'Alle', exact: true }).click();
  await page.getByRole('row', { name: new RegExp(reference) }).click();
  await expect(page.getByRole('heading', { name: new RegExp(reference) })).toBeVisible();
}

async function act(page: Page, action: string, fill?: (page: Page) => Promise<void>) {
  await page.getByRole('region', { name: 'Nächster Schritt' }).getByRole('button', { name: action, exact: true }).click();
  await fill?.(page);
  await page.getByRole('form', { name: action }).getByRole('button', { name: action, exact: true }).click();
}

test('a phone complaint logged with the keyboard only', async ({ page }) => {
  await signInAsAdmin(page);
  let keystrokes = 0;
  const press = async (key: string) => {
    keystrokes++;
    await page.keyboard.press(key);
  };
  const type = (text: string) => page.keyboard.type(text);

  await press('Control+Shift+P');
  await expect(page.getByRole('dialog', { name: 'Neuer Fall: Telefon' })).toBeVisible();
  // Kind: complaint is preselected; origin: external is preselected.
  await press('Tab'); // origin
  await press('Tab'); // subject (channel is preset and received time is now: both sit at the end of the form)
  await type('Ampel an der Grundschule seit Tagen ausgefallen');
  await press('Tab'); // description
  await type('Kinder müssen die Hauptstraße ohne Ampel überqueren.');
  await press('Tab'); // anonymous
  await press('Tab'); // name
  await type('Jürgen Müller');
  await press('Tab'); // phone
  await type('0221 123456');
  await press('Tab'); // email
  await press('Tab'); // postal address
  await press('Tab'); // consent
  await press('Space');
  await press('Tab'); // department
  await type('Stra'); // type-ahead picks "Straßen und Tiefbau"
  await press('Control+Enter');

  await expect(page.getByRole('status')).toHaveText(/Fall 2027-00001 wurde gespeichert/);
  console.log(`Keyboard-only phone complaint: ${keystrokes} keystrokes besides the typed text.`);
  expect(keystrokes).toBeLessThanOrEqual(16);

  const saved = await page.evaluate(() => window.ombudsdesk.getCase({ id: 1 }));
  expect(saved).toMatchObject({
    ok: true,
    value: {
      reference: '2027-00001',
      kind: 'complaint',
      channel: 'phone',
      origin: 'external',
      departmentName: 'Straßen und Tiefbau',
      submitter: { name: 'Jürgen Müller', phone: '0221 123456', anonymous: false, consentGivenAt: expect.any(String) },
    },
  });
  await page.screenshot({ path: 'screenshots/inbox-after-entry.png' });
});

test('a walk-in idea with an anonymous submitter', async ({ page }) => {
  await signInAsAdmin(page);
  await page.keyboard.press('Control+Shift+W');
  const dialog = page.getByRole('dialog', { name: 'Neuer Fall: Vorsprache' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radio', { name: 'Idee' }).check();
  await dialog.getByLabel('Betreff').fill('Mehr Fahrradständer am Rathaus');
  await dialog.getByLabel('Anonym (keine Kontaktdaten speichern)').check();
  await expect(dialog.getByLabel('Name')).toHaveCount(0);
  await page.screenshot({ path: 'screenshots/quick-entry.png' });
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('status')).toHaveText(/Fall 2027-00002/);
  const saved = await page.evaluate(() => window.ombudsdesk.getCase({ id: 2 }));
  expect(saved).toMatchObject({ ok: true, value: { kind: 'idea', channel: 'walk_in', anonymous: true, submitter: { name: null, consentGivenAt: null } } });
});

test('triage, forward, hold and resume (the due date moves by the paused working days), answer and close', async ({ page, transport }) => {
  await signInAsAdmin(page);
  await openCase(page, '2027-00001');
  await expect(page.getByTestId('due')).toContainText('noch 10 Arbeitstage');
  await act(page, 'Sichten', async (p) => {
    const form = p.getByRole('form', { name: 'Sichten' });
    await form.getByLabel(/^Kategorie/).selectOption({ label: 'Verkehr' });
    await form.getByLabel(/^Priorität/).selectOption({ label: 'hoch' });
  });
  await expect(page.getByText('in Bearbeitung').first()).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'Verkehr' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'hoch' })).toBeVisible();
  await act(page, 'An Fachbereich weiterleiten', async (p) => {
    await p.getByRole('form', { name: 'An Fachbereich weiterleiten' }).getByLabel('Fachbereich').selectOption({ label: 'Bürgerbüro' });
  });
  await expect(page.getByText('weitergeleitet').first()).toBeVisible();
  const before = await page.evaluate(() => window.ombudsdesk.getCase({ id: 1 }));
  expect(before).toMatchObject({ ok: true, value: { departmentName: 'Bürgerbüro', deadlines: { responseDue: '2027-03-15' } } });

  await act(page, 'Pausieren', async (p) => p.getByLabel('Begründung', { exact: true }).fill('Rückfrage an Herrn Müller'));
  await expect(page.getByText('pausiert').first()).toBeVisible();
  await page.request.post(`${transport.baseURL}__test/advance-days?days=2`);
  await page.clock.setFixedTime(new Date('2027-03-03T09:00:00'));
  await act(page, 'Fortsetzen');
  await expect(page.getByText('weitergeleitet').first()).toBeVisible();
  const after = await page.evaluate(() => window.ombudsdesk.getCase({ id: 1 }));
  expect(after).toMatchObject({ ok: true, value: { deadlines: { responseDue: '2027-03-17', pausedWorkingDays: 2 } } });
  await expect(page.getByTestId('time-used')).toHaveText('2 Arbeitstage brutto, 0 netto (2 pausiert)');

  await act(page, 'Stellungnahme zurückgeben', async (p) => p.getByLabel('Stellungnahme', { exact: true }).fill('Die Ampel wird am Freitag repariert.'));
  await act(page, 'Beantworten', async (p) => {
    await p.getByLabel(/^Ergebnis/).selectOption({ label: 'berechtigt' });
  });
  await expect(page.getByText('beantwortet').first()).toBeVisible();
  await act(page, 'Abschließen');
  await expect(page.getByText('abgeschlossen').first()).toBeVisible();
  const timeline = page.getByRole('list', { name: 'Verlauf' }).getByRole('listitem');
  await expect(timeline).toHaveCount(9);
  await expect(timeline.nth(1)).toContainText('Geändert: Kategorie, Priorität');
  await page.screenshot({ path: 'screenshots/case-view.png', fullPage: true });
});

test('stage 2 must be handled by someone else, chosen explicitly: nobody chosen is refused at the field, the deputy escalates', async ({ page, browser }) => {
  await signInAsAdmin(page);
  await page.evaluate(async () => {
    await window.ombudsdesk.saveUser({ username: 'deputy', displayName: 'Jonas Öztürk', role: 'deputy', password: 'deputy-first-password' });
  });
  await openCase(page, '2027-00001');
  // The administrator handled stage 1: not offered, and nothing is chosen for them ("myself" was the defect).
  await act(page, 'In Stufe 2 geben', async (p) => {
    const handler = p.getByLabel('Bearbeitung in Stufe 2 durch');
    await expect(handler).toHaveValue('');
    await expect(handler.getByRole('option')).toHaveText(['– bitte wählen –', 'Jonas Öztürk']);
    await p.getByLabel('Begründung', { exact: true }).fill('Herr Müller widerspricht der Antwort.');
  });
  const handler = page.getByLabel('Bearbeitung in Stufe 2 durch');
  await expect(handler).toHaveAttribute('aria-invalid', 'true');
  await expect(handler).toHaveAccessibleDescription('Bitte wählen Sie, wer Stufe 2 bearbeitet.');
  await page.getByRole('form', { name: 'In Stufe 2 geben' }).getByRole('button', { name: 'Abbrechen' }).click();

  const deputyPage = await browser.newPage();
  await open(deputyPage);
  await signIn(deputyPage, 'deputy', 'deputy-first-password', 'deputy-new-password');
  await openCase(deputyPage, '2027-00001');
  await act(deputyPage, 'In Stufe 2 geben', async (p) => {
    await p.getByLabel('Bearbeitung in Stufe 2 durch').selectOption({ label: 'Jonas Öztürk' });
    await p.getByLabel('Begründung', { exact: true }).fill('Herr Müller widerspricht der Antwort.');
  });
  await expect(deputyPage.getByText('Stufe 2', { exact: true })).toBeVisible();
  const escalated = await deputyPage.evaluate(() => window.ombudsdesk.getCase({ id: 1 }));
  expect(escalated).toMatchObject({ ok: true, value: { stage: 2, status: 'open', handlerName: 'Jonas Öztürk' } });
  await deputyPage.close();
});

test('a duplicate is merged from the quick entry suggestions', async ({ page }) => {
  await signInAsAdmin(page);
  await page.keyboard.press('Control+N');
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Betreff').fill('Ampel Grundschule ausgefallen');
  const suggestion = dialog.getByRole('group', { name: /Ähnliche Fälle/ });
  await expect(suggestion).toContainText('2027-00001');
  await suggestion.getByRole('checkbox').first().check();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('status')).toHaveText(/Fall 2027-00003/);
  const merged = await page.evaluate(() => window.ombudsdesk.getCase({ id: 3 }));
  expect(merged).toMatchObject({ ok: true, value: { status: 'merged', duplicateOfReference: '2027-00001' } });
});

test('settings: departments, users with roles, holiday region and deadline rules', async ({ page }) => {
  await signInAsAdmin(page);
  await page.getByRole('button', { name: 'Einstellungen' }).click();
  await expect(page.getByRole('heading', { name: 'Einstellungen', level: 1 })).toBeVisible();

  await page.getByLabel(/^Feiertagsregion/).selectOption('DK');
  await page.getByLabel('Beschwerde Stufe 1 Antwort').fill('15');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await expect(page.getByRole('status')).toHaveText('Gespeichert.');
  const settings = await page.evaluate(() => window.ombudsdesk.getSettings());
  expect(settings).toMatchObject({ ok: true, value: { holidayRegion: 'DK', deadlineRules: { complaint: { stage1: { respondDays: 15 } } } } });
  await page.getByLabel('Beschwerde Stufe 1 Antwort').fill('3');
  await page.getByLabel('Beschwerde Stufe 1 Eingangsbestätigung').fill('9');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await expect(page.getByRole('alert')).toHaveText('Die Fristregeln sind ungültig.');
  await page.screenshot({ path: 'screenshots/settings.png', fullPage: true });

  await page.getByRole('button', { name: 'Fachbereiche' }).click();
  await page.getByLabel('Neuer Fachbereich').fill('Jugendamt');
  await page.getByRole('button', { name: 'Hinzufügen' }).click();
  await expect(page.getByLabel('Name von Jugendamt')).toBeVisible();
  await page.getByLabel('Neuer Fachbereich').fill('jugendamt');
  await page.getByRole('button', { name: 'Hinzufügen' }).click();
  await expect(page.getByRole('alert')).toHaveText('Das gibt es bereits.');

  await page.getByRole('button', { name: 'Benutzer und Rollen' }).click();
  await page.getByRole('button', { name: 'Neuer Benutzer' }).click();
  const form = page.getByRole('form', { name: 'Neuer Benutzer' });
  await form.getByLabel('Name', { exact: true }).fill('Klaus Weiß');
  await form.getByLabel('Benutzername').fill('k.weiss');
  await form.getByLabel(/^Rolle/).selectOption({ label: 'Fachbereichsleitung' });
  await form.getByLabel(/^Erstes Passwort/).fill('kurz');
  await form.getByRole('button', { name: 'Speichern' }).click();
  await expect(form.getByRole('alert')).toHaveText('Das Passwort muss mindestens 10 Zeichen haben.');
  await form.getByLabel(/^Erstes Passwort/).fill('klaus-first-password');
  await form.getByRole('button', { name: 'Speichern' }).click();
  await expect(form.getByRole('alert')).toHaveText('Bitte wählen Sie mindestens einen Fachbereich.');
  await form.getByLabel('Jugendamt').check();
  await form.getByRole('button', { name: 'Speichern' }).click();
  await expect(page.getByRole('row', { name: /Klaus Weiß.*k\.weiss.*Fachbereichsleitung.*Jugendamt/ })).toBeVisible();
});
