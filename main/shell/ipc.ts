// The only place that touches ipcMain: every channel of the contract, each call checked for its sender first.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNEL_LIST, IPC_EVENT, IPC_PREFIX } from '../api/channels.ts';
import type { KioskControl } from '../api/kiosk.ts';
import { channelNames, channelNamesFor } from '../api/registry.ts';
import type { EventHub } from '../api/events.ts';
import { forbiddenSender, type Dispatch } from '../api/dispatch.ts';
import { isTrustedSender } from './sender.ts';

function senderOf(event: Pick<IpcMainInvokeEvent, 'senderFrame'>) {
  // senderFrame is null once the frame has navigated away or been destroyed.
  const frame = event.senderFrame;
  return frame ? { url: frame.url, isTopFrame: frame.parent === null } : null;
}

export function setupIpc(dispatch: Dispatch, events: EventHub, kiosk: KioskControl, devServerUrl?: string): void {
  const attached = new Set<number>();
  // A window hears events from its first trusted call on (the renderer always asks who is signed in first), until it is gone.
  const attach = (sender: IpcMainInvokeEvent['sender']) => {
    if (attached.has(sender.id)) return;
    attached.add(sender.id);
    const detach = events.attach(String(sender.id), (name, payload) => {
      if (!sender.isDestroyed()) sender.send(IPC_EVENT, name, payload);
    });
    sender.once('destroyed', () => {
      attached.delete(sender.id);
      detach();
    });
  };
  // The preload asks once, synchronously, which channels to forward: the names only (an untrusted frame gets none, a
  // kiosk window the kiosk channels; dispatch refuses anything else from it anyway).
  ipcMain.on(IPC_CHANNEL_LIST, (event) => {
    event.returnValue = isTrustedSender(senderOf(event), devServerUrl) ? channelNamesFor(kiosk.isKiosk(String(event.sender.id))) : [];
  });
  for (const name of channelNames) {
    ipcMain.handle(IPC_PREFIX + name, (event, payload: unknown) => {
      if (!isTrustedSender(senderOf(event), devServerUrl)) return forbiddenSender();
      attach(event.sender);
      // The window that called may be printed to PDF by the printToPdf channel (A4, with its print styles).
      const window = { printToPdf: async () => new Uint8Array(await event.sender.printToPDF({ pageSize: 'A4', printBackground: true })) };
      return dispatch(String(event.sender.id), name, payload, window);
    });
  }
}
