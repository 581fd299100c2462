// Electron entry: one instance, the app:// scheme, the data folder, the API, one hardened window.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, session, type BrowserWindow } from 'electron';
import { createDispatcher } from './api/dispatch.ts';
import { openAppContext, type AppContext } from './app-context.ts';
import { showFirstRunNotice } from './shell/first-run.ts';
import { setupIpc } from './shell/ipc.ts';
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

function showMainWindow(): void {
  if (!context) return;
  if (mainWindow && !mainWindow.isDestroyed()) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
    return;
  }
  mainWindow = openMainWindow(preloadPath, devServerUrl);
}

async function onReady(): Promise<void> {
  context = await openAppContext({ dataDir: app.getPath('userData') });
  setupPermissionDenial(session.defaultSession);
  setupAppProtocol(rendererRoot);
  setupSignOutOnClose(app, context);
  setupIpc(createDispatcher(context), context.events, devServerUrl);
  showMainWindow();
  if (mainWindow) showFirstRunNotice(mainWindow, context.firstRunNotice);
}

function onStartFailure(error: unknown): void {
  const message = `Ombudsdesk could not start: ${error instanceof Error ? error.message : String(error)}`;
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
