// The window hardening helper: its pure rules, and what createHardenedWindow wires onto a (stubbed) BrowserWindow.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { isAppUrl } from '../../main/shell/hardening.ts';
import { createHardenedWindow, hardenedWebPreferences, isSafeExternalUrl } from '../../main/shell/window.ts';

type Listener = (...args: unknown[]) => unknown;

const electron = vi.hoisted(() => {
  const created: { options: Record<string, unknown>; listeners: Map<string, Listener>; openHandler?: Listener; menuRemoved?: boolean }[] = [];
  class BrowserWindow {
    removeMenu() {
      created.at(-1)!.menuRemoved = true;
    }
    webContents: { setWindowOpenHandler(handler: Listener): void; on(name: string, listener: Listener): void };
    constructor(options: Record<string, unknown>) {
      const record: (typeof created)[number] = { options, listeners: new Map() };
      created.push(record);
      this.webContents = {
        setWindowOpenHandler: (handler) => (record.openHandler = handler),
        on: (name, listener) => void record.listeners.set(name, listener),
      };
    }
  }
  return { created, BrowserWindow, shell: { openExternal: vi.fn(async () => undefined) } };
});
vi.mock('electron', () => ({ BrowserWindow: electron.BrowserWindow, shell: electron.shell }));

const HARDENED = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
};

describe('hardenedWebPreferences', () => {
  it('forces isolation, sandbox, no Node and no webview, with the given preload', () => {
    expect(hardenedWebPreferences('/app/out/preload/index.cjs')).toEqual({
      ...HARDENED,
      preload: '/app/out/preload/index.cjs',
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      devTools: true,
    });
  });

  it('lets a window choose only spell checking', () => {
    expect(hardenedWebPreferences('/p.cjs', { spellcheck: false })).toMatchObject({ ...HARDENED, spellcheck: false });
  });
});

describe('isSafeExternalUrl', () => {
  it('accepts plain https links', () => {
    expect(isSafeExternalUrl('https://www.stadt.example/datenschutz')).toBe(true);
    expect(isSafeExternalUrl('https://www.stadt.example:8443/a?b=c#d')).toBe(true);
  });

  it('refuses every other scheme, credentials and garbage', () => {
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'http://www.stadt.example/',
      'file:///etc/passwd',
      'file://server/share/x.exe',
      'https://user:pw@www.stadt.example/',
      'https://user@www.stadt.example/',
      'app://ombudsdesk/index.html',
      'smb://share/x',
      'data:text/html,<script>alert(1)</script>',
      'mailto:buergerbuero@stadt.example',
      'not a url',
      '',
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });
});

describe('isAppUrl', () => {
  it('allows only app://ombudsdesk, and the dev server when one is given', () => {
    expect(isAppUrl('app://ombudsdesk/index.html')).toBe(true);
    expect(isAppUrl('app://OMBUDSDESK/index.html#/cases')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('app://ombudsdesk.evil.example/index.html')).toBe(false);
    expect(isAppUrl('app://user@ombudsdesk/index.html')).toBe(false);
    expect(isAppUrl('https://example.org')).toBe(false);
    expect(isAppUrl('file:///opt/ombudsdesk/out/renderer/index.html')).toBe(false);
    expect(isAppUrl('http://localhost:5173/')).toBe(false);
    expect(isAppUrl('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });
});

describe('createHardenedWindow', () => {
  beforeEach(() => {
    electron.created.length = 0;
    electron.shell.openExternal.mockClear();
  });

  const open = (devServerUrl?: string) => {
    createHardenedWindow({ preload: '/app/preload.cjs', devServerUrl, width: 800, title: 'Test' });
    return electron.created.at(-1)!;
  };
  const event = (extra: Record<string, unknown> = {}) => ({ preventDefault: vi.fn(), ...extra });

  it('creates the window with the hardened preferences, whatever else the caller passes', () => {
    const sneaky = { preload: '/app/preload.cjs', width: 800, webPreferences: { nodeIntegration: true, sandbox: false } };
    createHardenedWindow(sneaky as Parameters<typeof createHardenedWindow>[0]);
    const { options } = electron.created.at(-1)!;
    expect(options.width).toBe(800);
    expect(options.webPreferences).toEqual(hardenedWebPreferences('/app/preload.cjs'));
    expect(options).not.toHaveProperty('preload');
  });

  it('opens the kiosk window with no dev tools and no menu, still hardened', () => {
    createHardenedWindow({ preload: '/app/preload.cjs', kiosk: true, fullscreen: true, devTools: false, menu: false, spellcheck: false });
    const record = electron.created.at(-1)!;
    expect(record.options).toMatchObject({ kiosk: true, fullscreen: true });
    expect(record.options.webPreferences).toMatchObject({ ...HARDENED, devTools: false, spellcheck: false });
    expect(record.menuRemoved).toBe(true);
    expect(record.listeners.has('will-navigate')).toBe(true);
  });

  it('denies every new window, handing only safe https links to the system browser', () => {
    const window = open();
    expect(window.openHandler!({ url: 'https://www.stadt.example/' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://www.stadt.example/');
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'app://ombudsdesk/index.html', 'https://u:p@x.example/']) {
      expect(window.openHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(electron.shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('keeps navigation and redirects inside the app', () => {
    const window = open();
    for (const name of ['will-navigate', 'will-redirect']) {
      const listener = window.listeners.get(name)!;
      const inside = event();
      listener(inside, 'app://ombudsdesk/index.html');
      expect(inside.preventDefault, name).not.toHaveBeenCalled();
      for (const url of ['https://evil.example/', 'file:///etc/passwd', 'http://localhost:5173/']) {
        const outside = event();
        listener(outside, url);
        expect(outside.preventDefault, `${name} ${url}`).toHaveBeenCalled();
      }
    }
  });

  it('allows the dev server only when it is given', () => {
    const listener = open('http://localhost:5173').listeners.get('will-navigate')!;
    const dev = event();
    listener(dev, 'http://localhost:5173/');
    expect(dev.preventDefault).not.toHaveBeenCalled();
  });

  it('refuses frames and webviews', () => {
    const window = open();
    const frame = event({ isMainFrame: false, url: 'app://ombudsdesk/index.html' });
    window.listeners.get('will-frame-navigate')!(frame);
    expect(frame.preventDefault).toHaveBeenCalled();
    const main = event({ isMainFrame: true, url: 'app://ombudsdesk/index.html' });
    window.listeners.get('will-frame-navigate')!(main);
    expect(main.preventDefault).not.toHaveBeenCalled();
    const webview = event();
    window.listeners.get('will-attach-webview')!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });
});
