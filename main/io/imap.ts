// The office's IMAP mailbox, read with imapflow: every message in the watched folder is fetched (in batches, oldest
// first), handed to the caller, and what the caller took (imported, or skipped as already known or automatic) is moved
// to the processed folder, which is created if missing. A message the caller could not take stays where it is; nothing
// is ever deleted or flagged. Nothing here touches the database.
import { ImapFlow } from 'imapflow';
import type { MailTlsMode } from '../vocabulary/mail.ts';

export interface ImapServer {
  host: string;
  port: number;
  tls: MailTlsMode;
  user: string;
  password: string;
  folder: string;
  processedFolder: string;
}

export interface FetchedMail {
  uid: number;
  /** The raw message; null when it is larger than the limit (it is not fetched). */
  source: Buffer | null;
  size: number;
  internalDate: Date | null;
}

export interface PollHandlers {
  batchSize: number;
  maxMessageBytes: number;
  progress(done: number, total: number): void;
  checkCancelled(): void;
  /** Takes a batch; returns the UIDs to move to the processed folder. */
  take(batch: FetchedMail[]): Promise<number[]>;
}

export class ImapConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImapConnectionError';
  }
}

export function imapClient(server: ImapServer): ImapFlow {
  return new ImapFlow({
    host: server.host,
    port: server.port,
    secure: server.tls === 'on',
    // starttls: required (never silently plain); off: never tried (loopback only, checked when the settings are saved).
    doSTARTTLS: server.tls === 'starttls' ? true : server.tls === 'off' ? false : undefined,
    auth: { user: server.user, pass: server.password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 30_000,
    greetingTimeout: 15_000,
    socketTimeout: 120_000,
  });
}

function reasonOf(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as { responseText?: unknown; message?: unknown; code?: unknown };
    const text = [e.responseText, e.code, e.message].find((v) => typeof v === 'string' && v);
    if (typeof text === 'string') return text.slice(0, 300);
  }
  return String(error).slice(0, 300);
}

/** Polls the watched folder once; returns how many messages it found and how many it moved. */
export async function pollImapFolder(server: ImapServer, handlers: PollHandlers): Promise<{ found: number; moved: number }> {
  const client = imapClient(server);
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw new ImapConnectionError(reasonOf(error));
  }
  try {
    const processed = await ensureFolder(client, server.processedFolder);
    const lock = await client.getMailboxLock(server.folder).catch((error: unknown) => {
      throw new ImapConnectionError(`${server.folder}: ${reasonOf(error)}`);
    });
    try {
      const sizes: { uid: number; size: number; internalDate: Date | null }[] = [];
      const all = await client.search({ all: true }, { uid: true });
      if (all && all.length > 0) {
        for await (const message of client.fetch(all.join(','), { uid: true, size: true, internalDate: true }, { uid: true })) {
          const date = message.internalDate ? new Date(message.internalDate) : null;
          sizes.push({ uid: message.uid, size: message.size ?? 0, internalDate: date && !Number.isNaN(date.getTime()) ? date : null });
        }
      }
      sizes.sort((a, b) => a.uid - b.uid);
      let moved = 0;
      handlers.progress(0, sizes.length);
      for (let start = 0; start < sizes.length; start += handlers.batchSize) {
        handlers.checkCancelled();
        const slice = sizes.slice(start, start + handlers.batchSize);
        const wanted = slice.filter((m) => m.size <= handlers.maxMessageBytes).map((m) => m.uid);
        const sources = new Map<number, Buffer>();
        if (wanted.length > 0) {
          // The whole fetch is read before anything else is sent on the connection (imapflow runs one command at a time).
          for await (const message of client.fetch(wanted.join(','), { uid: true, source: true }, { uid: true })) {
            if (message.source) sources.set(message.uid, message.source);
          }
        }
        const batch = slice.map((m) => ({ uid: m.uid, size: m.size, internalDate: m.internalDate, source: sources.get(m.uid) ?? null }));
        const take = await handlers.take(batch);
        if (take.length > 0) {
          await client.messageMove(take.join(','), processed, { uid: true });
          moved += take.length;
        }
        handlers.progress(start + slice.length, sizes.length);
      }
      return { found: sizes.length, moved };
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** The processed folder's path on this server ("A/B" in the settings, with the server's own separator), created if missing. */
async function ensureFolder(client: ImapFlow, folder: string): Promise<string> {
  const boxes = await client.list();
  const separator = boxes.find((box) => box.delimiter)?.delimiter ?? '/';
  const parts = folder.split('/').filter((part) => part.length > 0);
  const path = parts.join(separator);
  if (!boxes.some((box) => box.path === path)) {
    try {
      await client.mailboxCreate(parts);
    } catch (error) {
      throw new ImapConnectionError(`${folder}: ${reasonOf(error)}`);
    }
  }
  return path;
}

export { reasonOf as imapErrorReason };
