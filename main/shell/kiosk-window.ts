// The foyer kiosk: a full-screen Electron kiosk window from the same hardening helper as the workbench (no navigation
// out of the app, no new windows, no frames), with no menu, no developer tools and no spell checking, showing the app's
// #kiosk screen. Its caller id is registered as a kiosk caller before the page loads, so its preload is only ever given
// the kiosk channels and main refuses it everything else. It does not close on a user's request (Alt+F4, the window
// manager): only leaveKiosk, with a staff login, destroys it.
import type { BrowserWindow } from 'electron';
import type { KioskControl } from '../api/kiosk.ts';
import { APP_ORIGIN } from './csp.ts';
import { createHardenedWindow } from './window.ts';

export function openKioskWindow(preloadPath: string, kiosk: KioskControl, devServerUrl?: string): BrowserWindow {
  const window = createHardenedWindow({
    preload: preloadPath,
    devServerUrl,
    kiosk: true,
    fullscreen: true,
    closable: false,
    minimizable: false,
    show: false,
    title: 'Ombudsdesk',
    backgroundColor: '#f6f7f9',
    spellcheck: false,
    devTools: false,
    menu: false,
  });
  const callerId = String(window.webContents.id);
  kiosk.callers.add(callerId);
  window.on('close', (event) => event.preventDefault());
  window.once('closed', () => kiosk.callers.delete(callerId));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${devServerUrl ?? `${APP_ORIGIN}/index.html`}#kiosk`);
  return window;
}
