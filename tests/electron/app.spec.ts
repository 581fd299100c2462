// Electron end to end (ELECTRON-NOTES 9): first start prints the admin password; sign in, create a case, quit, restart,
// the case is still there. Runs wherever an Electron runtime has been downloaded; elsewhere skipped with the reason printed.
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from '../../scripts/electron-runtime.mjs';

const binary = electronBinary();
const SKIP_REASON = 'the Electron runtime is not downloaded on this machine (run `npx install-electron` once with network access to enable these tests)';
if (!binary) console.log(`Skipping the Electron end-to-end tests: ${SKIP_REASON}.`);

const main = fileURLToPath(new URL('../../out/main/index.js', import.meta.url));
const NEW_PASSWORD = 'electron-e2e-password';
const SUBJECT = 'Kantine: vegetarisches Angebot erweitern';

function appEnv(dataDir: string): Record<string, string> {
  const env = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  delete env.OMBUDSDESK_ADMIN_PASSWORD; // the first-run password must be the one the app makes up and prints
  delete env.ELECTRON_RUN_AS_NODE;
  return { ...env, OMBUDSDESK_DATA_DIR: dataDir };
}

/** First start as a user would do it: read stdout until the notice names the admin password, then stop the app. */
async function firstStartPassword(dataDir: string): Promise<string> {
  const args = process.platform === 'linux' ? ['--no-sandbox', main] : [main];
  const child = spawn(binary!, args, { env: appEnv(dataDir), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    return await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no first-run notice within 30 s.\nstdout: ${stdout}\nstderr: ${stderr}`)), 30_000);
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /username: admin and password: (\S+)/.exec(stdout);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      child.once('exit', (code) => reject(new Error(`Electron exited (${code}) before printing the first-run notice.\nstdout: ${stdout}\nstderr: ${stderr}`)));
    });
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

async function launch(dataDir: string): Promise<{ app: ElectronApplication; page: Page }> {
  const app = await electron.launch({ executablePath: binary!, args: [main], env: appEnv(dataDir) });
  const page = await app.firstWindow();
  await expect(page).toHaveURL('app://ombudsdesk/index.html');
  return { app, page };
}

async function signIn(page: Page, password: string): Promise<void> {
  // A brand-new installation asks where the data lives first (views/FirstRun.tsx): this computer only.
  const thisComputer = page.getByRole('radio', { name: /^(Nur dieser Computer|This computer only)$/ });
  await expect(thisComputer.or(page.getByLabel(/^(Benutzername|Username)$/))).toBeVisible();
  if (await thisComputer.isVisible()) {
    await thisComputer.focus();
    await page.keyboard.press('Enter');
  }
  await page.getByLabel(/^(Benutzername|Username)$/).fill('admin');
  await page.getByLabel(/^(Passwort|Password)$/).fill(password);
  await page.keyboard.press('Enter');
}

test.describe('Ombudsdesk in Electron', () => {
  test.skip(!binary, SKIP_REASON);

  let dataDir: string;
  test.beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ombudsdesk-electron-'));
  });
  test.afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  test('first start, sign in, create a case, quit, restart: the case is still there', async () => {
    test.setTimeout(120_000);
    const firstPassword = await firstStartPassword(dataDir);

    let { app, page } = await launch(dataDir);
    expect(await page.evaluate(() => typeof window.ombudsdesk?.login), 'the sandboxed preload exposed the API').toBe('function');
    await signIn(page, firstPassword);
    await page.getByLabel(/^(Bisheriges Passwort|Current password)$/).fill(firstPassword);
    await page.getByLabel(/^(Neues Passwort|New password)$/).fill(NEW_PASSWORD);
    await page.getByLabel(/^(Neues Passwort wiederholen|Repeat new password)$/).fill(NEW_PASSWORD);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: /^(Eingang|Inbox)$/ })).toBeVisible();
    const created = await page.evaluate(
      (subject) => window.ombudsdesk.createCase({ kind: 'idea', channel: 'walk_in', origin: 'internal', subject }),
      SUBJECT,
    );
    expect(created).toMatchObject({ ok: true, value: { status: 'new' } });
    await app.close();

    ({ app, page } = await launch(dataDir));
    await signIn(page, NEW_PASSWORD);
    await expect(page.getByRole('heading', { name: /^(Eingang|Inbox)$/ })).toBeVisible();
    await expect(page.getByText(SUBJECT)).toBeVisible();
    await app.close();
  });
});
