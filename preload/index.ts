// The narrow bridge: one function per API channel, forwarding to main, which validates everything. Built as one CommonJS file.
import { contextBridge, ipcRenderer } from 'electron';
import { channelNames, eventNames, IPC_EVENT, IPC_PREFIX, type ChannelName, type EventName } from '../main/api/channels.ts';
import type { OmbudsdeskApi } from '../main/api/contract.ts';

// Promise<never> fits every result type of the contract; the renderer sees OmbudsdeskApi's types, and `satisfies`
// below fails the build when the contract has a channel this bridge does not forward.
type Bridge<N extends ChannelName> = { [K in N]: (input?: unknown) => Promise<never> };

function bridge<const N extends readonly ChannelName[]>(names: N): Bridge<N[number]> {
  const api: Partial<Record<ChannelName, (input?: unknown) => Promise<never>>> = {};
  for (const name of names) api[name] = (input?: unknown) => ipcRenderer.invoke(IPC_PREFIX + name, input) as Promise<never>;
  return Object.freeze(api) as Bridge<N[number]>;
}

const api = bridge(channelNames) satisfies OmbudsdeskApi;

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
