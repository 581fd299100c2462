// Rules read from the sources: one hardening helper for every window (ELECTRON-NOTES 8), raw IPC in exactly two files,
// external links only through the helper's check, and no safeStorage use without its availability check (NOTES 7).
import { describe, expect, it } from 'vitest';
import { readSource, sourceFiles } from './build-output.ts';
import { CASE_CHANNELS, CASE_KINDS, CASE_OUTCOMES, CASE_STATUSES, IMPROVEMENT_STATUSES, PRIORITIES, ROLES } from '../../main/vocabulary/index.ts';

const WINDOW_HELPER = 'main/shell/window.ts';
// Everything that ships or runs the app; tests are left out (they stub electron and name what they guard).
const APP_SOURCES = () => ['main', 'preload', 'renderer', 'scripts', 'bench'].flatMap((dir) => sourceFiles(dir));
const withoutComments = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

describe('windows', () => {
  it('creates every BrowserWindow (and any other web contents host) in the hardening helper only', () => {
    const creates = /\bnew\s+(?:[\w$]+\.)?(BrowserWindow|BrowserView|WebContentsView|WebContents)\s*\(/;
    const offenders = sourceFiles('main').filter((file) => file !== WINDOW_HELPER && creates.test(withoutComments(readSource(file))));
    expect(offenders, `create windows with createHardenedWindow() from ${WINDOW_HELPER}`).toEqual([]);
  });

  it('imports the BrowserWindow class as a value only in the helper (elsewhere only as a type)', () => {
    const valueImports = (code: string) =>
      [...code.matchAll(/import\s*\{([^}]*)\}\s*from\s*['"]electron(?:\/main)?['"]/g)]
        .filter((match) => !/^\s*import\s+type\b/.test(match[0]))
        .flatMap((match) => match[1]!.split(','))
        .map((specifier) => specifier.trim())
        .filter((specifier) => /^(BrowserWindow|BrowserView|WebContentsView)\b/.test(specifier));
    const offenders = sourceFiles('main').filter((file) => file !== WINDOW_HELPER && valueImports(readSource(file)).length > 0);
    expect(offenders).toEqual([]);
  });

  it('the helper constructs exactly one BrowserWindow, with the hardened preferences', () => {
    const helper = withoutComments(readSource(WINDOW_HELPER));
    expect(helper.match(/\bnew\s+BrowserWindow\s*\(/g)).toHaveLength(1);
    expect(helper).toMatch(/new BrowserWindow\(\{\s*\.\.\.options,\s*webPreferences:\s*hardenedWebPreferences\(/);
  });

  it('opens external links only from the helper, after isSafeExternalUrl', () => {
    const offenders = APP_SOURCES().filter((file) => file !== WINDOW_HELPER && /\bopenExternal\s*\(/.test(withoutComments(readSource(file))));
    expect(offenders).toEqual([]);
    expect(readSource(WINDOW_HELPER)).toMatch(/if \(isSafeExternalUrl\(url\)\) void shell\.openExternal\(url\)/);
  });
});

describe('IPC', () => {
  it('mentions ipcMain only in main/shell/ipc.ts and ipcRenderer only in preload/index.ts', () => {
    const mentions = (name: string) => APP_SOURCES().filter((file) => new RegExp(`\\b${name}\\b`).test(readSource(file)));
    expect(mentions('ipcMain')).toEqual(['main/shell/ipc.ts']);
    expect(mentions('ipcRenderer')).toEqual(['preload/index.ts']);
  });
});

describe('safeStorage', () => {
  it('is never used without checking isEncryptionAvailable(), and never falls back to plain text', () => {
    for (const file of APP_SOURCES()) {
      const code = withoutComments(readSource(file));
      if (/\bsafeStorage\.(encryptString|decryptString)\b/.test(code)) {
        expect(code, `${file} must check safeStorage.isEncryptionAvailable() and tell the user`).toMatch(/\bsafeStorage\.isEncryptionAvailable\(\)/);
      }
      expect(code, file).not.toMatch(/setUsePlainTextEncryption\s*\(\s*true/);
    }
  });
});

describe('a fresh clone', () => {
  it('reads no file from outside the repository (sample data is copied into tests/fixtures with its source)', () => {
    const outside = /\.\.\/\.\.\/\.\.\/shared|\.\.\/shared\/|['"`]\/work\/shared/;
    const files = ['tests', 'bench', 'scripts', 'main'].flatMap((dir) => sourceFiles(dir)).filter((file) => file !== 'tests/static/source-rules.test.ts');
    const offenders = files.filter((file) => outside.test(withoutComments(readSource(file))));
    expect(files.length).toBeGreaterThan(50);
    expect(offenders).toEqual([]);
  });
});

describe('one shared vocabulary', () => {
  // Closed lists of the domain are defined once, in main/vocabulary; the renderer imports them (as values) instead of
  // keeping copies that drift: there, a literal list of three or more of one vocabulary's values is a copy; in main, a
  // literal list of all of them.
  const lists: Record<string, readonly string[]> = {
    kinds: CASE_KINDS,
    channels: CASE_CHANNELS,
    statuses: CASE_STATUSES,
    priorities: PRIORITIES,
    roles: ROLES,
    'improvement statuses': IMPROVEMENT_STATUSES,
    outcomes: CASE_OUTCOMES,
  };
  it('has no copy of a vocabulary list in the renderer or in main outside main/vocabulary', () => {
    const copies: string[] = [];
    for (const file of [...sourceFiles('renderer'), ...sourceFiles('main')]) {
      if (file.startsWith('main/vocabulary/') || file.startsWith('main/db/migrations/')) continue;
      const code = withoutComments(readSource(file));
      for (const literal of code.match(/\[\s*'[a-z_]+'(?:\s*,\s*'[a-z_]+')+\s*,?\s*\]/g) ?? []) {
        const values = [...literal.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!);
        for (const [name, list] of Object.entries(lists)) {
          if (!values.every((value) => list.includes(value))) continue;
          // main's rules name subsets (which status may follow which); the renderer uses the vocabulary's predicates.
          const copy = file.startsWith('renderer/') ? values.length >= 3 : values.length === list.length;
          if (copy) copies.push(`${file}: ${literal} (${name})`);
        }
      }
    }
    expect(copies).toEqual([]);
  });
});

describe('the API by area', () => {
  it('keeps each area to itself: an area imports no other area (only the shared after-write helper); services, domain, db, jobs and their types import nothing from api/, not even types', () => {
    const found: string[] = [];
    for (const file of sourceFiles('main/api/areas')) {
      for (const [, target] of readSource(file).matchAll(/from '\.\/([\w-]+)\.ts'/g)) if (target !== 'after-write') found.push(`${file} imports area ${target}`);
    }
    // Output types and error codes live with what produces them (main/types/<area>.ts, main/services/errors.ts); the
    // API gathers them for the renderer, never the other way round. Any import or export from an api/ folder counts,
    // type-only, dynamic (import('…/api/…')) and re-exports included.
    const lower = ['main/services', 'main/domain', 'main/db', 'main/jobs', 'main/types', 'main/demo', 'main/vocabulary'];
    for (const file of lower.flatMap((dir) => sourceFiles(dir))) {
      for (const [statement] of withoutComments(readSource(file)).matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"][^'"]*\/api\/[^'"]*['"]/g)) {
        found.push(`${file}: ${statement}`);
      }
    }
    expect(found).toEqual([]);
  });
});
