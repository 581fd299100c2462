// Which frames may call the API, and that the IPC wrapper checks the sender before anything is dispatched.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNEL_LIST, IPC_EVENT, IPC_PREFIX } from '../../main/api/channels.ts';
import { channelNames, channelNamesFor } from '../../main/api/registry.ts';
import { createKioskControl } from '../../main/api/kiosk.ts';
import { createEventHub } from '../../main/api/events.ts';
import { setupIpc } from '../../main/shell/ipc.ts';
import { isTrustedSender, isTrustedSenderUrl } from '../../main/shell/sender.ts';

type Handler = (event: unknown, payload: unknown) => unknown;
const electron = vi.hoisted(() => ({ handlers: new Map<string, Handler>(), listeners: new Map<string, Handler>() }));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handler) => electron.handlers.set(channel, handler),
    on: (channel: string, listener: Handler) => electron.listeners.set(channel, listener),
  },
}));

describe('isTrustedSenderUrl', () => {
  it('trusts the app origin only', () => {
    expect(isTrustedSenderUrl('app://ombudsdesk/index.html')).toBe(true);
    expect(isTrustedSenderUrl('app://ombudsdesk/')).toBe(true);
    for (const url of ['app://other/index.html', 'https://evil.example/', 'file:///opt/ombudsdesk/index.html', 'about:blank', 'devtools://devtools/', 'http://localhost:5173/', '']) {
      expect(isTrustedSenderUrl(url), url).toBe(false);
    }
  });

  it('trusts the dev server only when one is given', () => {
    expect(isTrustedSenderUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isTrustedSenderUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isTrustedSenderUrl('http://127.0.0.1:5173/', 'http://localhost:5173')).toBe(false);
    expect(isTrustedSenderUrl('app://ombudsdesk/index.html', 'http://localhost:5173')).toBe(true);
  });
});

describe('isTrustedSender', () => {
  it('requires the top frame of an app page', () => {
    expect(isTrustedSender({ url: 'app://ombudsdesk/index.html', isTopFrame: true })).toBe(true);
    expect(isTrustedSender({ url: 'app://ombudsdesk/index.html', isTopFrame: false })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', isTopFrame: true })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });
});

describe('setupIpc', () => {
  const dispatch = vi.fn(async (_caller: string, _channel: string, payload: unknown, _window?: unknown) => ({ ok: true as const, value: payload }));
  const top = { parent: null };
  const printToPDF = vi.fn(async () => Buffer.from('%PDF-1.7'));
  const send = vi.fn();
  const sender = { id: 7, printToPDF, send, isDestroyed: () => false, once: vi.fn() };
  const event = (url: string | null, parent: unknown = null) => ({ sender, senderFrame: url === null ? null : { url, parent } });
  const sessions = new Map<string, number>();
  let hub = createEventHub(sessions);
  const kiosk = createKioskControl(sessions);

  beforeEach(() => {
    electron.handlers.clear();
    dispatch.mockClear();
    send.mockClear();
    sessions.clear();
    hub = createEventHub(sessions);
    kiosk.callers.clear();
    setupIpc(dispatch, hub, kiosk);
  });

  it('sends events to a window only after a trusted call, and only those of the user signed in there', async () => {
    sessions.set('7', 42);
    const job = { id: 1 } as never;
    await electron.handlers.get(`${IPC_PREFIX}login`)!(event('https://evil.example/'), {});
    hub.toUser(42, 'jobProgress', job);
    expect(send).not.toHaveBeenCalled();
    await electron.handlers.get(`${IPC_PREFIX}currentUser`)!(event('app://ombudsdesk/index.html'), undefined);
    hub.toUser(41, 'jobProgress', job);
    expect(send).not.toHaveBeenCalled();
    hub.toUser(42, 'jobProgress', job);
    expect(send).toHaveBeenCalledExactlyOnceWith(IPC_EVENT, 'jobProgress', job);
  });

  it('tells the preload the channel names, and an untrusted frame none', () => {
    const ask = (url: string | null) => {
      const reply = { ...event(url), returnValue: undefined as unknown };
      electron.listeners.get(IPC_CHANNEL_LIST)!(reply as never, undefined);
      return reply.returnValue;
    };
    expect(ask('app://ombudsdesk/index.html')).toEqual(channelNamesFor(false));
    expect(ask('https://evil.example/')).toEqual([]);
    expect(ask(null)).toEqual([]);
  });

  it('gives a kiosk window the kiosk channels only, and the workbench none of them', () => {
    const ask = () => {
      const reply = { ...event('app://ombudsdesk/index.html#kiosk'), returnValue: undefined as unknown };
      electron.listeners.get(IPC_CHANNEL_LIST)!(reply as never, undefined);
      return reply.returnValue as string[];
    };
    expect(ask()).not.toContain('castVote');
    kiosk.callers.add('7');
    expect([...ask()].sort()).toEqual(['castVote', 'currentResult', 'leaveKiosk']);
  });

  it('handles exactly the contract channels, with the prefix', () => {
    expect([...electron.handlers.keys()]).toEqual(channelNames.map((name) => IPC_PREFIX + name));
  });

  it('dispatches a trusted call with the webContents id as caller', async () => {
    const result = await electron.handlers.get(`${IPC_PREFIX}listCases`)!(event('app://ombudsdesk/index.html'), { limit: 5 });
    expect(result).toEqual({ ok: true, value: { limit: 5 } });
    expect(dispatch).toHaveBeenCalledWith('7', 'listCases', { limit: 5 }, expect.objectContaining({ printToPdf: expect.any(Function) }));
    // The window handed to the dispatcher prints the very webContents that called, as A4 with backgrounds.
    const window = dispatch.mock.calls[0]![3] as { printToPdf(): Promise<Uint8Array> };
    expect(new TextDecoder().decode(await window.printToPdf())).toBe('%PDF-1.7');
    expect(printToPDF).toHaveBeenCalledWith({ pageSize: 'A4', printBackground: true });
  });

  it('answers forbidden_sender without dispatching for foreign pages, iframes and vanished frames', async () => {
    for (const untrusted of [event('https://evil.example/'), event('app://ombudsdesk/index.html', top), event(null), event('http://localhost:5173/')]) {
      expect(await electron.handlers.get(`${IPC_PREFIX}login`)!(untrusted, { username: 'admin', password: 'x' })).toEqual({
        ok: false,
        error: { code: 'forbidden_sender' },
      });
    }
    expect(dispatch).not.toHaveBeenCalled();
  });
});
