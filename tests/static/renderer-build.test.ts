// ELECTRON-NOTES 2: the page is served from app://ombudsdesk/ under a strict CSP, so the built index.html must carry
// that CSP, load its assets by relative URL (Vite base './'), and contain nothing inline the CSP would block.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../main/shell/csp.ts';
import { outPath, readOut, readSource, requireBuild } from './build-output.ts';

const cspOf = (html: string) => /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)?.[1];

describe('built renderer (out/renderer)', () => {
  let html: string;
  let assets: string[];
  beforeAll(() => {
    requireBuild();
    html = readOut('renderer/index.html');
    assets = readdirSync(outPath('renderer/assets'));
  });

  it('carries the strict CSP, the same one the app:// protocol sends', () => {
    expect(cspOf(html)).toBe(CONTENT_SECURITY_POLICY);
    expect(cspOf(readSource('renderer/index.html'))).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('loads only relative ./assets/ URLs that exist in the build', () => {
    const urls = [...html.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/gi)].map((match) => match[1]!);
    expect(urls.some((url) => url.endsWith('.js'))).toBe(true);
    for (const url of urls) {
      expect(url, url).toMatch(/^\.\/assets\/[\w.-]+$/);
      expect(existsSync(outPath(path.join('renderer', url))), `${url} exists`).toBe(true);
    }
  });

  it('has no inline scripts, styles or event handlers', () => {
    for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) expect(tag, 'inline <script>').toMatch(/\bsrc=/);
    expect(html).not.toMatch(/<script\b[^>]*>[^<\s]/i);
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle\s*=/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
  });

  it('loads each screen beyond sign-in and the inbox as its own chunk, only when it is opened', () => {
    // What the first page loads: the entry script and the chunks it preloads (all named in index.html).
    const initial = [...html.matchAll(/\b(?:src|href)\s*=\s*["']\.\/assets\/([\w.-]+\.js)["']/gi)].map((match) => match[1]!);
    const initialCode = initial.map((file) => readOut(`renderer/assets/${file}`)).join('\n');
    // Code that only these screens have (a class name, an element id or a translation key each renders).
    const screens = { CaseView: 'case-side', SettingsView: 'settings-title', PrizeDrawView: 'draw.prepareButton', ImprovementView: 'improvement.markDone', ImprovementsView: 'improvements.yearDone' };
    for (const [screen, marker] of Object.entries(screens)) {
      const chunk = assets.find((name) => name.startsWith(`${screen}-`) && name.endsWith('.js'));
      expect(chunk, `${screen} has its own chunk`).toBeDefined();
      expect(readOut(`renderer/assets/${chunk}`), `${screen}'s chunk holds its code`).toContain(marker);
      expect(initialCode, `sign-in and the inbox load none of ${screen}`).not.toContain(marker);
    }
    // The inbox itself is in the first load.
    expect(initialCode).toContain('table-wrap');
  });

  it('is minified, with the libraries of the first page in chunks of their own', () => {
    const initial = [...html.matchAll(/\b(?:src|href)\s*=\s*["']\.\/assets\/([\w.-]+\.js)["']/gi)].map((match) => match[1]!);
    // electron-vite does not minify the renderer unless told (it was 850 kB of readable source before the first row).
    for (const file of assets.filter((name) => name.endsWith('.js'))) {
      const code = readOut(`renderer/assets/${file}`);
      const lines = code.split('\n').length;
      // Readable source runs about 40 characters a line; minified code is a handful of very long lines.
      expect(lines, `${file} is minified (${code.length} characters on ${lines} lines)`).toBeLessThanOrEqual(Math.ceil(code.length / 400) + 2);
    }
    expect(initial.some((file) => file.startsWith('react-')), 'React in its own chunk, preloaded').toBe(true);
    expect(initial.some((file) => file.startsWith('libs-')), 'i18next and TanStack in their own chunk, preloaded').toBe(true);
    const entry = /<script\b[^>]*\bsrc=["']\.\/assets\/([\w.-]+\.js)["']/i.exec(html)![1]!;
    expect(readOut(`renderer/assets/${entry}`).length, 'the entry holds the app, not the libraries').toBeLessThan(300_000);
  });

  it('bundles nothing the CSP would block at run time (eval, remote or data: fonts, absolute CSS URLs)', () => {
    for (const file of assets.filter((name) => name.endsWith('.js'))) {
      const code = readOut(`renderer/assets/${file}`);
      expect(code, `${file}: eval() needs 'unsafe-eval'`).not.toMatch(/(?<![\w$.])eval\s*\(/);
      expect(code, `${file}: new Function() needs 'unsafe-eval'`).not.toMatch(/\bnew\s+Function\s*\(/);
    }
    for (const file of assets.filter((name) => name.endsWith('.css'))) {
      for (const [, url] of readOut(`renderer/assets/${file}`).matchAll(/url\(\s*["']?([^"')]+)/g)) {
        expect(url, `${file}: ${url}`).not.toMatch(/^(\/|https?:|\/\/|data:font|data:application)/);
      }
    }
  });
});
