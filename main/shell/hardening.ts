// The pure rules behind window hardening (no electron value import, so they are unit-tested in plain Node).
import type { WebPreferences } from 'electron';
import { APP_ORIGIN } from './csp.ts';

export interface WebPreferenceChoices {
  /** Spell checking of text fields (on for the workbench; a kiosk or print window may turn it off). */
  spellcheck?: boolean;
  /** Developer tools (off for the kiosk: nobody in the foyer may open them). */
  devTools?: boolean;
}

/** The only webPreferences any Ombudsdesk window gets: isolated, sandboxed, no Node, no webview. */
export function hardenedWebPreferences(preloadPath: string, choices: WebPreferenceChoices = {}): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: choices.spellcheck ?? true,
    devTools: choices.devTools ?? true,
  };
}

/** Only plain https links leave the app, to the system browser; never file:, javascript:, or URLs with credentials. */
export function isSafeExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && parsed.hostname !== '';
}

/** The only pages a window may show: the app itself (or the dev server while developing). */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username !== '' || parsed.password !== '') return false;
  // Node's URL gives custom schemes an opaque origin ("null") and keeps the host's case; Chromium treats app: as standard.
  if (`${parsed.protocol}//${parsed.host.toLowerCase()}` === APP_ORIGIN) return true;
  if (!devServerUrl) return false;
  try {
    return parsed.origin === new URL(devServerUrl).origin;
  } catch {
    return false;
  }
}
