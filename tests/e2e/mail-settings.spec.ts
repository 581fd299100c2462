// The administrator sets up the office's mail servers, keyboard first, in German: the IMAP mailbox and the SMTP server
// filled in, Esc while typing loses nothing stored, a double click on Save saves once, the screen read again keeps every
// value and shows the passwords only as "gespeichert" (never in the page), a bad port and a missing host are said at their
// fields, "Jetzt abrufen" double-clicked against a port nobody listens on gives one translated error, and against a real
// Dovecot (Debian's dovecot-imapd, started here on loopback, as the integration tests do) it imports the one message waiting.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import type { Locator, Page } from '@playwright/test';
import { dovecotMissing, freePort, startDovecot, type Dovecot } from '../support/dovecot.ts';
import { ADMIN_PASSWORD, expect, test } from './fixtures.ts';
import { api, firstSignIn, noSeriousViolations } from './session.ts';

const OFFICE_NOW = '2027-04-05T09:00:00';
test.use({ officeNow: OFFICE_NOW });

const SMTP_PASSWORD = 'smtp-geheim-4711';
const PARTIAL = 'halb-getippt';
const missing = dovecotMissing();
let dovecot: Dovecot | null = null;
let dovecotDir: string | null = null;

test.beforeAll(async () => {
  if (missing) return;
  dovecotDir = mkdtempSync(path.join(tmpdir(), 'ombudsdesk-e2e-dovecot-'));
  dovecot = await startDovecot(dovecotDir);
});
test.afterAll(async () => {
  await dovecot?.stop();
  if (dovecotDir) rmSync(dovecotDir, { recursive: true, force: true });
});

