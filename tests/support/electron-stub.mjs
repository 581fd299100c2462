// Stands in for the electron module when tests/static/main-smoke.test.ts imports the built main bundle in plain Node.
// It records what main does, before and after "ready", and keeps the handlers main registers so the driver can call them.
import { EventEmitter } from 'node:events';

export const stub = {
  ready: false,
  calls: [],
  windows: [],
  appListeners: new Map(),
  protocolHandlers: new Map(),
  ipcHandlers: new Map(),
  ipcListeners: new Map(),
  permissions: {},
  paths: new Map(),
};
const record = (name, extra = {}) => stub.calls.push({ name, ready: stub.ready, ...extra });

export const app = {
  isPackaged: false,
  requestSingleInstanceLock: () => (record('app.requestSingleInstanceLock'), true),
  setPath: (name, value) => (record('app.setPath', { args: [name, value] }), stub.paths.set(name, value)),
  getPath: (name) => stub.paths.get(name) ?? `/nonexistent/stub-${name}`,
  on: (event, listener) => {
    record('app.on', { args: [event] });
    stub.appListeners.set(event, [...(stub.appListeners.get(event) ?? []), listener]);
    return app;
  },
  emit: (event, ...args) => (stub.appListeners.get(event) ?? []).forEach((listener) => listener(...args)),
  quit: () => record('app.quit'),
  exit: (code) => record('app.exit', { args: [code] }),
  whenReady: () => {
    record('app.whenReady');
    return new Promise((resolve) =>
      setImmediate(() => {
        stub.ready = true;
        resolve();
      }),
    );
  },
};

export const protocol = {
  registerSchemesAsPrivileged: (schemes) => record('protocol.registerSchemesAsPrivileged', { schemes }),
  handle: (scheme, handler) => (record('protocol.handle', { args: [scheme] }), stub.protocolHandlers.set(scheme, handler)),
};

export const ipcMain = {
  handle: (channel, handler) => (record('ipcMain.handle', { args: [channel] }), stub.ipcHandlers.set(channel, handler)),
  on: (channel, listener) => (record('ipcMain.on', { args: [channel] }), stub.ipcListeners.set(channel, listener)),
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (handler) => (record('session.setPermissionRequestHandler'), (stub.permissions.request = handler)),
    setPermissionCheckHandler: (handler) => (record('session.setPermissionCheckHandler'), (stub.permissions.check = handler)),
    setDevicePermissionHandler: (handler) => (record('session.setDevicePermissionHandler'), (stub.permissions.device = handler)),
  },
};

export const dialog = {
  showMessageBox: async (_window, options) => (record('dialog.showMessageBox', { args: [options] }), { response: 0 }),
  showErrorBox: (title, message) => record('dialog.showErrorBox', { args: [title, message] }),
};

export const shell = { openExternal: async (url) => record('shell.openExternal', { args: [url] }) };

let nextId = 1;
export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    record('new BrowserWindow', { args: [options] });
    this.options = options;
    this.loadedUrl = null;
    this.focused = 0;
    this.webContents = Object.assign(new EventEmitter(), { id: nextId++, setWindowOpenHandler: (handler) => (this.windowOpenHandler = handler) });
    stub.windows.push(this);
  }
  loadURL(url) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {
    this.focused += 1;
  }
  show() {}
}

export default { app, protocol, ipcMain, session, dialog, shell, BrowserWindow };

// No keychain in the stub: the mail settings say passwords cannot be stored (main/services/secrets.ts).
export const safeStorage = {
  isEncryptionAvailable: () => false,
  getSelectedStorageBackend: () => 'basic_text',
  encryptString: () => {
    throw new Error('safeStorage unavailable in the stub');
  },
  decryptString: () => {
    throw new Error('safeStorage unavailable in the stub');
  },
};
