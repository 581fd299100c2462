// Which frames may call the API: only the top frame of our own app page (or of the dev server while developing).
import { isAppUrl } from './hardening.ts';

/** True for a page of app://ombudsdesk, or of devServerUrl's origin when one is given (never in a packaged app). */
export function isTrustedSenderUrl(url: string, devServerUrl?: string): boolean {
  return isAppUrl(url, devServerUrl);
}

export interface SenderFrameInfo {
  url: string;
  /** senderFrame.parent === null: an iframe never gets the API, even one showing an app URL. */
  isTopFrame: boolean;
}

export function isTrustedSender(frame: SenderFrameInfo | null | undefined, devServerUrl?: string): boolean {
  return !!frame && frame.isTopFrame && isTrustedSenderUrl(frame.url, devServerUrl);
}
