// Stands in for the electron module when the static smoke test imports the built main bundle in plain Node.
export const calls = [];
globalThis.__electronStubCalls = calls;
const record = (name) => (...args) => {
  calls.push({ name, args: JSON.parse(JSON.stringify(args, (_k, v) => (typeof v === 'function' ? '[fn]' : v))) });
};
let ready = false;
export const app = {
  isPackaged: false,
  requestSingleInstanceLock: () => (calls.push({ name: 'app.requestSingleInstanceLock', ready }), true),
  on: record('app.on'),
  quit: record('app.quit'),
  exit: record('app.exit'),
  getPath: () => process.env.OMBUDSDESK_DATA_DIR,
  whenReady: () => {
    calls.push({ name: 'app.whenReady', ready });
    return new Promise(() => {});
  },
};
export const protocol = {
  registerSchemesAsPrivileged: (schemes) => calls.push({ name: 'protocol.registerSchemesAsPrivileged', ready, schemes }),
  handle: record('protocol.handle'),
};
export const ipcMain = { handle: record('ipcMain.handle') };
export const session = { defaultSession: { setPermissionRequestHandler: record('setPermissionRequestHandler'), setPermissionCheckHandler: record('setPermissionCheckHandler') } };
export const dialog = { showMessageBox: record('dialog.showMessageBox'), showErrorBox: record('dialog.showErrorBox') };
export const shell = { openExternal: record('shell.openExternal') };
export class BrowserWindow {}
export default { app, protocol, ipcMain, session, dialog, shell, BrowserWindow };
