// The forms that used to leave their fields to main's answer check them themselves now, at 1280x800: submitted empty by
// keyboard (Enter, or Tab to the submit button and Enter), each says what is missing in German at the field (aria-invalid,
// described by the message), the first such field has the focus, and nothing is written (counted through the API).
// Filled and saved with a double click, each writes once. And the discard guard asks before the header leaves a case.
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ADMIN_PASSWORD, expect, test } from './fixtures.ts';
import { firstSignIn, openAt } from './session.ts';

const OFFICE_NOW = '2027-12-08T09:30:00'; // a Wednesday in December (its own test server: no other spec uses this time)
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

/** For looking at by eye (outside the repository). */
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(tmpdir(), `ombudsdesk-${name}.png`) });

async function expectNoSeriousAxe(page: Page) {
  const serious = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id} (${v.nodes.length}) ${v.help}`)).toEqual([]);
}

/** The field shows this problem: marked invalid and described by the message. */
async function expectProblem(field: Locator, message: string) {
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(message);
}

const REQUIRED = 'Bitte füllen Sie dieses Feld aus.';
const CHOOSE = 'Bitte wählen Sie einen Eintrag.';

type Improvement = { id: number; title: string; status: string; caseCount: number };
const improvements = (page: Page) => api<Improvement[]>(page, 'listImprovements', {});
const signIn = (page: Page, username: string, password: string, newPassword: string) => firstSignIn(page, OFFICE_NOW, username, password, newPassword);
/** Each test has its own page: Petra signs in again (her first sign-in, with the new password, is in the second test). */
async function petra(page: Page) {
  await openAt(page, OFFICE_NOW);
  await page.getByLabel('Benutzername').fill('petra');
  await page.getByLabel('Passwort').fill('petra-password-f2');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Abmelden' })).toBeVisible();
}

test('a new department: empty, taken and then a name, each at the field; a double click adds it once', async ({ page }) => {
  await signIn(page, 'admin', ADMIN_PASSWORD, 'admin-password-f2');
  await api(page, 'saveUser', { username: 'petra', displayName: 'Petra Lang', role: 'ombudsman', password: 'petra-first-password' });
  await api(page, 'saveUser', { username: 'chief', displayName: 'Dr. Clara Vogt', role: 'executive', password: 'chief-first-password' });
  await api(page, 'saveDepartment', { name: 'Straßenbauamt' });

  await page.getByRole('navigation').getByRole('button', { name: 'Einstellungen' }).click();
  await page.getByRole('button', { name: 'Fachbereiche' }).click();
  const name = page.getByRole('textbox', { name: 'Neuer Fachbereich' });
  await name.focus();
  await page.keyboard.press('Enter');
  await expectProblem(name, REQUIRED);
  await expect(name).toBeFocused();
  expect(await api<unknown[]>(page, 'listDepartments')).toHaveLength(1);

  // A name main already has: its refusal (conflict at name) stands at the field too.
  await page.keyboard.type('Straßenbauamt');
  await expect(name).not.toHaveAttribute('aria-invalid', 'true');
  await page.keyboard.press('Enter');
  await expectProblem(name, 'Das gibt es bereits.');
  await expect(name).toBeFocused();
  await shot(page, 'form-checks-department');
  expect(await api<unknown[]>(page, 'listDepartments')).toHaveLength(1);

  await name.fill('Grünflächenamt');
  await page.getByRole('button', { name: 'Hinzufügen' }).dblclick();
  await expect(name).toHaveValue('');
  await expect(page.getByRole('textbox', { name: 'Name von Grünflächenamt' })).toBeVisible();
  expect(await api<{ name: string }[]>(page, 'listDepartments')).toHaveLength(2);
  await expectNoSeriousAxe(page);
  await page.getByRole('button', { name: 'Abmelden' }).click();
});

test('in a case: adopting an idea and linking an improvement check the title and the choice', async ({ page }) => {
  await signIn(page, 'petra', 'petra-first-password', 'petra-password-f2');
  const departments = await api<{ id: number; name: string }[]>(page, 'listDepartments');
  const parks = departments.find((d) => d.name === 'Grünflächenamt')!.id;
  // Ideas from people who agreed to be contacted (the draw later needs them).
  const ideas: { id: number; reference: string }[] = [];
  for (const person of ['Anna Berg', 'Bernd Kurz', 'Clara Ost']) {
    const first = person.split(' ')[0]!.toLowerCase();
    ideas.push(await api(page, 'createCase', { kind: 'idea', channel: 'web', origin: 'external', subject: `Mehr Bänke (${person})`, departmentId: parks, submitter: { name: person, email: `${first}@example.org`, consent: true, consentText: 'Einwilligung' } }));
  }
  await page.getByRole('navigation').getByRole('button', { name: 'Eingang', exact: true }).click();
  const search = page.getByRole('searchbox', { name: 'Volltextsuche' });
  await search.fill(ideas[0]!.reference);
  await search.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(ideas[0]!.reference) })).toBeVisible();

  // Adopt: the title (the subject to start with) emptied, Enter: the problem at the title, nothing created.
  await page.getByRole('button', { name: 'Als Verbesserung übernehmen' }).click();
  const adopt = page.getByRole('form', { name: 'Als Verbesserung übernehmen' });
  const title = adopt.getByRole('textbox', { name: 'Verbesserung' });
  await expect(title).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Enter');
  await expectProblem(title, REQUIRED);
  await expect(title).toBeFocused();
  expect(await improvements(page)).toHaveLength(0);

  await page.keyboard.type('Bänke im Stadtpark');
  await adopt.getByRole('button', { name: 'Als Verbesserung übernehmen' }).dblclick();
  await expect(page.getByRole('heading', { level: 1, name: 'Bänke im Stadtpark' })).toBeVisible();
  expect((await improvements(page)).map((row) => row.title)).toEqual(['Bänke im Stadtpark']);

  // Link the second idea: nothing chosen, the submit button by keyboard: the problem at the select, nothing linked.
  await page.keyboard.press('Alt+ArrowLeft');
  await search.fill(ideas[1]!.reference);
  await search.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(ideas[1]!.reference) })).toBeVisible();
  await page.getByRole('button', { name: 'Mit Verbesserung verknüpfen' }).click();
  const link = page.getByRole('form', { name: 'Mit Verbesserung verknüpfen' });
  const choice = link.getByRole('combobox', { name: 'Verbesserung' });
  await expect(choice).toBeFocused();
  await expect(choice.locator('option')).toHaveCount(2);
  await page.keyboard.press('Tab');
  await expect(link.getByRole('button', { name: 'Mit Verbesserung verknüpfen' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expectProblem(choice, CHOOSE);
  await expect(choice).toBeFocused();
  expect((await improvements(page))[0]!.caseCount).toBe(1);

  await choice.selectOption({ label: 'Bänke im Stadtpark (Grünflächenamt)' });
  await expect(choice).not.toHaveAttribute('aria-invalid', 'true');
  await link.getByRole('button', { name: 'Mit Verbesserung verknüpfen' }).dblclick();
  await expect(link).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Verbesserungen' }).getByRole('button', { name: 'Bänke im Stadtpark' })).toBeVisible();
  expect((await improvements(page))[0]!.caseCount).toBe(2);
  await expectNoSeriousAxe(page);
});

test('a new improvement: title and department at their fields; a double click creates it once', async ({ page }) => {
  await petra(page);
  await page.getByRole('navigation').getByRole('button', { name: 'Verbesserungen' }).click();
  await page.getByRole('button', { name: 'Neue Verbesserung' }).click();
  const form = page.getByRole('form', { name: 'Neue Verbesserung' });
  const title = form.getByRole('textbox', { name: 'Verbesserung' });
  const department = form.getByRole('combobox', { name: 'Fachbereich' });
  await expect(title).toBeFocused();
  await page.keyboard.press('Enter');
  await expectProblem(title, REQUIRED);
  await expectProblem(department, CHOOSE);
  await expect(title).toBeFocused();
  expect(await improvements(page)).toHaveLength(1);
  await expectNoSeriousAxe(page);
  await shot(page, 'form-checks-new-improvement');

  // The title typed: Enter now puts the focus on the department, the one problem left.
  await page.keyboard.type('Trinkbrunnen am Markt');
  await page.keyboard.press('Enter');
  await expect(department).toBeFocused();
  await expect(title).not.toHaveAttribute('aria-invalid', 'true');
  await expectProblem(department, CHOOSE);
  expect(await improvements(page)).toHaveLength(1);

  await department.selectOption({ label: 'Grünflächenamt' });
  await form.getByRole('button', { name: 'Hinzufügen' }).dblclick();
  await expect(page.getByRole('heading', { level: 1, name: 'Trinkbrunnen am Markt' })).toBeVisible();
  expect((await improvements(page)).map((row) => row.title).sort()).toEqual(['Bänke im Stadtpark', 'Trinkbrunnen am Markt']);
});

test('an improvement: the reference to link, the edited title and the done note at their fields; each written once', async ({ page }) => {
  await petra(page);
  await page.getByRole('navigation').getByRole('button', { name: 'Verbesserungen' }).click();
  await page.getByRole('button', { name: 'Trinkbrunnen am Markt' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Trinkbrunnen am Markt' })).toBeVisible();
  const id = (await improvements(page)).find((row) => row.title === 'Trinkbrunnen am Markt')!.id;
  const cases = await api<{ rows: { id: number; reference: string; subject: string }[] }>(page, 'listCases', { limit: 100 });
  const third = cases.rows.find((row) => row.subject.includes('Clara Ost'))!;

  // Link a case: empty, then a reference no case has, each at the field; then the right one, once.
  const link = page.getByRole('form', { name: 'Fall verknüpfen' });
  const reference = link.getByRole('textbox', { name: 'Aktenzeichen des Falls' });
  await reference.focus();
  await page.keyboard.press('Enter');
  await expectProblem(reference, REQUIRED);
  await expect(reference).toBeFocused();
  await page.keyboard.type('2027-99999');
  await page.keyboard.press('Enter');
  await expectProblem(reference, 'Zu diesem Aktenzeichen gibt es keinen Fall.');
  await expect(reference).toBeFocused();
  await reference.scrollIntoViewIfNeeded();
  await shot(page, 'form-checks-link-reference');
  expect((await api<{ cases: unknown[] }>(page, 'getImprovement', { id })).cases).toHaveLength(0);
  await reference.fill(third.reference);
  await link.getByRole('button', { name: 'Fall verknüpfen' }).dblclick();
  await expect(reference).toHaveValue('');
  await expect(page.getByRole('region', { name: 'Verknüpfte Fälle' }).getByRole('button', { name: third.reference, exact: true })).toBeVisible();
  expect((await api<{ cases: unknown[] }>(page, 'getImprovement', { id })).cases).toHaveLength(1);

  // Edit: the title emptied, Enter: at the field, the title unchanged in main.
  await page.getByRole('button', { name: 'Bearbeiten' }).click();
  const edit = page.getByRole('form', { name: 'Bearbeiten' });
  const title = edit.getByRole('textbox', { name: 'Verbesserung' });
  await title.fill('');
  await title.press('Enter');
  await expectProblem(title, REQUIRED);
  await expect(title).toBeFocused();
  expect((await api<{ title: string }>(page, 'getImprovement', { id })).title).toBe('Trinkbrunnen am Markt');
  await page.keyboard.type('Trinkbrunnen am Marktplatz');
  await edit.getByRole('button', { name: 'Speichern' }).dblclick();
  await expect(page.getByRole('heading', { level: 1, name: 'Trinkbrunnen am Marktplatz' })).toBeVisible();
  const edited = await api<{ title: string; timeline: { type: string }[] }>(page, 'getImprovement', { id });
  expect(edited.title).toBe('Trinkbrunnen am Marktplatz');

  // Done: no note, Tab to "Bestätigen" and Enter: at the note, in main's words; the status unchanged.
  await page.getByRole('button', { name: 'Als umgesetzt abnehmen' }).click();
  const done = page.getByRole('form', { name: 'Als umgesetzt abnehmen' });
  const note = done.getByRole('textbox', { name: 'Was umgesetzt wurde' });
  await expect(note).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(done.getByRole('button', { name: 'Bestätigen' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expectProblem(note, 'Bitte kurz beschreiben, was umgesetzt wurde.');
  await expect(note).toBeFocused();
  expect((await api<{ status: string }>(page, 'getImprovement', { id })).status).toBe('proposed');
  await page.keyboard.type('Zwei Trinkbrunnen aufgestellt.');
  await done.getByRole('button', { name: 'Bestätigen' }).dblclick();
  await expect(done).toHaveCount(0);
  const after = await api<{ status: string; timeline: { type: string }[] }>(page, 'getImprovement', { id });
  expect(after.status).toBe('done');
  expect(after.timeline.length - edited.timeline.length).toBe(1);
  await expectNoSeriousAxe(page);

  // The first improvement is done too, so its two ideas take part in the draw.
  const first = (await improvements(page)).find((row) => row.title === 'Bänke im Stadtpark')!.id;
  await api(page, 'setImprovementStatus', { id: first, status: 'done', doneOn: '2027-11-30', note: 'Zehn Bänke aufgestellt.' });
});

test('a typed reply in a case: "Verbesserungen" in the header asks first; Esc keeps the text', async ({ page }) => {
  await petra(page);
  const cases = await api<{ rows: { id: number; reference: string }[] }>(page, 'listCases', { limit: 100 });
  await page.getByRole('navigation').getByRole('button', { name: 'Eingang', exact: true }).click();
  const search = page.getByRole('searchbox', { name: 'Volltextsuche' });
  await search.fill(cases.rows[0]!.reference);
  await search.press('Enter');
  const caseHeading = page.getByRole('heading', { level: 1, name: new RegExp(cases.rows[0]!.reference) });
  await expect(caseHeading).toBeVisible();
  const replySubject = page.getByRole('region', { name: 'Antwort' }).getByLabel('Betreff');
  await replySubject.click();
  await page.keyboard.type('Ihre Idee zu den Bänken');

  await page.getByRole('navigation').getByRole('button', { name: 'Verbesserungen' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Die getippte Antwort verwerfen?' });
  await expect(confirm.getByRole('button', { name: 'Weiter bearbeiten' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(caseHeading).toBeVisible();
  await expect(replySubject).toHaveValue('Ihre Idee zu den Bänken');

  // "Abmelden" asks too; kept, the user stays signed in with the text.
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await expect(confirm.getByRole('button', { name: 'Weiter bearbeiten' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(confirm).toHaveCount(0);
  await expect(replySubject).toHaveValue('Ihre Idee zu den Bänken');

  // Discard: the header's way is taken.
  await page.getByRole('navigation').getByRole('button', { name: 'Verbesserungen' }).click();
  await confirm.getByRole('button', { name: 'Verwerfen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Verbesserungen' })).toBeVisible();
  await page.getByRole('button', { name: 'Abmelden' }).click();
});

test('the draw ceremony: seed, witnesses and confirmation at their fields; a double click draws once', async ({ page }) => {
  await signIn(page, 'chief', 'chief-first-password', 'chief-password-f2');
  await page.getByRole('navigation').getByRole('button', { name: 'Verlosung' }).click();
  await expect(page.getByRole('heading', { name: 'Teilnahmeberechtigt: 3 Einträge' })).toBeVisible();
  const prepare = page.getByRole('form', { name: 'Verlosung vorbereiten' });
  await prepare.getByRole('group', { name: 'Preis 1' }).getByLabel('Preis').fill('Ein Abendessen für zwei');
  await prepare.getByRole('button', { name: 'Liste einfrieren und Fingerabdruck berechnen' }).click();
  await page.getByRole('button', { name: 'Ziehung beginnen' }).click();

  const ceremony = page.getByRole('form', { name: 'Ziehung' });
  const seed = ceremony.getByRole('textbox', { name: 'Öffentlicher Startwert' });
  const witnesses = ceremony.getByRole('textbox', { name: 'Zeuginnen und Zeugen (eine Person pro Zeile)' });
  const confirmed = ceremony.getByRole('checkbox');
  const drawn = async () => (await api<{ status: string }[]>(page, 'listDraws')).map((draw) => draw.status);
  await expect(seed).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(seed).toHaveAttribute('aria-invalid', 'true');
  await expect(seed).toHaveAccessibleDescription(/^Bitte den öffentlichen Startwert eingeben\./);
  await expectProblem(witnesses, 'Bitte tragen Sie mindestens eine Zeugin oder einen Zeugen ein.');
  await expectProblem(confirmed, 'Bitte bestätigen Sie den Fingerabdruck.');
  await expect(seed).toBeFocused();
  await expectNoSeriousAxe(page);
  await ceremony.screenshot({ path: path.join(tmpdir(), 'ombudsdesk-form-checks-ceremony.png') });

  // The seed typed: the witnesses are next; then the confirmation.
  await page.keyboard.type('4 2 6 1');
  await page.keyboard.press('Enter');
  await expect(witnesses).toBeFocused();
  await expect(seed).not.toHaveAttribute('aria-invalid', 'true');
  await page.keyboard.type('Ida Zeugin');
  await seed.press('Enter');
  await expect(confirmed).toBeFocused();
  await expect(witnesses).not.toHaveAttribute('aria-invalid', 'true');
  await expectProblem(confirmed, 'Bitte bestätigen Sie den Fingerabdruck.');
  expect(await drawn()).toEqual(['prepared']);

  await page.keyboard.press('Space');
  await expect(confirmed).toBeChecked();
  await expect(confirmed).not.toHaveAttribute('aria-invalid', 'true');
  await ceremony.getByRole('button', { name: 'Ziehen' }).dblclick();
  await expect(page.getByRole('region', { name: 'Gewinne' }).locator('ol.winners > li')).toHaveCount(1);
  expect(await drawn()).toEqual(['drawn']);
});
