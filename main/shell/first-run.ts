// The first start creates the admin account: say how to sign in, in the window and on stdout (for scripted installs and tests).
import { dialog, type BrowserWindow } from 'electron';

export function showFirstRunNotice(window: BrowserWindow, notice: string | null): void {
  if (!notice) return;
  console.log(notice);
  void dialog.showMessageBox(window, { type: 'info', title: 'Ombudsdesk', message: notice });
}
