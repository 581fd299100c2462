// The one way to open a window: every BrowserWindow in Ombudsdesk is created here, hardened the same way.
import { BrowserWindow, shell, type BrowserWindowConstructorOptions } from 'electron';
import { hardenedWebPreferences, isAppUrl, isSafeExternalUrl } from './hardening.ts';

export interface HardenedWindowOptions extends Omit<BrowserWindowConstructorOptions, 'webPreferences'> {
  preload: string;
  devServerUrl?: string | undefined;
}

export function createHardenedWindow({ preload, devServerUrl, ...options }: HardenedWindowOptions): BrowserWindow {
  const window = new BrowserWindow({ ...options, webPreferences: hardenedWebPreferences(preload) });
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
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame || !isAppUrl(event.url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  return window;
}
