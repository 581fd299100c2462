// The one way to open a window: every BrowserWindow in Ombudsdesk is created here, hardened the same way.
import { BrowserWindow, shell, type BrowserWindowConstructorOptions } from 'electron';
import { hardenedWebPreferences, isAppUrl, isSafeExternalUrl } from './hardening.ts';

export { hardenedWebPreferences, isSafeExternalUrl } from './hardening.ts';

export interface HardenedWindowOptions extends Omit<BrowserWindowConstructorOptions, 'webPreferences'> {
  /** Absolute path of the built CommonJS preload (out/preload/index.cjs). */
  preload: string;
  /** electron-vite's dev server while developing; never set in a packaged app. */
  devServerUrl?: string | undefined;
  spellcheck?: boolean;
  /** false: no developer tools, not even by shortcut (the kiosk). */
  devTools?: boolean;
  /** false: no menu bar, not even on Alt (the kiosk). */
  menu?: boolean;
}

export function createHardenedWindow({ preload, devServerUrl, spellcheck, devTools, menu, ...options }: HardenedWindowOptions): BrowserWindow {
  // webPreferences last, so nothing a caller passes can loosen them.
  const window = new BrowserWindow({ ...options, webPreferences: hardenedWebPreferences(preload, { spellcheck, devTools }) });
  if (menu === false) window.removeMenu();
  const contents = window.webContents;
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  const stayInApp = (event: Electron.Event, url: string) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  // No frames of any origin: the app never embeds one, so a frame can only be an attack.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame || !isAppUrl(event.url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  return window;
}
