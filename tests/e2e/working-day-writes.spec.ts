// A working day's writes in Chromium: double clicks do the work once (a new user, a reply template, adopting an idea, a
// reply, the prize draw), each creating exactly one row (checked through the API) and showing no error; an existing
// reply template is edited and saved; a reply that still has a template's "[…]" gap is stopped at its text with the
// choice to fill the gap or record it anyway; a department head cannot return an empty statement.
import type { Page } from '@playwright/test';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ADMIN_PASSWORD, expect, test } from './fixtures.ts';
import { firstSignIn } from './session.ts';

const OFFICE_NOW = '2027-12-06T10:05:00'; // a Monday in December: the 2027 draw (its own test server: no other spec uses this time)
test.use({ officeNow: OFFICE_NOW });
test.describe.configure({ mode: 'serial' });

const signIn = (page: Page, username: string, password: string, newPassword: string) => firstSignIn(page, OFFICE_NOW, username, password, newPassword);
const refs = { idea: '', complaint: '' };

/** The value of an API call made from the page (as the signed-in user), or the test fails with the error code. */
async function api<T>(page: Page, channel: string, input?: unknown): Promise<T> {
  const result = await page.evaluate(
    ([name, payload]) => (window.ombudsdesk as unknown as Record<string, (input: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>>)[name as string]!(payload),
    [channel, input] as const,
  );
  if (!result.ok) throw new Error(`${channel}: ${result.error?.code}`);
  return result.value as T;
}

async function openCase(page: Page, reference: string) {
  // By its reference, as the office does on the phone: typed into the inbox search and confirmed with Enter (a click on
  // a row could land on another one while the list is still loading).
  await page.getByRole('navigation').getByRole('button', { name: 'Eingang', exact: true }).click();
  const search = page.getByRole('searchbox', { name: 'Volltextsuche' });
  await search.fill(reference);
  await search.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(reference) })).toBeVisible();
}

