// The workbench window: hardened like every window, showing app://ombudsdesk/index.html (or the dev server).
import type { BrowserWindow } from 'electron';
import { APP_ORIGIN } from './csp.ts';
import { createHardenedWindow } from './window.ts';

export function openMainWindow(preloadPath: string, devServerUrl?: string): BrowserWindow {
  const window = createHardenedWindow({
    preload: preloadPath,
    devServerUrl,
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Ombudsdesk',
    backgroundColor: '#f6f7f9',
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}
