import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppPath } from '../../main/shell/app-path.ts';
import { hardenedWebPreferences, isAppUrl, isSafeExternalUrl } from '../../main/shell/hardening.ts';
import { isTrustedSender } from '../../main/shell/sender.ts';

const root = path.resolve('/opt/ombudsdesk/out/renderer');

describe('window hardening', () => {
  it('forces isolation, sandbox and no Node in every window', () => {
    expect(hardenedWebPreferences('/p/index.cjs')).toMatchObject({
      preload: '/p/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('opens only plain https links outside the app', () => {
    expect(isSafeExternalUrl('https://www.stadt.example/datenschutz')).toBe(true);
    for (const url of ['http://example.org', 'javascript:alert(1)', 'file:///etc/passwd', 'https://user:pw@example.org', 'app://ombudsdesk/index.html', 'not a url', 'smb://share/x']) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });

  it('lets windows show only the app (and the dev server when given)', () => {
    expect(isAppUrl('app://ombudsdesk/index.html')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('https://example.org')).toBe(false);
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });
});

describe('app:// protocol path resolution', () => {
  it('serves files inside the renderer folder, / as index.html', () => {
    expect(resolveAppPath(root, 'app://ombudsdesk/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://ombudsdesk/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://ombudsdesk/assets/index-abc.js?x=1')).toBe(path.join(root, 'assets/index-abc.js'));
    expect(resolveAppPath(root, 'app://ombudsdesk/assets/B%C3%BCro.png')).toBe(path.join(root, 'assets/Büro.png'));
  });

  it('refuses traversal, encoded separators, null bytes, other hosts and schemes', () => {
    for (const url of [
      'app://ombudsdesk/..%2f..%2fetc%2fpasswd',
      'app://ombudsdesk/..%5c..%5cwindows%5cwin.ini',
      'app://ombudsdesk/assets\\..\\..\\secret',
      'app://ombudsdesk/index.html%00.png',
      'app://other/index.html',
      'file:///etc/passwd',
      'https://ombudsdesk/index.html',
      'app://ombudsdesk/%E0%A4%A',
    ]) {
      expect(resolveAppPath(root, url), url).toBeNull();
    }
  });

  it('keeps dot segments, plain or encoded, inside the folder (the URL parser folds them before we see the path)', () => {
    for (const url of ['app://ombudsdesk/../../etc/passwd', 'app://ombudsdesk/%2e%2e/%2e%2e/etc/passwd', 'app://ombudsdesk/assets/%2E%2E/%2E%2E/secret']) {
      const resolved = resolveAppPath(root, url);
      expect(resolved === null || resolved.startsWith(root + path.sep), url).toBe(true);
    }
  });
});

describe('IPC sender check', () => {
  it('trusts only the top frame of the app page', () => {
    expect(isTrustedSender({ url: 'app://ombudsdesk/index.html', isTopFrame: true })).toBe(true);
    expect(isTrustedSender({ url: 'app://ombudsdesk/index.html', isTopFrame: false })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', isTopFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'http://localhost:5173/', isTopFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'http://localhost:5173/', isTopFrame: true }, 'http://localhost:5173')).toBe(true);
    expect(isTrustedSender(null)).toBe(false);
  });
});
