// The mail server settings' closed lists (IMAP polling, SMTP replies).

/** on: TLS from the start (993/465); starttls: upgraded after connecting (143/587); off: plain text, loopback only. */
export const MAIL_TLS_MODES = ['on', 'starttls', 'off'] as const;
export type MailTlsMode = (typeof MAIL_TLS_MODES)[number];

/** Hosts a plain-text (TLS off) connection is allowed to: this computer only (a password never crosses a network unencrypted). */
export function isLoopbackHost(host: string): boolean {
  const value = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return value === 'localhost' || value === '::1' || /^127(\.\d{1,3}){3}$/.test(value);
}

export const DEFAULT_IMAP_FOLDER = 'INBOX';
export const DEFAULT_PROCESSED_FOLDER = 'Ombudsdesk/Processed';
/** Poll interval in minutes; 0: only on demand (the default). */
export const MAX_POLL_MINUTES = 1440;
/** Our header on every mail Ombudsdesk sends: an incoming mail carrying it never triggers anything automatic. */
export const OMBUDSDESK_HEADER = 'X-Ombudsdesk-Reference';
