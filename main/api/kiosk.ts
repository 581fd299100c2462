// Which callers are kiosk windows, and what opening and leaving the kiosk does. Kiosk callers may call the kiosk area's
// channels only, and only they may (dispatch checks it by caller before anything else). The shell replaces onOpen and
// onLeave (Electron: close the workbench window and open the kiosk window, and back); the test transport keeps these.
export interface KioskControl {
  /** The caller ids (webContents ids, or the test transport's session ids) of kiosk windows. */
  readonly callers: Set<string>;
  isKiosk(callerId: string): boolean;
  /** An office user asked for kiosk mode from this (workbench) caller; returns where that page goes (null: the shell closes it). */
  onOpen: (callerId: string) => string | null;
  /** A staff member signed out of the kiosk on this (kiosk) caller; returns where that page goes (null: the shell closes it). */
  onLeave: (callerId: string) => string | null;
}

export function createKioskControl(sessions: Map<string, number>): KioskControl {
  const callers = new Set<string>();
  return {
    callers,
    isKiosk: (callerId) => callers.has(callerId),
    // The workbench's session ends: the kiosk must not leave a signed-in window behind it.
    // Without a shell (the test transport) the page itself loads the kiosk page, and the workbench again after it.
    onOpen: (callerId) => {
      sessions.delete(callerId);
      return './kiosk#kiosk';
    },
    onLeave: (callerId) => {
      callers.delete(callerId);
      return './';
    },
  };
}
