// The only place that touches ipcMain: every channel of the contract, each call checked for its sender first.
import { ipcMain } from 'electron';
import { channelNames, IPC_PREFIX } from '../api/channels.ts';
import { forbiddenSender, type Dispatch } from '../api/dispatch.ts';
import { isTrustedSender } from './sender.ts';

export function setupIpc(dispatch: Dispatch, devServerUrl?: string): void {
  for (const name of channelNames) {
    ipcMain.handle(IPC_PREFIX + name, (event, payload: unknown) => {
      const frame = event.senderFrame;
      const trusted = isTrustedSender(frame ? { url: frame.url, isTopFrame: frame.parent === null } : null, devServerUrl);
      if (!trusted) return forbiddenSender();
      return dispatch(String(event.sender.id), name, payload);
    });
  }
}