test('admin: a double-clicked new user and new template are saved once; an existing template is edited and saved', async ({ page }) => {
  await signIn(page, 'admin', ADMIN_PASSWORD, 'admin-password-7');
  await page.evaluate(async () => {
    const parks = await window.ombudsdesk.saveDepartment({ name: 'Grünflächenamt' });
    if (!parks.ok) throw new Error(parks.error.code);
    for (const user of [
      { username: 'petra', displayName: 'Petra Lang', role: 'ombudsman' as const, password: 'petra-first-password' },
      { username: 'chief', displayName: 'Dr. Clara Vogt', role: 'executive' as const, password: 'chief-first-password' },
      { username: 'gruen', displayName: 'Gerd Grün', role: 'department_head' as const, departmentIds: [parks.value.id], password: 'gruen-first-password' },
    ]) {
      const saved = await window.ombudsdesk.saveUser(user);
      if (!saved.ok) throw new Error(saved.error.code);
    }
  });
  await page.getByRole('button', { name: 'Einstellungen' }).click();

  // A new user, saved with a double click: one user, no "already exists".
  await page.getByRole('button', { name: 'Benutzer und Rollen' }).click();
  await page.getByRole('button', { name: 'Neuer Benutzer' }).click();
  const userForm = page.getByRole('form', { name: 'Neuer Benutzer' });
  await userForm.getByLabel('Name', { exact: true }).fill('Nora Neu');
  await userForm.getByLabel('Benutzername').fill('nora');
  await userForm.getByLabel(/^Erstes Passwort/).fill('nora-first-password-93');
  await userForm.getByRole('button', { name: 'Speichern' }).dblclick();
  await expect(userForm).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('row', { name: /Nora Neu/ })).toHaveCount(1);
  const users = await api<{ username: string }[]>(page, 'listUsers');
  expect(users.filter((u) => u.username === 'nora')).toHaveLength(1);

  // An existing, shipped template: edited and saved (the listed template carries createdAt/updatedAt; only the editable
  // fields are sent).
  await page.getByRole('button', { name: 'Antwortvorlagen' }).click();
  const section = page.getByRole('region', { name: 'Antwortvorlagen' });
  await section.getByRole('button', { name: 'Antwort bearbeiten (Beschwerde, Deutsch)' }).click();
  const editForm = section.getByRole('form', { name: 'Vorlage bearbeiten' });
  await editForm.getByLabel('Betreff').fill('Ihre Beschwerde vom {{received}} – Aktenzeichen {{reference}} (Antwort)');
  await editForm.getByRole('button', { name: 'Speichern' }).dblclick();
  await expect(section.getByRole('status')).toHaveText('Gespeichert.');
  await expect(section.getByRole('alert')).toHaveCount(0);
  const templates = await api<{ kind: string; language: string; name: string; subject: string }[]>(page, 'listReplyTemplates', { includeInactive: true });
  expect(templates.filter((x) => x.kind === 'complaint' && x.language === 'de' && x.name === 'Antwort').map((x) => x.subject)).toEqual([
    'Ihre Beschwerde vom {{received}} – Aktenzeichen {{reference}} (Antwort)',
  ]);
  expect(templates).toHaveLength(16);

  // A new template, saved with a double click: one template.
  await section.getByRole('button', { name: 'Neue Vorlage' }).click();
  const newForm = section.getByRole('form', { name: 'Neue Vorlage' });
  await newForm.getByLabel('Name', { exact: true }).fill('Zwischenbescheid');
  await newForm.getByLabel('Betreff').fill('Zwischenstand zu {{reference}}');
  await newForm.getByLabel(/^Text/).fill('{{salutation}},\n\nwir brauchen noch etwas Zeit, spätestens bis {{due}}.');
  await newForm.getByRole('button', { name: 'Speichern' }).dblclick();
  await expect(section.getByRole('status')).toHaveText('Gespeichert.');
  await expect(section.getByRole('alert')).toHaveCount(0);
  const after = await api<{ name: string }[]>(page, 'listReplyTemplates', { includeInactive: true });
  expect(after.filter((x) => x.name === 'Zwischenbescheid')).toHaveLength(1);
  await page.getByRole('button', { name: 'Abmelden' }).click();
});

