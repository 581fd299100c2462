// Guards for what would only break on a user's machine (see ../shared/ELECTRON-NOTES.md); they read the build in out/.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../main/shell/csp.ts';
import { removeTempDirs, tempDir } from '../support/temp-app.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = (file: string) => path.join(root, 'out', file);
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

beforeAll(() => {
  if (!existsSync(out('main/index.js')) || !existsSync(out('preload/index.cjs')) || !existsSync(out('renderer/index.html'))) {
    throw new Error('out/ is missing: run `npm run build` first (npm test does).');
  }
});

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|mjs|js)$/.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

describe('preload (sandboxed: one CommonJS file)', () => {
  it('has no import/export statements and requires only what a sandboxed preload may', () => {
    const preload = readFileSync(out('preload/index.cjs'), 'utf8');
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
    expect(preload).not.toMatch(/\bimport\s*\(/);
    const required = [...preload.matchAll(/require\((['"])([^'"]+)\1\)/g)].map((m) => m[2]);
    expect(required.length).toBeGreaterThan(0);
    for (const name of required) expect(['electron', 'events', 'timers', 'url']).toContain(name);
    expect(readdirSync(out('preload'))).toEqual(['index.cjs']);
  });

  it('exposes every channel of the contract', () => {
    const preload = readFileSync(out('preload/index.cjs'), 'utf8');
    for (const channel of ['login', 'listCases', 'createCase', 'transitionCase']) expect(preload).toContain(`"${channel}"`);
    expect(preload).toContain('exposeInMainWorld("ombudsdesk"');
  });
});

describe('renderer build', () => {
  it('carries the strict CSP and loads only relative assets, no inline scripts', () => {
    const html = readFileSync(out('renderer/index.html'), 'utf8');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(csp).toBe(CONTENT_SECURITY_POLICY);
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url, url).toMatch(/^\.\/assets\//);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style/);
  });
});

describe('native module and packaging', () => {
  it('keeps better-sqlite3 external to the main bundle', () => {
    const main = readFileSync(out('main/index.js'), 'utf8');
    expect(main).toMatch(/^import BetterSqlite3.* from "better-sqlite3";$/m);
    expect(main).not.toContain('prepare(source)'); // no inlined copy of better-sqlite3's JavaScript
  });

  it('unpacks better-sqlite3 from the asar, never rebuilds native modules, and sets the fuses', () => {
    const yml = read('electron-builder.yml');
    expect(yml).toMatch(/asarUnpack:\s*\n\s*- "\*\*\/node_modules\/better-sqlite3\/\*\*"/);
    expect(yml).toMatch(/^npmRebuild: false$/m);
    for (const fuse of [
      'runAsNode: false',
      'enableNodeOptionsEnvironmentVariable: false',
      'enableNodeCliInspectArguments: false',
      'onlyLoadAppFromAsar: true',
      'enableEmbeddedAsarIntegrityValidation: true',
    ]) {
      expect(yml).toContain(`  ${fuse}`);
    }
  });
});

describe('main process source rules', () => {
  it('creates every BrowserWindow through the hardening helper', () => {
    const offenders = sourceFiles('main').filter((file) => /new BrowserWindow\(/.test(read(file)) && file !== path.join('main', 'shell', 'window.ts'));
    expect(offenders).toEqual([]);
    expect(read('main/shell/window.ts')).toContain('webPreferences: hardenedWebPreferences(preload)');
  });

  it('touches ipcMain only in main/shell/ipc.ts and ipcRenderer only in the preload', () => {
    const files = [...sourceFiles('main'), ...sourceFiles('renderer'), ...sourceFiles('preload')];
    const mentions = files.filter((file) => /\bipc(Main|Renderer)\b/.test(read(file)));
    expect(mentions.sort()).toEqual([path.join('main', 'shell', 'ipc.ts'), path.join('preload', 'index.ts')].sort());
  });

  it('the built main bundle loads its imports and registers the app:// scheme before the app is ready', () => {
    const dataDir = tempDir();
    const script = `
      await import(${JSON.stringify(out('main/index.js'))});
      console.log(JSON.stringify(globalThis.__electronStubCalls));`;
    const result = spawnSync(process.execPath, ['--import', path.join(root, 'tests/support/electron-stub-loader.mjs'), '--input-type=module', '-e', script], {
      env: { ...process.env, OMBUDSDESK_DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const calls = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { name: string; ready?: boolean; schemes?: { scheme: string; privileges: Record<string, boolean> }[] }[];
    const names = calls.map((call) => call.name);
    const scheme = calls.find((call) => call.name === 'protocol.registerSchemesAsPrivileged');
    expect(scheme?.ready).toBe(false);
    expect(scheme?.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(names.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(names.indexOf('app.whenReady'));
    expect(names).toContain('app.requestSingleInstanceLock');
    removeTempDirs();
  });
});
