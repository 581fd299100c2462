// Imports the built main bundle with electron stubbed (run with --import ./electron-stub-loader.mjs), lets it get
// "ready", then drives what it registered and prints one JSON report line for tests/static/main-smoke.test.ts.
import { stub, app } from 'electron';

const [mainFile] = process.argv.slice(2);
const printed = [];
const log = console.log;
console.log = (...args) => printed.push(args.join(' '));

const failures = [];
process.on('unhandledRejection', (error) => failures.push(String(error?.stack ?? error)));

const report = { importError: null };
try {
  await import(mainFile);
} catch (error) {
  report.importError = String(error?.stack ?? error);
}

const until = async (condition, ms = 10_000) => {
  const start = Date.now();
  while (!condition() && Date.now() - start < ms) await new Promise((resolve) => setTimeout(resolve, 10));
};
await until(() => stub.windows.length > 0 || stub.calls.some((call) => call.name === 'app.exit'));

// Enough of a webContents for the IPC layer: it attaches the window to main's events on its first trusted call.
const contentsStub = (id) => ({ id, sent: [], send(...args) { this.sent.push(args); }, isDestroyed: () => false, once() {} });
const trusted = { sender: contentsStub(41), senderFrame: { url: 'app://ombudsdesk/index.html', parent: null } };
const foreign = { sender: contentsStub(42), senderFrame: { url: 'https://evil.example/', parent: null } };
const invoke = (channel, event, payload) => stub.ipcHandlers.get(`ombudsdesk:${channel}`)?.(event, payload);

const serve = async (url) => {
  const response = await stub.protocolHandlers.get('app')?.(new Request(url));
  return response && { status: response.status, csp: response.headers.get('content-security-policy'), body: await response.text() };
};

const window = stub.windows[0];
report.calls = stub.calls.map(({ name, ready, args, schemes }) => ({ name, ready, ...(schemes ? { schemes } : {}), ...(name === 'app.on' || name === 'ipcMain.handle' || name === 'protocol.handle' ? { args } : {}) }));
report.window = window && { webPreferences: window.options.webPreferences, loadedUrl: window.loadedUrl, hasWindowOpenHandler: !!window.windowOpenHandler, navigationGuards: window.webContents.eventNames() };
report.ipcChannels = [...stub.ipcHandlers.keys()];
report.page = await serve('app://ombudsdesk/index.html');
report.traversal = await serve('app://ombudsdesk/..%2fmain%2findex.js');
report.permissions = {
  request: await new Promise((resolve) => (stub.permissions.request ? stub.permissions.request(null, 'media', resolve, {}) : resolve('no handler'))),
  check: stub.permissions.check?.(null, 'clipboard-read', 'app://ombudsdesk', {}),
  device: stub.permissions.device?.({}),
};
report.stdout = printed;

const password = /password: (\S+)/.exec(printed.join('\n'))?.[1];
const listFor = (event) => {
  const reply = { ...event, returnValue: undefined };
  stub.ipcListeners.get('ombudsdesk-channels')?.(reply);
  return reply.returnValue;
};
report.channelList = { trusted: listFor(trusted), foreign: listFor(foreign) };
report.foreignCall = await invoke('appInfo', foreign, undefined);
report.login = await invoke('login', trusted, { username: 'admin', password });
report.signedIn = await invoke('currentUser', trusted, undefined);
// Closing the window's webContents signs its caller out.
const contents = { id: 41, once: (event, listener) => event === 'destroyed' && listener() };
app.emit('web-contents-created', {}, contents);
report.afterClose = await invoke('currentUser', trusted, undefined);

app.emit('second-instance');
report.focusedBySecondInstance = window?.focused ?? 0;
app.emit('window-all-closed');
app.emit('will-quit');
report.quitCalls = stub.calls.filter((call) => call.name === 'app.quit').length;
report.failures = failures;
log(JSON.stringify(report));
