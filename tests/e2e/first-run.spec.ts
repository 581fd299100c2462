// The first-run choice (issue 11, item 3) on a brand-new installation, keyboard only: the sign-in screen first asks where
// the data lives. "Nur dieser Computer" goes straight on to the sign-in (and is not asked again). "Gemeinsamer Server
// (PostgreSQL)" opens the Datenbank settings' server form: Esc in the middle of typing asks before anything is lost, a
// refused password is said at the password field, Test connection answers "in Ordnung", a double-clicked Save writes
// the connection file once (password sealed) and the app restarts onto the server, where the server's admin signs in.
// The server is a throwaway one (tests/support/postgres.ts); where PostgreSQL is missing that test is skipped, saying why.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import pg from 'pg';
import { RESTART_DELAY_MS } from '../../main/services/first-run.ts';
import { findPostgresBin, startPostgres, stopPostgres, type TestPostgres } from '../support/postgres.ts';
import { ADMIN_PASSWORD, expect, startTransport, test } from './fixtures.ts';
import { api, firstSignIn, noSeriousViolations, openAt } from './session.ts';

const OFFICE_NOW = '2027-08-02T09:00:00';
const found = findPostgresBin();
const missing = 'reason' in found ? found.reason : null;
if (missing) console.log(`first-run.spec.ts: the shared-server walk is skipped: ${missing}`);

async function newPage(browser: Browser, baseURL: string, width = 1280, height = 800): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: { width, height } });
  return context.newPage();
}

const choiceHeading = (page: Page) => page.getByRole('heading', { name: 'Willkommen bei Ombudsdesk', level: 1 });
const signInHeading = (page: Page) => page.getByRole('heading', { name: 'Anmelden', level: 1 });

test('this computer only: Enter on the first card goes straight on to the sign-in, and the choice is not asked again', async ({ browser }) => {
  const seat = await startTransport({ OMBUDSDESK_TEST_NOW: OFFICE_NOW }, { firstRun: true });
  try {
    const page = await newPage(browser, seat.baseURL);
    await openAt(page, OFFICE_NOW);
    await expect(choiceHeading(page)).toBeVisible();
    const sqlite = page.getByRole('radio', { name: 'Nur dieser Computer' });
    await expect(sqlite).toBeChecked();
    await expect(sqlite).toBeFocused();
    await expect(sqlite).toHaveAccessibleDescription(/Datei \(SQLite\) auf diesem Computer/);
    await page.screenshot({ path: 'screenshots/first-run-choice-1280x800.png' });
    await noSeriousViolations(page, 'first-run choice');

    await page.keyboard.press('Enter');
    await expect(signInHeading(page)).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Benutzername' })).toBeFocused();
    expect(JSON.parse(readFileSync(path.join(seat.dataDir, 'connection.json'), 'utf8'))).toEqual({ version: 1, engine: 'sqlite' });

    await page.reload();
    await expect(signInHeading(page)).toBeVisible();
    await expect(choiceHeading(page)).toBeHidden();

    // In English at 1920x1080 (a second brand-new installation).
    const other = await startTransport({ OMBUDSDESK_TEST_NOW: OFFICE_NOW }, { firstRun: true });
    try {
      const wide = await newPage(browser, other.baseURL, 1920, 1080);
      await wide.clock.setFixedTime(new Date(OFFICE_NOW));
      await wide.addInitScript(() => localStorage.setItem('ombudsdesk.language', 'en'));
      await wide.goto('./');
      await expect(wide.getByRole('heading', { name: 'Welcome to Ombudsdesk', level: 1 })).toBeVisible();
      await expect(wide.getByRole('radio', { name: 'Shared server (PostgreSQL)' })).not.toBeChecked();
      await wide.screenshot({ path: 'screenshots/first-run-choice-en-1920x1080.png' });
    } finally {
      await other.stop();
    }
  } finally {
    await seat.stop();
  }
});

