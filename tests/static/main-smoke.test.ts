// ELECTRON-NOTES 2 and 6: import the built main bundle in plain Node with electron stubbed, and check it loads all its
// imports, registers app:// before ready, takes the single-instance lock, and then wires everything on ready.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPC_PREFIX } from '../../main/api/channels.ts';
import { channelNames, channelNamesFor } from '../../main/api/registry.ts';
import { hardenedWebPreferences } from '../../main/shell/hardening.ts';
import { CONTENT_SECURITY_POLICY } from '../../main/shell/csp.ts';
import { removeTempDirs, tempDir } from '../support/temp-app.ts';
import { outPath, readOut, requireBuild, root } from './build-output.ts';

interface Call {
  name: string;
  ready: boolean;
  args?: unknown[];
  schemes?: unknown;
}
interface Served {
  status: number;
  csp: string | null;
  body: string;
}
interface SmokeReport {
  importError: string | null;
  calls: Call[];
  window?: { webPreferences: { preload: string }; loadedUrl: string; hasWindowOpenHandler: boolean; navigationGuards: string[] };
  ipcChannels: string[];
  page?: Served;
  traversal?: Served;
  permissions: Record<string, unknown>;
  stdout: string[];
  foreignCall: unknown;
  channelList: { trusted: unknown; foreign: unknown };
  login: unknown;
  signedIn: unknown;
  afterClose: unknown;
  focusedBySecondInstance: number;
  quitCalls: number;
  failures: string[];
}

describe('built main, imported with electron stubbed', () => {
  let report: SmokeReport;
  let stderr: string;
  let dataDir: string;
  const index = (name: string) => report.calls.findIndex((call) => call.name === name);

  beforeAll(() => {
    requireBuild();
    dataDir = tempDir('ombudsdesk-smoke-');
    // The first-run password must come from the app itself, as on a real first start.
    const { OMBUDSDESK_ADMIN_PASSWORD: _ignored, ...env } = process.env;
    const result = spawnSync(
      process.execPath,
      ['--import', path.join(root, 'tests/support/electron-stub-loader.mjs'), path.join(root, 'tests/support/main-smoke.mjs'), outPath('main/index.js')],
      { cwd: root, env: { ...env, OMBUDSDESK_DATA_DIR: dataDir }, encoding: 'utf8', timeout: 30_000 },
    );
    stderr = result.stderr;
    const last = result.stdout.trim().split('\n').at(-1) ?? '';
    if (result.status !== 0 || !last.startsWith('{')) throw new Error(`smoke driver failed (${result.status}):\n${result.stderr}\n${result.stdout}`);
    report = JSON.parse(last) as SmokeReport;
  });
  afterAll(removeTempDirs);

  it('loads all its imports (better-sqlite3, kysely, zod, ...) without errors or warnings', () => {
    expect(report.importError).toBeNull();
    expect(report.failures).toEqual([]);
    expect(stderr).toBe('');
    expect(report.calls.some((call) => call.name === 'app.exit' || call.name === 'dialog.showErrorBox')).toBe(false);
  });

  it('registers app:// as privileged and takes the single-instance lock before the app is ready', () => {
    const scheme = report.calls.find((call) => call.name === 'protocol.registerSchemesAsPrivileged');
    expect(scheme).toMatchObject({ ready: false, schemes: [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }] });
    expect(report.calls.find((call) => call.name === 'app.requestSingleInstanceLock')?.ready).toBe(false);
    expect(index('protocol.registerSchemesAsPrivileged')).toBeLessThan(index('app.whenReady'));
    expect(index('app.setPath'), 'userData follows OMBUDSDESK_DATA_DIR before ready').toBeLessThan(index('app.whenReady'));
  });

  it('on ready: denies permissions, serves app://, handles every channel, opens one hardened window', () => {
    for (const name of ['session.setPermissionRequestHandler', 'session.setPermissionCheckHandler', 'protocol.handle', 'new BrowserWindow']) {
      expect(report.calls.find((call) => call.name === name)?.ready, name).toBe(true);
    }
    expect(report.permissions).toEqual({ request: false, check: false, device: false });
    expect(report.ipcChannels).toEqual(channelNames.map((name) => IPC_PREFIX + name));
    expect(report.calls.filter((call) => call.name === 'new BrowserWindow')).toHaveLength(1);
    expect(report.window?.webPreferences).toEqual(hardenedWebPreferences(outPath('preload/index.cjs')));
    expect(report.window?.loadedUrl).toBe('app://ombudsdesk/index.html');
    expect(report.window?.hasWindowOpenHandler).toBe(true);
    expect(report.window?.navigationGuards).toEqual(expect.arrayContaining(['will-navigate', 'will-redirect', 'will-attach-webview']));
  });

  it('finds the built renderer from import.meta.url and serves it with the CSP; refuses traversal', () => {
    expect(report.page).toEqual({ status: 200, csp: CONTENT_SECURITY_POLICY, body: readOut('renderer/index.html') });
    expect(report.traversal?.status).toBe(404);
    expect(readFileSync(report.window!.webPreferences.preload, 'utf8')).toBe(readOut('preload/index.cjs'));
  });

  it('prints the first-run notice, whose password signs in through the sender-checked IPC', () => {
    expect(report.stdout.join('\n')).toMatch(/username: admin and password: \S+/);
    expect(report.calls.some((call) => call.name === 'dialog.showMessageBox')).toBe(true);
    expect(report.foreignCall).toEqual({ ok: false, error: { code: 'forbidden_sender' } });
    // The preload's one synchronous question: the channel names, only for the app's own top frame.
    // The workbench window gets every channel but the kiosk window's own.
    expect(report.channelList).toEqual({ trusted: channelNamesFor(false), foreign: [] });
    expect(report.login).toMatchObject({ ok: true, value: { username: 'admin' } });
    expect(report.signedIn).toMatchObject({ ok: true, value: { username: 'admin' } });
    expect(report.afterClose, 'closing the window signs its caller out').toEqual({ ok: true, value: null });
  });

  it('focuses the window for a second instance, quits when the windows are closed, closes the database on quit', () => {
    expect(report.focusedBySecondInstance).toBe(1);
    if (process.platform !== 'darwin') expect(report.quitCalls).toBe(1);
    // A cleanly closed SQLite database leaves no -wal/-shm files behind.
    expect(readdirSync(dataDir).filter((name) => name.startsWith('ombudsdesk.sqlite'))).toEqual(['ombudsdesk.sqlite']);
  });
});

