// Which frames may call the API: only the top frame of our own app page.
import { isAppUrl } from './hardening.ts';

export interface SenderFrameInfo {
  url: string;
  isTopFrame: boolean;
}

export function isTrustedSender(frame: SenderFrameInfo | null | undefined, devServerUrl?: string): boolean {
  return !!frame && frame.isTopFrame && isAppUrl(frame.url, devServerUrl);
}
