// Replies from templates (fill, copy, print, record with channel, first response) and attachments (add from disk, stored
// once per content, saved back byte for byte, oversized refused), and the reply-template settings, in Chromium.
import type { FileChooser, Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ADMIN_PASSWORD, expect, test } from './fixtures.ts';

const OFFICE_NOW = '2027-05-03T09:00:00'; // a Monday
const PASSWORD = 'the-office-password-2';
test.use({ officeNow: OFFICE_NOW });
test.describe.configure({ mode: 'serial' });

let ready = false;

async function signIn(page: Page) {
  await page.clock.setFixedTime(new Date(OFFICE_NOW));
  await page.addInitScript(() => localStorage.setItem('ombudsdesk.language', 'de'));
  await page.goto('./');
  await page.getByLabel('Benutzername').fill('admin');
  await page.getByLabel('Passwort').fill(ready ? PASSWORD : ADMIN_PASSWORD);
  await page.keyboard.press('Enter');
  if (!ready) {
    await page.getByLabel('Bisheriges Passwort').fill(ADMIN_PASSWORD);
    await page.getByLabel('Neues Passwort', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Neues Passwort wiederholen').fill(PASSWORD);
    await page.keyboard.press('Enter');
    ready = true;
    await expect(page.getByRole('heading', { name: 'Heute', level: 1 })).toBeVisible();
    await page.evaluate(async () => {
      const department = await window.ombudsdesk.saveDepartment({ name: 'Grünflächenamt' });
      if (!department.ok) throw new Error(department.error.code);
      const created = await window.ombudsdesk.createCase({
        kind: 'complaint',
        channel: 'email',
        origin: 'external',
        receivedAt: '2027-04-28T10:30:00.000Z',
        subject: 'Spielplatz Lindenstraße seit Wochen gesperrt',
        description: 'Der Spielplatz ist seit Wochen ohne Erklärung gesperrt.',
        departmentId: department.value.id,
        submitter: { name: 'Erika Mustermann', email: 'erika@example.org', language: 'de', consent: true, consentText: 'Einwilligung' },
      });
      if (!created.ok) throw new Error(created.error.code);
    });
  }
  // The office starts on its day; the inbox is one click away.
  await expect(page.getByRole('heading', { name: 'Heute', level: 1 })).toBeVisible();
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('button', { name: 'Eingang', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Eingang', exact: true, level: 1 })).toBeVisible();
}

async function openCase(page: Page) {
  await page.getByRole('button', { name: 'Alle', exact: true }).click();
  await page.getByRole('row', { name: /2027-00001/ }).click();
  await expect(page.getByRole('heading', { name: /2027-00001/ })).toBeVisible();
}

test('a reply filled from a template is copied, printed and recorded with its channel; it marks the first response', async ({ page, context }) => {
  await signIn(page);
  await openCase(page);
  await expect(page.getByTestId('first-response')).toHaveText('noch keine');
  const panel = page.getByRole('region', { name: 'Antwort' });
  await expect(panel.getByLabel('Sprache der Antwort')).toHaveValue('de');
  await panel.getByLabel('Vorlage').selectOption({ label: 'Eingangsbestätigung' });
  await panel.getByRole('button', { name: 'Aus Vorlage füllen' }).click();
  const subject = panel.getByLabel('Betreff');
  const body = panel.getByLabel(/^Text/);
  await expect(subject).toHaveValue('Ihre Beschwerde – Aktenzeichen 2027-00001');
  // Received 28.04.2027; complaint stage 1 answer due after the configured working days, counted by the deadline engine.
  const detail = await page.evaluate(() => window.ombudsdesk.getCase({ id: 1 }));
  if (!detail.ok) throw new Error(detail.error.code);
  const [year, month, day] = detail.value.deadlines.responseDue.split('-');
  await expect(body).toHaveValue(new RegExp(`^Guten Tag Erika Mustermann,\\n\\nvielen Dank für Ihre Beschwerde vom 28\\.04\\.2027\\.`));
  await expect(body).toHaveValue(new RegExp(`spätestens bis zum ${day}\\.${month}\\.${year}\\.`));

  // The office edits the draft before it goes out; the edit is what gets copied, printed and recorded.
  await body.press('ControlOrMeta+End');
  await body.pressSequentially('\n\nPS: Der Spielplatz wird am Freitag wieder geöffnet.');
  await panel.screenshot({ path: 'screenshots/case-reply.png' });

  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await panel.getByRole('button', { name: 'Kopieren' }).click();
  await expect(panel.getByRole('status')).toHaveText('Betreff und Text sind in der Zwischenablage.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/^Ihre Beschwerde – Aktenzeichen 2027-00001\n\nGuten Tag Erika Mustermann,/);
  expect(copied).toContain('PS: Der Spielplatz wird am Freitag wieder geöffnet.');

  // Print shows the letter alone: the app is hidden, the letter is the page.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('#root')).toBeHidden();
  await expect(page.locator('.print-letter')).toBeVisible();
  await expect(page.locator('.print-letter')).toContainText('PS: Der Spielplatz wird am Freitag wieder geöffnet.');
  await page.screenshot({ path: 'screenshots/reply-print.png' });
  await page.emulateMedia({ media: 'screen' });
  await expect(page.locator('.print-letter')).toBeHidden();

  await panel.getByLabel('Versandweg').selectOption({ label: 'Brief' });
  await panel.getByRole('button', { name: 'Als versendet erfassen' }).click();
  await expect(panel.getByRole('status')).toHaveText('Die Antwort ist im Verlauf erfasst.');
  await expect(subject).toHaveValue('');
  const timeline = page.getByRole('list', { name: 'Verlauf' }).getByRole('listitem');
  await expect(timeline.last()).toContainText('Antwort per Brief: Ihre Beschwerde – Aktenzeichen 2027-00001');
  await expect(timeline.last()).toContainText('PS: Der Spielplatz wird am Freitag wieder geöffnet.');
  await expect(page.getByTestId('first-response')).not.toHaveText('noch keine');

  const after = await page.evaluate(() => window.ombudsdesk.getCase({ id: 1 }));
  if (!after.ok) throw new Error(after.error.code);
  const firstResponseAt = after.value.firstResponseAt;
  expect(firstResponseAt).not.toBeNull();
  expect(after.value.timeline.at(-1)).toMatchObject({ type: 'reply', data: { channel: 'letter', templateId: expect.any(Number) } });

  // A second reply (by phone, written by hand) is recorded too, but the first response stays the first.
  await subject.fill('Rückruf');
  await body.fill('Frau Mustermann telefonisch informiert.');
  await panel.getByLabel('Versandweg').selectOption({ label: 'Telefon' });
  await panel.getByRole('button', { name: 'Als versendet erfassen' }).click();
  await expect(timeline.last()).toContainText('Antwort per Telefon: Rückruf');
  const again = await page.evaluate(() => window.ombudsdesk.getCase({ id: 1 }));
  expect(again).toMatchObject({ ok: true, value: { firstResponseAt } });
});

test('attachments: added from disk, stored once per content, saved back byte for byte; an oversized file is refused', async ({ page, transport }) => {
  await signIn(page);
  await openCase(page);
  const region = page.getByRole('region', { name: 'Anhänge' });
  await expect(region).toContainText('Noch keine Dateien.');
  const photo = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256));
  // A translated button opens the file picker; the browser's own "Choose files / No file chosen" control stays hidden.
  const addButton = region.getByRole('button', { name: 'Dateien vom Datenträger hinzufügen' });
  const choose = async (files: Parameters<FileChooser['setFiles']>[0]) => {
    const chooser = page.waitForEvent('filechooser');
    await addButton.click();
    await (await chooser).setFiles(files);
  };
  await expect(region.getByRole('status')).toHaveText('Keine Datei ausgewählt.');
  await expect(region.locator('input[type=file]')).not.toBeVisible();
  await choose([
    { name: 'foto-spielplatz.jpg', mimeType: 'image/jpeg', buffer: photo },
    { name: 'kopie.jpg', mimeType: 'image/jpeg', buffer: photo },
  ]);
  await expect(region.getByRole('status')).toHaveText('2 Dateien hinzugefügt: foto-spielplatz.jpg, kopie.jpg');
  const files = region.getByRole('list').getByRole('listitem');
  await expect(files).toHaveCount(2);
  await expect(files.first()).toContainText('foto-spielplatz.jpg');
  await expect(files.first()).toContainText('3 kB');
  await expect(page.getByRole('list', { name: 'Verlauf' }).getByRole('listitem').last()).toContainText('Datei angehängt: kopie.jpg');

  // Content-addressed: the same bytes are one file in the data folder, named by their SHA-256.
  const detail = await page.evaluate(() => window.ombudsdesk.getCase({ id: 1 }));
  if (!detail.ok) throw new Error(detail.error.code);
  const [first, second] = detail.value.attachments;
  expect(first!.sha256).toBe(second!.sha256);
  const stored = readdirSync(path.join(transport.dataDir, 'attachments'), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  expect(stored.map((entry) => entry.name)).toEqual([first!.sha256]);

  const download = page.waitForEvent('download');
  await region.getByRole('button', { name: 'foto-spielplatz.jpg speichern' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe('foto-spielplatz.jpg');
  expect(readFileSync(await saved.path())).toEqual(photo);

  // 26 MB: refused with the limit in the message, nothing added.
  await choose({ name: 'video.mp4', mimeType: 'video/mp4', buffer: Buffer.alloc(26 * 1024 * 1024, 1) });
  await expect(region.getByRole('status')).toHaveText('Nicht hinzugefügt: video.mp4');
  await expect(region.getByRole('alert')).toHaveText('Die Datei ist zu groß. Erlaubt sind höchstens 25 MB.');
  await expect(files).toHaveCount(2);
});

test('reply templates: an unknown placeholder is refused and the text kept; the saved template is offered in the case', async ({ page }) => {
  await signIn(page);
  await page.getByRole('button', { name: 'Einstellungen' }).click();
  await page.getByRole('button', { name: 'Antwortvorlagen' }).click();
  const section = page.getByRole('region', { name: 'Antwortvorlagen' });
  await expect(section.getByRole('row')).toHaveCount(17); // header and the 16 shipped templates (4 kinds x 2 languages x 2)
  await section.getByRole('button', { name: 'Neue Vorlage' }).click();
  const form = section.getByRole('form', { name: 'Neue Vorlage' });
  await form.getByLabel('Art').selectOption({ label: 'Beschwerde' });
  await form.getByLabel('Name', { exact: true }).fill('Zwischenbescheid');
  await form.getByLabel('Betreff').fill('Zwischenstand zu {{reference}}');
  await form.getByLabel(/^Text/).fill('{{salutation}},\n\nHallo {{vorname}}, wir brauchen noch etwas Zeit (bis {{due}}).');
  await form.getByRole('button', { name: 'Speichern' }).click();
  await expect(form.getByRole('alert')).toContainText('vorname');
  await expect(form.getByLabel(/^Text/)).toHaveValue(/Hallo \{\{vorname\}\}/);

  await form.getByLabel(/^Text/).fill('{{salutation}},\n\nwir brauchen für Ihr Anliegen noch etwas Zeit, spätestens bis {{due}}.');
  await form.getByRole('button', { name: 'Speichern' }).click();
  await expect(section.getByRole('status')).toHaveText('Gespeichert.');
  await expect(section.getByRole('row')).toHaveCount(18);
  await page.screenshot({ path: 'screenshots/settings-templates.png', fullPage: true });

  await page.getByRole('button', { name: 'Eingang', exact: true }).click();
  await openCase(page);
  const panel = page.getByRole('region', { name: 'Antwort' });
  await panel.getByLabel('Vorlage').selectOption({ label: 'Zwischenbescheid' });
  await panel.getByRole('button', { name: 'Aus Vorlage füllen' }).click();
  await expect(panel.getByLabel('Betreff')).toHaveValue('Zwischenstand zu 2027-00001');
  await expect(panel.getByLabel(/^Text/)).toHaveValue(/^Guten Tag Erika Mustermann,\n\nwir brauchen/);
});