test.describe('a shared server chosen on the first start', () => {
  test.skip(missing !== null, `PostgreSQL is not installed: ${missing}`);
  let server: TestPostgres | null = null;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    server = await startPostgres();
    const admin = new pg.Client({ host: server.host, port: server.port, user: server.user, database: 'postgres' });
    await admin.connect();
    await admin.query(`CREATE DATABASE first_run_office TEMPLATE ${server.template}`);
    // One role that must give a password (the test server trusts its socket otherwise; pg_hba.conf is read top down).
    const hba = path.join(server.host, 'data', 'pg_hba.conf');
    writeFileSync(hba, `local all ombudsdesk_pw scram-sha-256\n${readFileSync(hba, 'utf8')}`);
    await admin.query(`CREATE ROLE ombudsdesk_pw LOGIN PASSWORD 'right-password'`);
    await admin.query('SELECT pg_reload_conf()');
    await admin.end();
  });

  test.afterAll(async () => {
    await stopPostgres();
  });

  test('keyboard only: the server form, Esc asks first, a wrong password at its field, test, one save, restart onto the server', async ({ browser }) => {
    test.setTimeout(180_000);
    const seat = await startTransport({ OMBUDSDESK_TEST_NOW: OFFICE_NOW }, { firstRun: true });
    try {
      const page = await newPage(browser, seat.baseURL);
      await openAt(page, OFFICE_NOW);
      await expect(choiceHeading(page)).toBeVisible();
      await page.keyboard.press('ArrowDown');
      await expect(page.getByRole('radio', { name: 'Gemeinsamer Server (PostgreSQL)' })).toBeChecked();
      await page.keyboard.press('Enter');

      const form = page.getByRole('form', { name: 'Gemeinsamer Server (PostgreSQL)' });
      const host = form.getByRole('textbox', { name: 'Server (Name oder Adresse)' });
      await expect(host).toBeFocused();
      await page.keyboard.type(server!.host.slice(0, 6));
      // Esc in the middle of typing: asked first; Esc there keeps editing, with the text and the focus where they were.
      await page.keyboard.press('Escape');
      const confirm = page.getByRole('alertdialog', { name: 'Eingaben zum Server verwerfen?' });
      await expect(confirm).toBeVisible();
      await expect(confirm.getByRole('button', { name: 'Weiter bearbeiten' })).toBeFocused();
      await page.screenshot({ path: 'screenshots/first-run-discard-1280x800.png' });
      await page.keyboard.press('Escape');
      await expect(confirm).toBeHidden();
      await expect(host).toBeFocused();
      await expect(host).toHaveValue(server!.host.slice(0, 6));
      await page.keyboard.type(server!.host.slice(6));

      await page.keyboard.press('Tab');
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type(String(server!.port));
      await page.keyboard.press('Tab');
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type('first_run_office');
      await page.keyboard.press('Tab');
      await page.keyboard.type('ombudsdesk_pw');
      await page.keyboard.press('Tab');
      await page.keyboard.type('wrong-password');
      await page.keyboard.press('Tab');
      await expect(form.getByRole('combobox', { name: 'Verschlüsselung (TLS)' })).toBeFocused();
      await form.getByRole('combobox', { name: 'Verschlüsselung (TLS)' }).selectOption('disable'); // a Unix socket has no TLS

      // A refused password: said at the password field, which gets the focus.
      await form.getByRole('button', { name: 'Verbindung testen' }).focus();
      await page.keyboard.press('Enter');
      const password = form.getByLabel('Passwort', { exact: true });
      await expect(password).toHaveAttribute('aria-invalid', 'true');
      await expect(password).toHaveAccessibleDescription('Der Server hat die Anmeldung abgelehnt: Benutzername oder Passwort stimmen nicht.');
      await expect(password).toBeFocused();
      await page.screenshot({ path: 'screenshots/first-run-wrong-password-1280x800.png' });
      await noSeriousViolations(page, 'first-run server form');

      // The seat's own login role (set up by the server's admin): here the server's owner, whom the socket trusts.
      await form.getByRole('textbox', { name: 'Benutzername auf dem Server' }).focus();
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type(server!.user);
      await page.keyboard.press('Tab');
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type('seat-password-1');
      await expect(password).not.toHaveAttribute('aria-invalid', 'true');
      await form.getByRole('button', { name: 'Verbindung testen' }).focus();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('status')).toContainText('Verbindung in Ordnung (PostgreSQL');
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.screenshot({ path: 'screenshots/first-run-server-1920x1080.png' });
      await page.setViewportSize({ width: 1280, height: 800 });

      // A double click on Save writes once; the window says it restarts onto the server.
      const saves: string[] = [];
      page.on('request', (request) => {
        if (request.url().endsWith('/api/firstRunChoose')) saves.push(request.url());
      });
      await form.getByRole('button', { name: 'Speichern' }).dblclick();
      await expect(page.getByRole('status')).toContainText('Ombudsdesk startet neu und verbindet sich mit dem Server');
      expect(saves).toHaveLength(1);
      const file = readFileSync(path.join(seat.dataDir, 'connection.json'), 'utf8');
      expect(JSON.parse(file)).toMatchObject({ engine: 'postgres', host: server!.host, port: server!.port, database: 'first_run_office', user: server!.user, sslmode: 'disable' });
      expect(file).not.toContain('seat-password-1');
      expect(JSON.parse(file).password).toMatch(/^keyfile:v1:/);
      await expect(page.getByRole('button', { name: 'Zurück zur Auswahl' })).toBeHidden();
      await page.screenshot({ path: 'screenshots/first-run-restarting-1280x800.png' });

      // The restart comes RESTART_DELAY_MS after the answer (calls meanwhile wait for it in the transport, as in a new window).
      await page.waitForTimeout(RESTART_DELAY_MS + 500);
      // After the restart: the sign-in, without the choice; the server's first admin signs in and works on PostgreSQL.
      await firstSignIn(page, OFFICE_NOW, 'admin', ADMIN_PASSWORD, 'admin-password-first-run');
      await expect(choiceHeading(page)).toBeHidden();
      expect(await api<{ running: string }>(page, 'getConnection')).toMatchObject({ running: 'postgres' });
      expect(readFileSync(path.join(seat.dataDir, 'connection.json'), 'utf8')).toBe(file);
    } finally {
      await seat.stop();
    }
  });
});
