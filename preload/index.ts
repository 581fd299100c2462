// The narrow bridge: one function per API channel, forwarding to main, which validates everything. Built as one CommonJS file.
// The renderer sees window.ombudsdesk typed as OmbudsdeskApi (renderer/src/env.d.ts).
import { contextBridge, ipcRenderer } from 'electron';
import { eventNames, IPC_CHANNEL_LIST, IPC_EVENT, IPC_PREFIX, type EventName } from '../main/api/channels.ts';

// The channel names come from main (the API's areas declare them), asked once and synchronously before the page runs:
// a new channel needs no edit here. Only plain names are taken; main checks every call anyway.
const names: unknown = ipcRenderer.sendSync(IPC_CHANNEL_LIST);
const api: Record<string, (input?: unknown) => Promise<unknown>> = {};
for (const name of Array.isArray(names) ? names : []) {
  if (typeof name === 'string' && /^[a-zA-Z]{1,64}$/.test(name)) api[name] = (input?: unknown) => ipcRenderer.invoke(IPC_PREFIX + name, input);
}
Object.freeze(api);

contextBridge.exposeInMainWorld('ombudsdesk', api);

// Events from main, one listener per call of on(); the returned function stops it. Unknown names are refused.
const events = Object.freeze({
  on(name: EventName, listener: (payload: unknown) => void): () => void {
    if (!(eventNames as readonly string[]).includes(name) || typeof listener !== 'function') throw new TypeError('unknown event');
    const handler = (_event: unknown, eventName: unknown, payload: unknown) => {
      if (eventName === name) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT, handler);
  },
});

contextBridge.exposeInMainWorld('ombudsdeskEvents', events);