/** Tab until the locator has the focus (as a user would), failing after max presses. */
async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    if (await target.evaluate((node) => node === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

/** Replaces a focused field's text by typing, as a user would (select all, type). */
async function retype(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+A');
  if (text === '') await page.keyboard.press('Delete');
  else await page.keyboard.type(text);
}

test('mail server settings: filled by keyboard, saved once, passwords only "gespeichert", field errors, Fetch now', async ({ page }) => {
  test.setTimeout(120_000);
  if (missing) console.log(`mail-settings.spec: no Dovecot here (${missing}); only the unreachable server is tried`);
  const mailPassword = dovecot?.password ?? 'postfach-geheim-42';
  const deadPort = await freePort();
  const posts = { updateMailSettings: 0, fetchMailNow: 0 };
  page.on('request', (request) => {
    const channel = /\/api\/(\w+)$/.exec(new URL(request.url()).pathname)?.[1];
    if (request.method() === 'POST' && (channel === 'updateMailSettings' || channel === 'fetchMailNow')) posts[channel] += 1;
  });

  await page.setViewportSize({ width: 1280, height: 800 });
  await firstSignIn(page, OFFICE_NOW, 'admin', ADMIN_PASSWORD, 'admin-password-mail-1');

  // To the form by keyboard: the header's Einstellungen, then the section Mailserver.
  await tabTo(page, page.getByRole('navigation').getByRole('button', { name: 'Einstellungen' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Einstellungen' })).toBeVisible();
  await tabTo(page, page.getByRole('group', { name: 'Bereiche' }).getByRole('button', { name: 'Mailserver' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Mailserver' })).toBeVisible();
  await expect(page.getByText('Das Postfach wurde noch nie abgerufen.')).toBeVisible();

  const imap = page.getByRole('group', { name: 'Postfach (IMAP)' });
  const smtp = page.getByRole('group', { name: 'Versand von Antworten (SMTP)' });
  await tabTo(page, imap.getByLabel('Server', { exact: true }));
  await page.keyboard.type('127.0.0.1');
  await page.keyboard.press('Tab');
  await expect(imap.getByLabel('Port', { exact: true })).toBeFocused();
  await retype(page, String(deadPort));
  await page.keyboard.press('Tab');
  // Encryption: none (allowed for this computer only), chosen with the arrow keys.
  await expect(imap.getByLabel('Verschlüsselung')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(imap.getByLabel('Verschlüsselung')).toHaveValue('off');
  await expect(imap.getByLabel('Port', { exact: true })).toHaveValue(String(deadPort));
  await page.keyboard.press('Tab');
  await page.keyboard.type(dovecot?.user ?? 'office');
  await page.keyboard.press('Tab');
  // Esc in the middle of typing the password: nothing typed is lost.
  await expect(imap.getByLabel('Passwort', { exact: true })).toBeFocused();
  await page.keyboard.type(mailPassword.slice(0, 6));
  await page.keyboard.press('Escape');
  await expect(imap.getByLabel('Passwort', { exact: true })).toHaveValue(mailPassword.slice(0, 6));
  await page.keyboard.type(mailPassword.slice(6));
  await expect(imap.getByLabel('Überwachter Ordner')).toHaveValue('INBOX');
  await expect(imap.getByLabel('Ordner für verarbeitete E-Mails')).toHaveValue('Ombudsdesk/Processed');
  await tabTo(page, imap.getByLabel('Automatisch abrufen'));
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await expect(imap.getByLabel('Abruf alle … Minuten')).toBeFocused();
  await retype(page, '30');

  await page.keyboard.press('Tab');
  await expect(smtp.getByLabel('Server', { exact: true })).toBeFocused();
  await page.keyboard.type('smtp.kreis-soest.example');
  await page.keyboard.press('Tab');
  await expect(smtp.getByLabel('Port', { exact: true })).toHaveValue('587');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.type('buergerservice');
  await page.keyboard.press('Tab');
  await page.keyboard.type(SMTP_PASSWORD);
  await page.keyboard.press('Tab');
  await expect(smtp.getByLabel('Absenderadresse')).toBeFocused();
  await page.keyboard.type('Buergerservice@Kreis-Soest.example');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Bürgerservice Kreis Soest');

  // Saved once for a double click.
  await page.getByRole('button', { name: 'Speichern' }).dblclick();
  await expect(page.getByRole('status').filter({ hasText: 'Gespeichert.' })).toBeVisible();
  expect(posts.updateMailSettings).toBe(1);
  await expect(imap.getByText('gespeichert', { exact: true })).toBeVisible();
  await expect(smtp.getByText('gespeichert', { exact: true })).toBeVisible();
  await expect(imap.getByLabel('Passwort', { exact: true })).toHaveCount(0);

  // Replacing the stored password, Esc in the middle of typing: the stored one stays, the focus goes back to "Ersetzen".
  const replace = page.getByRole('button', { name: 'IMAP-Passwort ersetzen' });
  await tabTo(page, replace);
  await page.keyboard.press('Enter');
  await expect(imap.getByLabel('Neues Passwort')).toBeFocused();
  await page.keyboard.type(PARTIAL);
  await page.keyboard.press('Escape');
  await expect(imap.getByLabel('Neues Passwort')).toHaveCount(0);
  await expect(replace).toBeFocused();
  await expect(imap.getByText('gespeichert', { exact: true })).toBeVisible();

  // The screen read again: every value kept, the passwords only as "gespeichert", nowhere in the page.
  await page.reload();
  await page.getByRole('navigation').getByRole('button', { name: 'Einstellungen' }).click();
  await page.getByRole('group', { name: 'Bereiche' }).getByRole('button', { name: 'Mailserver' }).click();
  await expect(imap.getByLabel('Server', { exact: true })).toHaveValue('127.0.0.1');
  await expect(imap.getByLabel('Port', { exact: true })).toHaveValue(String(deadPort));
  await expect(imap.getByLabel('Verschlüsselung')).toHaveValue('off');
  await expect(imap.getByLabel('Benutzername', { exact: true })).toHaveValue(dovecot?.user ?? 'office');
  await expect(imap.getByLabel('Automatisch abrufen')).toBeChecked();
  await expect(imap.getByLabel('Abruf alle … Minuten')).toHaveValue('30');
  await expect(smtp.getByLabel('Server', { exact: true })).toHaveValue('smtp.kreis-soest.example');
  await expect(smtp.getByLabel('Verschlüsselung')).toHaveValue('starttls');
  await expect(smtp.getByLabel('Absenderadresse')).toHaveValue('buergerservice@kreis-soest.example');
  await expect(smtp.getByLabel('Absendername')).toHaveValue('Bürgerservice Kreis Soest');
  await expect(imap.getByText('gespeichert', { exact: true })).toBeVisible();
  await expect(smtp.getByText('gespeichert', { exact: true })).toBeVisible();
  const html = await page.content();
  const values = await page.locator('input, textarea, select').evaluateAll((nodes) => nodes.map((node) => (node as HTMLInputElement).value).join('\n'));
  for (const secret of [mailPassword, SMTP_PASSWORD, PARTIAL]) {
    expect(html).not.toContain(secret);
    expect(values).not.toContain(secret);
  }
  const settings = await api<{ imap: Record<string, unknown>; smtp: Record<string, unknown> }>(page, 'getMailSettings');
  expect(settings.imap).toMatchObject({ passwordStored: true, pollMinutes: 30 });
  expect(JSON.stringify(settings)).not.toContain(mailPassword);
  await page.screenshot({ path: 'test-results/mail-settings-1280.png' });
  await noSeriousViolations(page, 'mail server settings');

  // A bad port and a missing host: said at their fields, in German, the first one focused; nothing is sent.
  await imap.getByLabel('Server', { exact: true }).focus();
  await retype(page, '');
  await page.keyboard.press('Tab');
  await retype(page, '70000');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await expect(imap.getByLabel('Server', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(imap.getByLabel('Server', { exact: true })).toHaveAccessibleDescription('Bitte den Namen oder die Adresse des Servers eingeben.');
  await expect(imap.getByLabel('Port', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(imap.getByLabel('Port', { exact: true })).toHaveAccessibleDescription('Bitte einen Port von 1 bis 65535 eingeben.');
  await expect(imap.getByLabel('Server', { exact: true })).toBeFocused();
  expect(posts.updateMailSettings).toBe(1);
  await page.screenshot({ path: 'test-results/mail-settings-errors-1280.png' });
  await noSeriousViolations(page, 'mail server settings with field errors');
  await page.keyboard.type('127.0.0.1');
  await expect(imap.getByLabel('Server', { exact: true })).not.toHaveAttribute('aria-invalid');
  await page.keyboard.press('Tab');
  await retype(page, String(deadPort));
  await expect(imap.getByLabel('Port', { exact: true })).not.toHaveAttribute('aria-invalid');

  // Fetch now against a port nobody listens on, double-clicked: one poll, one translated error.
  await page.getByRole('button', { name: 'Jetzt abrufen' }).dblclick();
  const unreachable = page.getByText(/Der Mailserver war nicht erreichbar oder hat die Anmeldung abgelehnt/);
  await expect(unreachable).toHaveCount(1, { timeout: 30_000 });
  await expect(page.getByText(/Letzter Abruf: 05\.04\.2027, 09:\d\d – fehlgeschlagen\./)).toBeVisible();
  expect(posts.fetchMailNow).toBe(1);
  expect((await api<{ kind: string }[]>(page, 'listJobs')).filter((job) => job.kind === 'pollMailbox')).toHaveLength(1);
  await page.getByRole('button', { name: 'Jetzt abrufen' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/mail-settings-unreachable-1280.png' });

  if (dovecot) {
    // A real Dovecot with one message waiting: the port changed (the stored password kept), one message imported.
    const client = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, doSTARTTLS: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
    await client.connect();
    await client.append(
      'INBOX',
      'From: Erika Mustermann <erika@example.org>\r\nTo: buergerservice@kreis-soest.example\r\nSubject: Laterne in der Brüderstraße defekt\r\nMessage-ID: <e2e-mail-settings-1@example.org>\r\nDate: Mon, 05 Apr 2027 08:30:00 +0200\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nDie Laterne vor Hausnummer 12 ist seit einer Woche aus.\r\n',
    );
    await client.logout();
    await imap.getByLabel('Port', { exact: true }).focus();
    await retype(page, String(dovecot.port));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'Gespeichert.' })).toBeVisible();
    expect(posts.updateMailSettings).toBe(2);
    await expect(imap.getByText('gespeichert', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Jetzt abrufen' }).dblclick();
    await expect(page.getByText(/Letzter Abruf: 05\.04\.2027, 09:\d\d – 1 neu, 0 zu Anliegen hinzugefügt, 0 übersprungen, 0 fehlgeschlagen\./)).toBeVisible({ timeout: 30_000 });
    await expect(unreachable).toHaveCount(0);
    expect(posts.fetchMailNow).toBe(2);
    expect((await api<{ total: number }>(page, 'listCases', { limit: 1 })).total).toBe(1);
    await page.getByRole('button', { name: 'Jetzt abrufen' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/mail-settings-fetched-1280.png' });
    await noSeriousViolations(page, 'mail server settings after a fetch');
  }

  await page.setViewportSize({ width: 1920, height: 1080 });
  await expect(page.getByRole('heading', { level: 2, name: 'Mailserver' })).toBeVisible();
  await page.screenshot({ path: 'test-results/mail-settings-1920.png' });

  // Mail files dropped anywhere on the window (here: the settings) are imported on the import screen; other files are not.
  await page.setViewportSize({ width: 1280, height: 800 });
  const name = 'webklex_issue-410b_de_umlaut_subject_attachment.eml';
  const eml = readFileSync(path.resolve(import.meta.dirname, '../fixtures/email/eml', name)).toString('base64');
  const dataTransfer = await page.evaluateHandle(
    ([fileName, base64]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], fileName, { type: 'message/rfc822' }));
      transfer.items.add(new File(['nur eine Notiz'], 'notiz.txt', { type: 'text/plain' }));
      return transfer;
    },
    [name, eml] as const,
  );
  const main = page.getByRole('main');
  await main.dispatchEvent('dragover', { dataTransfer });
  await main.dispatchEvent('drop', { dataTransfer });
  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'E-Mail-Dateien importieren' }).getByRole('status')).toHaveText('Fertig.', { timeout: 30_000 });
  await expect(page.getByRole('row').filter({ hasText: name }).getByRole('cell')).toHaveText([/./, name, '1', '0', '0', '0', 'fertig', 'Details']);
  const imports = await api<{ kind: string; source: string }[]>(page, 'listImports');
  expect(imports.filter((row) => !row.source.startsWith('imap://'))).toHaveLength(1);
  await page.getByRole('heading', { level: 2, name: 'Bisherige Importe' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/mail-drop-1280.png' });
});
