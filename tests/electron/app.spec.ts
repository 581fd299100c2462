// Electron end to end: runs wherever an Electron runtime has been downloaded; elsewhere skipped with the reason printed.
import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
// @ts-expect-error plain ESM script without types
import { electronBinary } from '../../scripts/start.mjs';

const binary: string | null = electronBinary();
const reason = 'Electron runtime not downloaded on this machine (run `npx install-electron` with network access to enable this test)';

test.describe('Ombudsdesk in Electron', () => {
  test.skip(!binary, reason);
  if (!binary) console.log(`Skipping Electron end-to-end tests: ${reason}.`);

  test('start, sign in, create a case, quit, restart: the case is still there', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ombudsdesk-electron-'));
    const env = { ...process.env, OMBUDSDESK_DATA_DIR: dataDir, OMBUDSDESK_ADMIN_PASSWORD: 'electron-first-password' };
    const main = path.resolve('out/main/index.js');
    try {
      let app = await electron.launch({ executablePath: binary!, args: [main], env });
      let page = await app.firstWindow();
      await page.getByLabel(/Benutzername|Username/).fill('admin');
      await page.getByLabel(/^(Passwort|Password)$/).fill('electron-first-password');
      await page.keyboard.press('Enter');
      const changed = await page.evaluate(() =>
        window.ombudsdesk.changePassword({ currentPassword: 'electron-first-password', newPassword: 'electron-second-password' }),
      );
      expect(changed.ok).toBe(true);
      const created = await page.evaluate(() =>
        window.ombudsdesk.createCase({ kind: 'idea', channel: 'walk_in', origin: 'internal', subject: 'Kantine: vegetarisches Angebot erweitern' }),
      );
      expect(created).toMatchObject({ ok: true, value: { status: 'new' } });
      await app.close();

      app = await electron.launch({ executablePath: binary!, args: [main], env });
      page = await app.firstWindow();
      await page.getByLabel(/Benutzername|Username/).fill('admin');
      await page.getByLabel(/^(Passwort|Password)$/).fill('electron-second-password');
      await page.keyboard.press('Enter');
      await expect(page.getByText('Kantine: vegetarisches Angebot erweitern')).toBeVisible();
      await app.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
