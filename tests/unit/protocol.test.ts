// app://ombudsdesk/: the path guard (pure) and the handler that serves the built renderer with the CSP.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../main/shell/csp.ts';
import { registerAppScheme, resolveAppPath, setupAppProtocol } from '../../main/shell/protocol.ts';

const electron = vi.hoisted(() => ({
  handlers: new Map<string, (request: { url: string }) => Promise<Response>>(),
  privileged: [] as unknown[],
}));
vi.mock('electron', () => ({
  protocol: {
    handle: (scheme: string, handler: (request: { url: string }) => Promise<Response>) => electron.handlers.set(scheme, handler),
    registerSchemesAsPrivileged: (schemes: unknown[]) => electron.privileged.push(...schemes),
  },
}));

const root = path.resolve('/opt/ombudsdesk/out/renderer');

describe('resolveAppPath', () => {
  it('serves files inside the renderer folder, / as index.html', () => {
    expect(resolveAppPath(root, 'app://ombudsdesk/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://ombudsdesk')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://ombudsdesk/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://ombudsdesk/assets/index-abc.js')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveAppPath(root, 'app://ombudsdesk/assets/index-abc.js?v=1#x')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveAppPath(root, 'app://ombudsdesk/assets/B%C3%BCro%20plan.png')).toBe(path.join(root, 'assets', 'Büro plan.png'));
    expect(resolveAppPath(root + path.sep, 'app://ombudsdesk/index.html')).toBe(path.join(root, 'index.html'));
  });

  it('refuses dot segments, plain or encoded', () => {
    for (const url of [
      'app://ombudsdesk/../../etc/passwd',
      'app://ombudsdesk/assets/../../secret',
      'app://ombudsdesk/./index.html',
      'app://ombudsdesk/..',
      'app://ombudsdesk/%2e%2e/%2e%2e/etc/passwd',
      'app://ombudsdesk/%2E%2E/secret',
      'app://ombudsdesk/.%2e/secret',
      'app://ombudsdesk/%252e%252e/secret',
    ]) {
      expect(resolveAppPath(root, url), url).toBeNull();
    }
  });

  it('refuses encoded separators, backslashes, absolute paths and null bytes', () => {
    for (const url of [
      'app://ombudsdesk/..%2f..%2fetc%2fpasswd',
      'app://ombudsdesk/assets%2F..%2F..%2Fsecret',
      'app://ombudsdesk/..%5c..%5cwindows%5cwin.ini',
      'app://ombudsdesk/assets\\..\\..\\secret',
      'app://ombudsdesk/assets\\index.js',
      'app://ombudsdesk//etc/passwd',
      'app://ombudsdesk/C:/Windows/win.ini',
      'app://ombudsdesk/C%3A%5CWindows%5Cwin.ini',
      'app://ombudsdesk/index.html::$DATA',
      'app://ombudsdesk/index.html%00.png',
      'app://ombudsdesk/index.html\0.png',
      'app://ombudsdesk/%E0%A4%A',
    ]) {
      expect(resolveAppPath(root, url), url).toBeNull();
    }
  });

  it('refuses other hosts, ports, credentials and schemes', () => {
    for (const url of [
      'app://other/index.html',
      'app://ombudsdesk.evil.example/index.html',
      'app://ombudsdesk:8080/index.html',
      'app://user@ombudsdesk/index.html',
      'app:///etc/passwd',
      'app:/etc/passwd',
      'file:///etc/passwd',
      'https://ombudsdesk/index.html',
      '/etc/passwd',
      'C:\\Windows\\win.ini',
      '',
    ]) {
      expect(resolveAppPath(root, url), url).toBeNull();
    }
  });
});

describe('the app:// protocol handler', () => {
  let base: string;
  let renderer: string;
  let serve: (url: string) => Promise<Response>;

  beforeAll(() => {
    base = mkdtempSync(path.join(tmpdir(), 'ombudsdesk-protocol-'));
    renderer = path.join(base, 'renderer');
    mkdirSync(path.join(renderer, 'assets'), { recursive: true });
    writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(path.join(renderer, 'assets', 'index-abc.js'), 'console.log(1);');
    writeFileSync(path.join(base, 'ombudsdesk.sqlite'), 'secret');
    setupAppProtocol(renderer);
    const handler = electron.handlers.get('app')!;
    serve = (url) => handler({ url });
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('registers app as a standard, secure, fetch-capable scheme', () => {
    registerAppScheme();
    expect(electron.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('serves the page and its assets with their type and the strict CSP', async () => {
    const page = await serve('app://ombudsdesk/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<div id="root">');
    const script = await serve('app://ombudsdesk/assets/index-abc.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await (await serve('app://ombudsdesk/')).text()).toContain('<div id="root">');
  });

  it('answers 404 for missing files, folders and anything outside the renderer folder', async () => {
    for (const url of ['app://ombudsdesk/missing.js', 'app://ombudsdesk/assets/', 'app://ombudsdesk/../ombudsdesk.sqlite', 'app://ombudsdesk/%2e%2e/ombudsdesk.sqlite', 'app://other/index.html']) {
      const response = await serve(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('secret');
    }
  });
});
