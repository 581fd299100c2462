// Electron entry: one instance, the app:// scheme, the data folder, the API, one hardened window.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, session, type BrowserWindow } from 'electron';
import { openAppContext, type AppContext } from './app-context.ts';
import { createDispatcher } from './api/dispatch.ts';
import { setupIpc } from './shell/ipc.ts';
import { registerAppScheme, setupAppProtocol } from './shell/protocol.ts';
import { APP_ORIGIN } from './shell/csp.ts';
import { createHardenedWindow } from './shell/window.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererRoot = path.join(here, '../renderer');
const preloadPath = path.join(here, '../preload/index.cjs');
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;

registerAppScheme();

let context: AppContext | null = null;
let mainWindow: BrowserWindow | null = null;

function setupPermissions(): void {
  // Ombudsdesk needs no camera, microphone, notifications or geolocation: refuse every request and check.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

function setupSessionsEndWithWindows(app: Electron.App, ctx: AppContext): void {
  app.on('web-contents-created', (_event, contents) => {
    const callerId = String(contents.id);
    contents.once('destroyed', () => ctx.sessions.delete(callerId));
  });
}

function openMainWindow(): BrowserWindow {
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

async function onReady(): Promise<void> {
  const dataDir = process.env.OMBUDSDESK_DATA_DIR ? path.resolve(process.env.OMBUDSDESK_DATA_DIR) : app.getPath('userData');
  context = openAppContext({ dataDir });
  setupPermissions();
  setupAppProtocol(rendererRoot);
  setupSessionsEndWithWindows(app, context);
  setupIpc(createDispatcher(context), devServerUrl);
  mainWindow = openMainWindow();
  if (context.firstRunNotice) {
    console.log(context.firstRunNotice);
    void dialog.showMessageBox(mainWindow, { type: 'info', title: 'Ombudsdesk', message: context.firstRunNotice });
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (context && !mainWindow?.isDestroyed()) return;
    if (context) mainWindow = openMainWindow();
  });
  app.on('will-quit', () => context?.close());
  app.whenReady().then(onReady, (error: unknown) => {
    dialog.showErrorBox('Ombudsdesk', `Ombudsdesk could not start: ${error instanceof Error ? error.message : String(error)}`);
    app.exit(1);
  });
}
