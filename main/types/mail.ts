// The mail server settings as the settings form sees them: passwords never leave main, only whether one is stored.
import type { MailTlsMode } from '../vocabulary/mail.ts';

export interface ImapSettingsView {
  host: string;
  port: number;
  tls: MailTlsMode;
  user: string;
  passwordStored: boolean;
  folder: string;
  processedFolder: string;
  /** 0: polling only on demand. */
  pollMinutes: number;
}

export interface SmtpSettingsView {
  host: string;
  port: number;
  tls: MailTlsMode;
  user: string;
  passwordStored: boolean;
  fromAddress: string;
  fromName: string;
}

export interface MailSettingsView {
  imap: ImapSettingsView | null;
  smtp: SmtpSettingsView | null;
  /** Whether passwords can be stored here (safeStorage needs the system's keychain) and how. */
  secretStorage: { available: boolean; method: 'safeStorage' | 'keyfile' };
}

/** What the reply panel needs to offer "send by email". */
export interface MailSendInfo {
  smtpConfigured: boolean;
  fromAddress: string | null;
}

export interface OutgoingMailResult {
  id: number;
  caseId: number;
  status: 'queued' | 'sending' | 'sent' | 'failed';
  messageId: string;
  error: string | null;
}
