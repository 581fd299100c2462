// Test transport: the real handlers and a real SQLite file behind loopback HTTP, instead of Electron's IPC.
// Serves the built renderer with the app's CSP and a /__transport.js that defines window.ombudsdesk.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventNames } from '../../main/api/channels.ts';
import { channelNamesFor } from '../../main/api/registry.ts';
import { createDispatcher } from '../../main/api/dispatch.ts';
import { openAppContext, type AppContext } from '../../main/app-context.ts';
import type { EngineConfig, PostgresConnection } from '../../main/db/open.ts';
import { engineConfigFor } from '../../main/services/connection-file.ts';
import { generateDemoData } from '../../main/demo/demo-data.ts';
import { contentTypeOf } from '../../main/shell/app-path.ts';
import { CONTENT_SECURITY_POLICY } from '../../main/shell/csp.ts';

const root = fileURLToPath(new URL('../../out/renderer/', import.meta.url));
const dataDir = process.env.OMBUDSDESK_DATA_DIR;
if (!dataDir) throw new Error('OMBUDSDESK_DATA_DIR must be set');
// Files for imports arrive as base64 in one call (a 3.9 MB CSV export is 5.2 MB), as through Electron's IPC.
const MAX_BODY = 80 * 1024 * 1024;

// Tests may start the office clock at a fixed time and move it on (only this test transport can; the app has no such hook).
let clockOffsetMs = process.env.OMBUDSDESK_TEST_NOW ? new Date(process.env.OMBUDSDESK_TEST_NOW).getTime() - Date.now() : 0;
// A seat of a PostgreSQL database that several transport servers share (tests/e2e/live-refresh.spec.ts); SQLite otherwise.
const pgConnection = process.env.OMBUDSDESK_TEST_PG_CONNECTION ? (JSON.parse(process.env.OMBUDSDESK_TEST_PG_CONNECTION) as PostgresConnection) : null;
/** Opens the app (SQLite in the data folder, or the PostgreSQL seat above; after a restart, what connection.json names). */
async function open(engine?: EngineConfig): Promise<AppContext> {
  const opened = await openAppContext({
    dataDir: dataDir!,
    adminPassword: process.env.OMBUDSDESK_ADMIN_PASSWORD,
    now: () => new Date(Date.now() + clockOffsetMs),
    ...(engine ? { engine } : pgConnection ? { engine: { kind: 'postgres', connection: pgConnection } as const } : {}),
  });
  opened.restart = () => void restart();
  return opened;
}
let app = await open();
let dispatch = createDispatcher(app);
// The app's restart (Electron relaunches, main/index.ts): here the context is closed and opened again on the engine the
// connection file now names (the first-run choice of a server). Calls meanwhile wait for the new one.
let ready: Promise<void> = Promise.resolve();
function restart(): void {
  ready = (async () => {
    const before = app;
    await before.close();
    app = await open(engineConfigFor(dataDir!, before.secrets));
    dispatch = createDispatcher(app);
    console.error(`transport: restarted onto ${app.engine.kind}`);
  })();
}
if (process.env.OMBUDSDESK_TEST_DEMO_CASES) {
  const started = performance.now();
  await generateDemoData(app.services, { cases: Number(process.env.OMBUDSDESK_TEST_DEMO_CASES), seed: 11, until: app.services.now() });
  console.error(`transport: ${process.env.OMBUDSDESK_TEST_DEMO_CASES} demo cases in ${Math.round(performance.now() - started)} ms`);
}

// Each page gets its own caller id that survives a reload, as each Electron window keeps its webContents id. The kiosk
// page (/kiosk, shown as /kiosk#kiosk, as Electron's kiosk window loads index.html#kiosk) gets a caller id made and
// registered as a kiosk caller here, before its page runs, and only the kiosk channels, as the preload in a kiosk window.
const transportScript = (kioskSession: string | null) => `(() => {
  const kioskSession = ${JSON.stringify(kioskSession)};
  const session = kioskSession ?? sessionStorage.getItem('ombudsdesk.transport') ?? crypto.randomUUID();
  if (!kioskSession) sessionStorage.setItem('ombudsdesk.transport', session);
  const call = (channel) => async (input) => {
    const response = await fetch('./api/' + channel, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-ombudsdesk-session': session },
      body: JSON.stringify(input === undefined ? null : input),
    });
    return response.json();
  };
  const api = {};
  for (const channel of kioskSession ? ${JSON.stringify(channelNamesFor(true))} : ${JSON.stringify(channelNamesFor(false))}) api[channel] = call(channel);
  Object.defineProperty(window, 'ombudsdesk', { value: Object.freeze(api), writable: false });
  // Events from main over server-sent events, as the preload carries them over IPC.
  let source = null;
  const events = {
    on(name, listener) {
      if (!${JSON.stringify(eventNames)}.includes(name)) throw new TypeError('unknown event');
      source ??= new EventSource('./__events?session=' + encodeURIComponent(session));
      const handler = (event) => listener(JSON.parse(event.data));
      source.addEventListener(name, handler);
      return () => source.removeEventListener(name, handler);
    },
  };
  Object.defineProperty(window, 'ombudsdeskEvents', { value: Object.freeze(events), writable: false });
})();`;

async function body(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
}

const server = createServer(async (request, response) => {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const headers = { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };
  try {
    if (request.method === 'POST' && url.pathname.startsWith('/api/')) {
      const channel = decodeURIComponent(url.pathname.slice('/api/'.length));
      const session = String(request.headers['x-ombudsdesk-session'] ?? 'anonymous');
      const input = await body(request);
      await ready;
      const result = await dispatch(session, channel, input);
      response.writeHead(200, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(result));
      return;
    }
    if (request.method === 'GET' && url.pathname === '/__events') {
      await ready;
      const session = url.searchParams.get('session') ?? 'anonymous';
      response.writeHead(200, { ...headers, 'content-type': 'text/event-stream', connection: 'keep-alive' });
      response.write(': connected\n\n');
      const detach = app.events.attach(session, (name, payload) => response.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`));
      request.on('close', detach);
      return;
    }
    if (request.method === 'POST' && url.pathname === '/__test/advance-days') {
      clockOffsetMs += Number(url.searchParams.get('days') ?? 0) * 86_400_000;
      response.writeHead(200, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify({ now: new Date(Date.now() + clockOffsetMs).toISOString() }));
      return;
    }
    if (url.pathname === '/__transport.js') {
      let kioskSession: string | null = null;
      if (url.searchParams.get('kiosk') === '1') {
        kioskSession = `kiosk-${randomUUID()}`;
        app.kiosk.callers.add(kioskSession);
      }
      response.writeHead(200, { ...headers, 'content-type': 'text/javascript' }).end(transportScript(kioskSession));
      return;
    }
    const kioskPage = url.pathname === '/kiosk';
    const relative = url.pathname === '/' || kioskPage ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const file = path.resolve(root, relative);
    if (!file.startsWith(root)) {
      response.writeHead(404).end();
      return;
    }
    let content: Buffer | string = await readFile(file);
    if (relative === 'index.html') {
      // The transport script must run before the app bundle; it is external, so the CSP still forbids inline code.
      content = content.toString('utf8').replace('<head>', `<head>\n    <script src="./__transport.js${kioskPage ? '?kiosk=1' : ''}"></script>`);
    }
    response.writeHead(200, { ...headers, 'content-type': contentTypeOf(file) }).end(content);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    response.writeHead(missing ? 404 : 400, headers).end();
  }
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`LISTENING ${typeof address === 'object' && address ? address.port : ''}`);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
  });
}
