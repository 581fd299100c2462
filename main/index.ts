// Electron entry: one instance, the app:// scheme, the data folder, the API, one hardened window.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, session, type BrowserWindow } from 'electron';
import { createDispatcher } from './api/dispatch.ts';
import { openAppContext, type AppContext } from './app-context.ts';
import { electronSecretBox } from './shell/secrets.ts';
import { connectionFilePath, engineConfigFor, storeSeatPassword } from './services/connection-file.ts';
import { startMailPollTimer } from './jobs/mail-poll.ts';
import { readKioskConfig } from './services/kiosk-config.ts';
import { showFirstRunNotice } from './shell/first-run.ts';
import { setupIpc } from './shell/ipc.ts';
import { openKioskWindow } from './shell/kiosk-window.ts';
import { openMainWindow } from './shell/main-window.ts';
import { setupPermissionDenial } from './shell/permissions.ts';
import { registerAppScheme, setupAppProtocol } from './shell/protocol.ts';
import { setupSignOutOnClose } from './shell/sign-out.ts';

// ESM has no __dirname: the built layout is out/main/index.js beside out/preload/ and out/renderer/.
const here = path.dirname(fileURLToPath(import.meta.url));
const rendererRoot = path.join(here, '../renderer');
const preloadPath = path.join(here, '../preload/index.cjs');
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;

// A chosen data folder also holds Chromium's profile and the single-instance lock, so test runs never meet.
if (process.env.OMBUDSDESK_DATA_DIR) app.setPath('userData', path.resolve(process.env.OMBUDSDESK_DATA_DIR));
registerAppScheme();

let context: AppContext | null = null;
let mainWindow: BrowserWindow | null = null;
let kioskWindow: BrowserWindow | null = null;

function showMainWindow(): void {
  if (!context) return;
  // While the kiosk runs, a second start or the dock brings the kiosk forward, never the workbench.
  if (kioskWindow && !kioskWindow.isDestroyed()) {
    kioskWindow.focus();
    return;
  }
  if (mainWindow && !mainWindow.isDestroyed()) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
    return;
  }
  mainWindow = openMainWindow(preloadPath, devServerUrl);
}

function showKioskWindow(): void {
  if (!context || (kioskWindow && !kioskWindow.isDestroyed())) return;
  kioskWindow = openKioskWindow(preloadPath, context.kiosk, devServerUrl);
}

/** Opening the kiosk closes the workbench window (its session ends with it); leaving it brings the workbench back. */
function wireKiosk(app: AppContext): void {
  app.kiosk.onOpen = (callerId) => {
    app.sessions.delete(callerId);
    setImmediate(() => {
      const workbench = mainWindow;
      showKioskWindow();
      mainWindow = null;
      workbench?.destroy();
    });
    return null;
  };
  app.kiosk.onLeave = (callerId) => {
    app.kiosk.callers.delete(callerId);
    setImmediate(() => {
      const kiosk = kioskWindow;
      kioskWindow = null;
      showMainWindow();
      kiosk?.destroy();
    });
    return null;
  };
}

async function onReady(): Promise<void> {
  // The engine: this computer's connection file (services/connection-file.ts) names a PostgreSQL server, or SQLite in
  // the data folder (no file). A server that cannot be reached, or has a newer schema, stops the start with the reason.
  const dataDir = app.getPath('userData');
  const secrets = electronSecretBox();
  context = await openAppContext({
    dataDir,
    secrets,
    engine: engineConfigFor(dataDir, secrets),
    // At a seat with its user's own database login, their new password is the login's too: the next start uses it.
    onSeatPassword: (password) => storeSeatPassword(dataDir, password, secrets),
  });
  // The first-run choice of a shared server: start again, onto the server the connection file now names.
  context.restart = () => {
    app.relaunch();
    app.exit(0);
  };
  setupPermissionDenial(session.defaultSession);
  setupAppProtocol(rendererRoot);
  setupSignOutOnClose(app, context);
  wireKiosk(context);
  setupIpc(createDispatcher(context), context.events, context.kiosk, devServerUrl);
  // Polls the office mailbox on the settings' interval (off by default: interval 0); a poll already running is reused.
  startMailPollTimer({ services: context.services, jobs: context.jobs, secrets: context.secrets });
  // A computer set up as the foyer kiosk starts straight into it (not on the very first start: the admin must sign in).
  if (readKioskConfig(context.dataDir).startInKiosk && !context.firstRunNotice) showKioskWindow();
  else showMainWindow();
  if (mainWindow) showFirstRunNotice(mainWindow, context.firstRunNotice);
}

function onStartFailure(error: unknown): void {
  const message =
    `Ombudsdesk could not start: ${error instanceof Error ? error.message : String(error)}` +
    // Without a reachable server nothing in the window can help: say where this computer's choice is kept.
    `\n\nThis computer's database connection is kept in ${connectionFilePath(app.getPath('userData'))} (without it, Ombudsdesk starts on this computer's own database).`;
  console.error(message);
  dialog.showErrorBox('Ombudsdesk', message);
  app.exit(1);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', showMainWindow);
  // macOS keeps an app running without windows; the dock icon's activate brings the window back.
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', showMainWindow);
  app.on('will-quit', () => {
    void context?.close();
    context = null;
  });
  app.whenReady().then(onReady).catch(onStartFailure);
}
