// A closed window's session ends with it: its caller id (the webContents id) signs out, so a reused id inherits nothing.
import type { App } from 'electron';
import type { AppContext } from '../app-context.ts';

export function setupSignOutOnClose(app: App, context: AppContext): void {
  app.on('web-contents-created', (_event, contents) => {
    const callerId = String(contents.id);
    contents.once('destroyed', () => context.sessions.delete(callerId));
  });
}