test('office: a double-clicked adoption makes one improvement; a reply with a gap is stopped at its text, then recorded once', async ({ page }) => {
  await signIn(page, 'petra', 'petra-first-password', 'petra-password-7');
  const created = await page.evaluate(async () => {
    const departments = await window.ombudsdesk.listDepartments();
    if (!departments.ok) throw new Error(departments.error.code);
    const departmentId = departments.value[0]!.id;
    const submitter = { name: 'Anna Berg', email: 'anna@example.org', language: 'de' as const, consent: true, consentText: 'Einwilligung' };
    const idea = await window.ombudsdesk.createCase({ kind: 'idea', channel: 'web', origin: 'external', subject: 'Trinkbrunnen im Stadtpark', departmentId, submitter });
    const complaint = await window.ombudsdesk.createCase({ kind: 'complaint', channel: 'email', origin: 'external', subject: 'Schlagloch vor der Schule', departmentId, submitter });
    if (!idea.ok || !complaint.ok) throw new Error('create failed');
    const forwarded = await window.ombudsdesk.transitionCase({ id: complaint.value.id, action: 'forward', departmentId });
    if (!forwarded.ok) throw new Error(forwarded.error.code);
    return { idea: idea.value, complaint: complaint.value };
  });
  refs.idea = created.idea.reference;
  refs.complaint = created.complaint.reference;

  // Adopt, double-clicked: one improvement, opened, no error.
  await openCase(page, refs.idea);
  const caseImprovements = page.getByRole('region', { name: 'Verbesserungen' });
  await caseImprovements.getByRole('button', { name: 'Als Verbesserung übernehmen' }).click();
  await caseImprovements.getByLabel('Verbesserung', { exact: true }).fill('Zwei Trinkbrunnen im Stadtpark');
  await caseImprovements.getByRole('form').getByRole('button', { name: 'Als Verbesserung übernehmen' }).dblclick();
  await expect(page.getByRole('heading', { name: 'Zwei Trinkbrunnen im Stadtpark', level: 1 })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  const improvements = await api<{ id: number }[]>(page, 'listImprovements', {});
  expect(improvements).toHaveLength(1);
  // Done this year, so the chief executive can draw among the ideas behind it.
  await api(page, 'setImprovementStatus', { id: improvements[0]!.id, status: 'done', doneOn: '2027-10-15', note: 'Zwei Brunnen aufgestellt.' });

  // The final reply to the complaint still has the template's "[…]" gap: recording stops at the text and says so.
  await openCase(page, refs.complaint);
  const panel = page.getByRole('region', { name: 'Antwort' });
  await panel.getByLabel('Vorlage').selectOption({ label: 'Antwort' });
  await panel.getByRole('button', { name: 'Aus Vorlage füllen' }).click();
  const body = panel.getByLabel(/^Text/);
  await expect(body).toHaveValue(/\[Ergebnis der Prüfung und was wir veranlasst haben\]/);
  const gaps = panel.locator('#reply-gaps');
  await expect(gaps).toContainText('Noch eine Lücke aus der Vorlage ist nicht ausgefüllt.');
  await panel.getByRole('button', { name: 'Als versendet erfassen' }).dblclick();
  const warning = panel.getByRole('alert');
  await expect(warning).toContainText('Noch eine Lücke aus der Vorlage ist nicht ausgefüllt.');
  await expect(warning).toContainText('Lücken ausfüllen oder trotzdem erfassen?');
  await expect(body).toHaveAttribute('aria-invalid', 'true');
  await expect(body).toHaveAttribute('aria-describedby', 'reply-gaps');
  const replies = async () => (await api<{ timeline: { type: string; data: { body?: string } }[] }>(page, 'getCase', { id: created.complaint.id })).timeline.filter((e) => e.type === 'reply');
  expect(await replies()).toHaveLength(0);
  for (const size of [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }]) {
    await page.setViewportSize(size);
    // For looking at by eye (outside the repository; test-results is cleared by every run).
    await panel.screenshot({ path: path.join(tmpdir(), `ombudsdesk-reply-gaps-${size.width}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 720 });

  // "Fill in the gaps" selects the gap in the text: typing replaces it, the warning goes, and the reply is recorded once.
  await warning.getByRole('button', { name: 'Lücken ausfüllen' }).click();
  await expect(body).toBeFocused();
  expect(await body.evaluate((area: HTMLTextAreaElement) => area.value.slice(area.selectionStart, area.selectionEnd))).toBe('[Ergebnis der Prüfung und was wir veranlasst haben]');
  await page.keyboard.type('Das Schlagloch ist seit gestern geschlossen.');
  await expect(gaps).toHaveCount(0);
  await panel.getByRole('button', { name: 'Als versendet erfassen' }).dblclick();
  await expect(panel.getByRole('status')).toHaveText('Die Antwort ist im Verlauf erfasst.');
  await expect(panel.getByRole('alert')).toHaveCount(0);
  expect(await replies()).toHaveLength(1);

  // Or it goes out as it is, when the sender says so (also double-clicked: recorded once).
  await panel.getByRole('button', { name: 'Aus Vorlage füllen' }).click();
  await panel.getByRole('button', { name: 'Als versendet erfassen' }).click();
  await panel.getByRole('alert').getByRole('button', { name: 'Trotzdem als versendet erfassen' }).dblclick();
  await expect(panel.getByRole('status')).toHaveText('Die Antwort ist im Verlauf erfasst.');
  const recorded = await replies();
  expect(recorded).toHaveLength(2);
  expect(recorded[1]!.data.body).toContain('[Ergebnis der Prüfung und was wir veranlasst haben]');
  await page.getByRole('button', { name: 'Abmelden' }).click();
});

test('department head: an empty statement is refused at the field; a written one is returned once', async ({ page }) => {
  await signIn(page, 'gruen', 'gruen-first-password', 'gruen-password-7');
  await page.getByRole('button', { name: refs.complaint }).click();
  await expect(page.getByRole('heading', { name: new RegExp(refs.complaint) })).toBeVisible();
  await page.getByRole('region', { name: 'Nächster Schritt' }).getByRole('button', { name: 'Stellungnahme zurückgeben' }).click();
  const form = page.getByRole('form', { name: 'Stellungnahme zurückgeben' });
  const statement = form.getByRole('textbox', { name: 'Stellungnahme' });
  for (const typed of ['', '   ']) {
    await statement.fill(typed);
    await form.getByRole('button', { name: 'Stellungnahme zurückgeben' }).click();
    await expect(form.getByRole('alert')).toHaveText('Bitte schreiben Sie die Stellungnahme, bevor Sie sie zurückgeben.');
    await expect(statement).toHaveAttribute('aria-invalid', 'true');
    await expect(statement).toBeFocused();
  }
  const id = Number((await api<{ rows: { id: number }[] }>(page, 'listCases', { filter: { reference: refs.complaint } })).rows[0]!.id);
  expect(await api(page, 'getCase', { id })).toMatchObject({ status: 'forwarded' });

  await statement.fill('Die Stelle wird am Montag ausgebessert.');
  await expect(form.getByRole('alert')).toHaveCount(1); // the message stays until the next try
  await form.getByRole('button', { name: 'Stellungnahme zurückgeben' }).dblclick();
  await expect(page.getByRole('list', { name: 'Verlauf' }).getByRole('listitem').last()).toContainText('Die Stelle wird am Montag ausgebessert.');
  await expect(page.getByRole('alert')).toHaveCount(0);
  const detail = await api<{ status: string; timeline: { type: string; data: { action?: string } }[] }>(page, 'getCase', { id });
  expect(detail.status).toBe('open');
  expect(detail.timeline.filter((e) => e.type === 'status_changed' && e.data.action === 'return_from_department')).toHaveLength(1);
  await page.getByRole('button', { name: 'Abmelden' }).click();
});

test('chief executive: a double-clicked draw draws once, with no error in front of the witnesses', async ({ page }) => {
  await signIn(page, 'chief', 'chief-first-password', 'chief-password-7');
  await page.getByRole('navigation').getByRole('button', { name: 'Verlosung' }).click();
  await expect(page.getByRole('heading', { name: 'Teilnahmeberechtigt: 1 Eintrag' })).toBeVisible();
  const prepare = page.getByRole('form', { name: 'Verlosung vorbereiten' });
  await prepare.getByRole('group', { name: 'Preis 1' }).getByLabel('Preis').fill('Ein Jahr Stadtbad');
  await prepare.getByRole('button', { name: 'Liste einfrieren und Fingerabdruck berechnen' }).dblclick();
  await expect(page.getByTestId('fingerprint')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(await api<unknown[]>(page, 'listDraws')).toHaveLength(1);

  await page.getByRole('button', { name: 'Ziehung beginnen' }).click();
  const ceremony = page.getByRole('form', { name: 'Ziehung' });
  await ceremony.getByLabel('Öffentlicher Startwert').fill('3 6 1 4 2 5');
  await ceremony.getByLabel('Zeuginnen und Zeugen (eine Person pro Zeile)').fill('Ida Zeugin\nJan Zeuge');
  await ceremony.getByRole('checkbox').check();
  await ceremony.getByRole('button', { name: 'Ziehen' }).dblclick();
  await expect(page.getByRole('region', { name: 'Gewinne' }).locator('ol.winners > li')).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Gewinne' })).toContainText(refs.idea);
  await expect(page.getByRole('alert')).toHaveCount(0);
  const draws = await api<{ status: string }[]>(page, 'listDraws');
  expect(draws.map((d) => d.status)).toEqual(['drawn']);
});
