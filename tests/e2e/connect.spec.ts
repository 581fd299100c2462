// This computer's database, as the admin meets it in the settings (issue 11): the choice of a shared PostgreSQL server
// with the keyboard, field problems at their fields, a Test connection that fails with a translated message (nobody
// listens on the port; a double press tests once), and saving the choice into the connection file (password sealed).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ADMIN_PASSWORD, expect, test } from './fixtures.ts';
import { firstSignIn, noSeriousViolations } from './session.ts';

const OFFICE_NOW = '2027-07-05T09:00:00';
const ADMIN_NEW = 'admin-password-connect-1';
test.use({ officeNow: OFFICE_NOW });

test('the admin chooses a shared server, sees field problems, a failing test connection and saves the choice', async ({ page, transport }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await firstSignIn(page, OFFICE_NOW, 'admin', ADMIN_PASSWORD, ADMIN_NEW);
  await page.getByRole('navigation').getByRole('button', { name: 'Einstellungen' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Datenbank', exact: true }).focus();
  await page.keyboard.press('Enter');
  const section = page.getByRole('region', { name: 'Datenbank' });
  await expect(section.getByText('Ombudsdesk arbeitet auf diesem Computer mit seiner eigenen Datenbank (SQLite).')).toBeVisible();
  const sqlite = section.getByRole('radio', { name: 'Nur dieser Computer (SQLite)' });
  await expect(sqlite).toBeChecked();

  // Keyboard: the arrow key moves the choice to the shared server; the server fields appear.
  await sqlite.focus();
  await page.keyboard.press('ArrowDown');
  await expect(section.getByRole('radio', { name: 'Gemeinsamer Server (PostgreSQL)' })).toBeChecked();
  await expect(section.getByLabel('Verschlüsselung (TLS)')).toHaveValue('verify-full');

  // The user field says which name it wants: the desk's own database login, or the owner's to set the database up.
  await expect(section.getByLabel('Benutzername auf dem Server')).toHaveAccessibleDescription(
    'Die eigene Datenbank-Anmeldung dieses Arbeitsplatzes (steht in den Einstellungen unter „Benutzer und Rollen“), z. B. ombudsdesk_hanna; für die Einrichtung der Datenbank die des Datenbank-Eigentümers.',
  );

  // Testing with the server missing: the problem stands at its field, which gets the focus.
  await section.getByLabel('Benutzername auf dem Server').focus();
  await page.keyboard.type('seat1');
  await section.getByRole('button', { name: 'Verbindung testen' }).focus();
  await page.keyboard.press('Enter');
  const host = section.getByLabel('Server (Name oder Adresse)');
  await expect(host).toHaveAttribute('aria-invalid', 'true');
  await expect(host).toBeFocused();
  await expect(section.getByText('Bitte geben Sie den Server an.')).toBeVisible();
  await page.keyboard.type('127.0.0.1');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('1'); // nobody listens on port 1
  await section.getByLabel('Passwort').fill('seat-password-1');
  await section.getByLabel('Verschlüsselung (TLS)').selectOption('disable');

  // A double press tests once; the failure is said in German.
  const tests: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/testConnection')) tests.push(request.url());
  });
  await section.getByRole('button', { name: 'Verbindung testen' }).dblclick();
  await expect(section.getByRole('status')).toHaveText('Der Server ist nicht erreichbar. Bitte prüfen Sie Servername, Port und Netzwerk.');
  expect(tests).toHaveLength(1);
  await page.screenshot({ path: 'screenshots/connect-unreachable-1280.png' });
  await noSeriousViolations(page, 'connection settings');

  // Saved: this computer's connection file names the server; the password is sealed, never in plain text.
  await section.getByRole('button', { name: 'Speichern' }).focus();
  await page.keyboard.press('Enter');
  await expect(section.getByRole('status')).toContainText('ab dem nächsten Start');
  const file = readFileSync(path.join(transport.dataDir, 'connection.json'), 'utf8');
  expect(JSON.parse(file)).toMatchObject({ engine: 'postgres', host: '127.0.0.1', port: 1, database: 'ombudsdesk', user: 'seat1', sslmode: 'disable' });
  expect(file).not.toContain('seat-password-1');
  expect(JSON.parse(file).password).toMatch(/^keyfile:v1:/);
  await expect(section.getByLabel('Passwort')).toHaveAttribute('placeholder', 'gespeichert – leer lassen, um es zu behalten');
  await page.screenshot({ path: 'screenshots/connect-saved-1280.png' });
});
