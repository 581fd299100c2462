// From feedback to a change signed off as done, in Chromium: the ombudsman adopts an idea and links a complaint as its
// root cause; the department head answers the statement request and marks the improvement done; the ombudsman sees it.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { ADMIN_PASSWORD, expect, test } from './fixtures.ts';
import { firstSignIn } from './session.ts';

const OFFICE_NOW = '2027-06-14T09:00:00'; // a Monday
test.use({ officeNow: OFFICE_NOW });
test.describe.configure({ mode: 'serial' });

async function noSeriousViolations(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${screen}: ${v.id} (${v.nodes.length}) ${v.help}`)).toEqual([]);
}

const signIn = (page: Page, username: string, password: string, newPassword: string) => firstSignIn(page, OFFICE_NOW, username, password, newPassword);

test('the loop from an idea to a signed-off improvement, across the ombudsman and the department head', async ({ page, browser, transport }) => {
  // Set-up through the API as the administrator: a department, the ombudsman and its department head.
  await signIn(page, 'admin', ADMIN_PASSWORD, 'admin-password-4');
  await page.evaluate(async () => {
    const parks = await window.ombudsdesk.saveDepartment({ name: 'Grünflächenamt' });
    if (!parks.ok) throw new Error(parks.error.code);
    await window.ombudsdesk.saveUser({ username: 'petra', displayName: 'Petra Lang', role: 'ombudsman', password: 'petra-first-password' });
    await window.ombudsdesk.saveUser({ username: 'gruen', displayName: 'Gerd Grün', role: 'department_head', departmentIds: [parks.value.id], password: 'gruen-first-password' });
  });
  await page.getByRole('button', { name: 'Abmelden' }).click();

  await signIn(page, 'petra', 'petra-first-password', 'petra-password-4');
  const [idea, complaint] = await page.evaluate(async () => {
    const parks = await window.ombudsdesk.listDepartments();
    if (!parks.ok) throw new Error(parks.error.code);
    const departmentId = parks.value[0]!.id;
    const submitter = { name: 'Anna Berg', email: 'anna@example.org', language: 'en' as const, consent: true, consentText: 'Consent' };
    const a = await window.ombudsdesk.createCase({ kind: 'idea', channel: 'web', origin: 'external', subject: 'Trinkbrunnen im Stadtpark', departmentId, submitter });
    const b = await window.ombudsdesk.createCase({
      kind: 'complaint',
      channel: 'phone',
      origin: 'external',
      subject: 'Kein Wasser am Spielplatz',
      departmentId,
      submitter: { name: 'Bernd Ohnemail', address: 'Lindenweg 3, 50667 Köln', consent: true, consentText: 'Einwilligung' },
    });
    if (!a.ok || !b.ok) throw new Error('create failed');
    const forwarded = await window.ombudsdesk.transitionCase({ id: b.value.id, action: 'forward', departmentId });
    if (!forwarded.ok) throw new Error(forwarded.error.code);
    return [a.value.reference, b.value.reference];
  });

  // The ombudsman adopts the idea from its case view and links the complaint as a root cause.
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('button', { name: 'Eingang', exact: true }).click();
  await page.getByRole('button', { name: 'Alle', exact: true }).click();
  await page.getByRole('row', { name: new RegExp(idea) }).click();
  const caseImprovements = page.getByRole('region', { name: 'Verbesserungen' });
  await caseImprovements.getByRole('button', { name: 'Als Verbesserung übernehmen' }).click();
  await caseImprovements.getByLabel('Verbesserung', { exact: true }).fill('Zwei Trinkbrunnen im Stadtpark');
  await caseImprovements.getByLabel('Zieldatum').fill('2027-06-30');
  await caseImprovements.getByRole('form').getByRole('button', { name: 'Als Verbesserung übernehmen' }).click();
  await expect(page.getByRole('heading', { name: 'Zwei Trinkbrunnen im Stadtpark', level: 1 })).toBeVisible();
  const linkForm = page.getByRole('form', { name: 'Fall verknüpfen' });
  await linkForm.getByLabel('Aktenzeichen des Falls').fill('2027-99999');
  await linkForm.getByRole('button', { name: 'Fall verknüpfen' }).click();
  await expect(page.getByRole('alert')).toHaveText('Zu diesem Aktenzeichen gibt es keinen Fall.');
  await linkForm.getByLabel('Aktenzeichen des Falls').fill(complaint);
  await linkForm.getByRole('button', { name: 'Fall verknüpfen' }).click();
  const linked = page.getByRole('region', { name: 'Verknüpfte Fälle' }).getByRole('listitem');
  await expect(linked).toHaveCount(2);
  await expect(linked.nth(1)).toContainText(`${complaint} Kein Wasser am Spielplatz · Beschwerde · Ursache`);
  const ideaCase = await page.evaluate(() => window.ombudsdesk.getCase({ id: 1 }));
  expect(ideaCase).toMatchObject({ ok: true, value: { outcome: 'adopted' } });

  // The department head starts on their own screen: the statement request and the improvement.
  const headContext = await browser.newContext({ baseURL: transport.baseURL });
  const head = await headContext.newPage();
  await signIn(head, 'gruen', 'gruen-first-password', 'gruen-password-4');
  await expect(head.getByRole('heading', { name: 'Mein Bereich', level: 1 })).toBeVisible();
  const statements = head.getByRole('region', { name: 'Angeforderte Stellungnahmen Ihres Bereichs' });
  await expect(statements.getByRole('row')).toHaveCount(2);
  await expect(statements).toContainText(complaint);
  await expect(head.getByRole('region', { name: /Verbesserungen: vorgeschlagen/ })).toContainText('Zwei Trinkbrunnen im Stadtpark');
  await head.screenshot({ path: 'screenshots/department-home.png', fullPage: true });
  await noSeriousViolations(head, 'department home');

  await statements.getByRole('button', { name: complaint }).click();
  await head.getByRole('region', { name: 'Nächster Schritt' }).getByRole('button', { name: 'Stellungnahme zurückgeben' }).click();
  await head.getByRole('textbox', { name: 'Stellungnahme' }).fill('Am Spielplatz wird ein Trinkbrunnen aufgestellt.');
  await head.getByRole('form', { name: 'Stellungnahme zurückgeben' }).getByRole('button', { name: 'Stellungnahme zurückgeben' }).click();
  await expect(head.getByRole('list', { name: 'Verlauf' }).getByRole('listitem').last()).toContainText('Stellungnahme zurückgeben → in Bearbeitung');
  await head.getByRole('button', { name: 'Mein Bereich' }).click();
  await expect(head.getByText('Derzeit keine Stellungnahmen angefordert.')).toBeVisible();

  await head.getByRole('button', { name: 'Zwei Trinkbrunnen im Stadtpark' }).click();
  await head.getByRole('button', { name: 'Als umgesetzt abnehmen' }).click();
  const doneForm = head.getByRole('form', { name: 'Als umgesetzt abnehmen' });
  // The date is typed as German dates are written; the field checks it itself and says what is wrong, in German.
  const doneOn = doneForm.getByLabel('Umgesetzt am');
  await expect(doneOn).toHaveValue('14.06.2027');
  await expect(doneOn).toHaveAttribute('type', 'text');
  await doneForm.getByLabel('Was umgesetzt wurde').fill('x');
  await doneOn.fill('31.02.2027');
  await doneForm.getByRole('button', { name: 'Bestätigen' }).click();
  await expect(doneForm.getByRole('alert')).toHaveText(/^Bitte geben Sie das Datum als TT\.MM\.JJJJ ein, zum Beispiel 14\.06\.2027\.$/);
  await expect(doneOn).toBeFocused();
  await doneOn.fill('15.06.2027');
  await doneOn.blur();
  await expect(doneForm.getByRole('alert')).toHaveText('Das Datum darf nicht nach dem 14.06.2027 liegen.');
  await doneOn.fill('11.6.2027');
  await doneOn.blur();
  await expect(doneOn).toHaveValue('11.06.2027');
  await expect(doneForm.getByRole('alert')).toHaveCount(0);
  // The note is required: main refuses an empty one and says so in the app's language, nothing is stored.
  await doneForm.getByLabel('Was umgesetzt wurde').fill('');
  await doneForm.getByRole('button', { name: 'Bestätigen' }).click();
  await expect(head.getByRole('alert')).toHaveText('Bitte kurz beschreiben, was umgesetzt wurde.');
  await expect(head.getByTestId('done-on')).toHaveCount(0);
  await doneForm.getByLabel('Was umgesetzt wurde').fill('Zwei Trinkbrunnen am Spielplatz aufgestellt.');
  await doneForm.getByRole('button', { name: 'Bestätigen' }).click();
  await expect(head.getByTestId('done-on')).toHaveText('11.06.2027');
  await expect(head.getByText('Gerd Grün, 14.06.2027, 09:00')).toBeVisible();
  await expect(head.getByRole('list', { name: 'Verlauf' }).getByRole('listitem').last()).toContainText('Status → umgesetzt');
  await head.screenshot({ path: 'screenshots/improvement-view.png', fullPage: true });
  await noSeriousViolations(head, 'improvement view');
  // A head moves improvements but does not edit them or their links.
  await expect(head.getByRole('button', { name: 'Bearbeiten' })).toHaveCount(0);
  await expect(head.getByRole('form', { name: 'Fall verknüpfen' })).toHaveCount(0);
  await headContext.close();

  // The ombudsman sees it done, in the list and on the idea.
  await page.getByRole('button', { name: 'Verbesserungen', exact: true }).click();
  const row = page.getByRole('row', { name: /Zwei Trinkbrunnen im Stadtpark/ });
  await expect(row).toContainText('umgesetzt');
  await expect(row).toContainText('11.06.2027');
  await page.getByRole('button', { name: 'Eingang' }).click();
  await page.getByRole('button', { name: 'Alle', exact: true }).click();
  await page.getByRole('row', { name: new RegExp(idea) }).click();
  await expect(page.getByRole('region', { name: 'Verbesserungen' })).toContainText('Zwei Trinkbrunnen im Stadtpark umgesetzt · umgesetzt am 11.06.2027 · Idee dahinter');
  await expect(page.getByRole('list', { name: 'Verlauf' }).getByRole('listitem').last()).toContainText('Verbesserung „Zwei Trinkbrunnen im Stadtpark“ am 11.06.2027 umgesetzt');

  // "You said, we did" for 2027: the letters and the XLSX export.
  await page.getByRole('button', { name: 'Verbesserungen', exact: true }).click();
  await page.getByRole('button', { name: 'Sie sagten, wir taten' }).click();
  const report = page.getByRole('region', { name: 'Sie sagten, wir taten' });
  await report.getByText('2 Briefe bereit').click();
  await noSeriousViolations(page, 'improvements with you said, we did');
  await expect(report.getByRole('article', { name: 'Brief an Anna Berg' })).toContainText('Done on 11 June 2027 by Grünflächenamt: Zwei Trinkbrunnen am Spielplatz aufgestellt.');
  await expect(report.getByRole('article', { name: 'Brief an Bernd Ohnemail' })).toContainText('Guten Tag Bernd Ohnemail');
  // The workbook is made as a background job: a double click starts one job and saves one file, and the job says it is done.
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  const download = page.waitForEvent('download');
  await report.getByRole('button', { name: 'Als XLSX exportieren' }).dblclick();
  const file = await download;
  await expect(report.getByRole('status')).toHaveText('Fertig.');
  await expect(report.getByRole('button', { name: 'Abbrechen' })).toHaveCount(0);
  await page.waitForTimeout(300);
  expect(downloads).toEqual(['you-said-we-did-2027.xlsx']);
  const jobs = await page.evaluate(() => window.ombudsdesk.listJobs());
  expect(jobs).toMatchObject({ ok: true, value: [{ kind: 'youSaidWeDidXlsx', status: 'done' }] });
  expect(file.suggestedFilename()).toBe('you-said-we-did-2027.xlsx');
  const book = XLSX.read(readFileSync(await file.path()));
  expect(book.SheetNames).toEqual(['Verbesserungen', 'Briefe']);
  const letters = XLSX.utils.sheet_to_json<Record<string, string>>(book.Sheets.Briefe!);
  expect(letters.map((l) => [l.Aktenzeichen, l.Versandweg, l.Adresse])).toEqual([
    [idea, 'email', 'anna@example.org'],
    [complaint, 'letter', 'Lindenweg 3, 50667 Köln'],
  ]);
});
