// Replies go out by SMTP with nodemailer: our Message-ID (stored before sending), the case reference in the subject and in
// our X-Ombudsdesk-Reference header (so answers find their case and our own mail never triggers anything automatic). A
// person's reply is not automatic: no Auto-Submitted header.
import nodemailer from 'nodemailer';
import { OMBUDSDESK_HEADER, type MailTlsMode } from '../vocabulary/mail.ts';

export interface SmtpServer {
  host: string;
  port: number;
  tls: MailTlsMode;
  user: string;
  password: string | null;
}

export interface OutgoingMessage {
  from: { name: string; address: string };
  to: { name: string; address: string };
  subject: string;
  text: string;
  /** Without angle brackets. */
  messageId: string;
  reference: string;
}

export class SmtpSendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SmtpSendError';
  }
}

export async function sendSmtp(server: SmtpServer, message: OutgoingMessage): Promise<{ response: string }> {
  const transport = nodemailer.createTransport({
    host: server.host,
    port: server.port,
    secure: server.tls === 'on',
    requireTLS: server.tls === 'starttls',
    ignoreTLS: server.tls === 'off',
    ...(server.user ? { auth: { user: server.user, pass: server.password ?? '' } } : {}),
    connectionTimeout: 30_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
  try {
    const info = await transport.sendMail({
      from: message.from.name ? { name: message.from.name, address: message.from.address } : message.from.address,
      to: message.to.name ? { name: message.to.name, address: message.to.address } : message.to.address,
      subject: message.subject,
      text: message.text,
      messageId: `<${message.messageId}>`,
      headers: { [OMBUDSDESK_HEADER]: message.reference },
    });
    return { response: String(info.response ?? '').slice(0, 300) };
  } catch (error) {
    const e = error as { response?: unknown; message?: unknown };
    throw new SmtpSendError(String(e.response ?? e.message ?? error).slice(0, 300));
  } finally {
    transport.close();
  }
}

/** The subject with the case reference in brackets in front ("[2027-00014] Ihr Anliegen"), unless it already carries it. */
export function subjectWithReference(subject: string, reference: string): string {
  const trimmed = subject.trim();
  return trimmed.includes(reference) ? trimmed : `[${reference}] ${trimmed}`;
}
