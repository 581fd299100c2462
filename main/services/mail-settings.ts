// The office's mail servers: the IMAP mailbox polled for new mail and the SMTP server replies go out by. One settings
// row (key mail_server) as JSON; the passwords in it are sealed by the secret box (main/services/secrets.ts), never plain.
import { z } from 'zod';
import type { ReadDb } from '../db/handles.ts';
import { readJson } from '../db/json.ts';
import type { MailSettingsView } from '../types/mail.ts';
import { DEFAULT_IMAP_FOLDER, DEFAULT_PROCESSED_FOLDER, isLoopbackHost, MAIL_TLS_MODES, MAX_POLL_MINUTES, type MailTlsMode } from '../vocabulary/mail.ts';
import type { ServiceContext } from './context.ts';
import { fail } from './errors.ts';
import type { SecretBox } from './secrets.ts';

export const MAIL_SETTINGS_KEY = 'mail_server';

const tls = z.enum(MAIL_TLS_MODES);
const storedImap = z.object({
  host: z.string(),
  port: z.number(),
  tls,
  user: z.string(),
  password: z.string().nullable(),
  folder: z.string(),
  processedFolder: z.string(),
  pollMinutes: z.number(),
});
const storedSmtp = z.object({
  host: z.string(),
  port: z.number(),
  tls,
  user: z.string(),
  password: z.string().nullable(),
  fromAddress: z.string(),
  fromName: z.string(),
});
const storedSchema = z.object({ imap: storedImap.nullable(), smtp: storedSmtp.nullable() });
type Stored = z.infer<typeof storedSchema>;

/** A server's settings as given by the form: password a new one, null to remove it, undefined to keep the stored one. */
export interface ServerInput {
  host: string;
  port: number;
  tls: MailTlsMode;
  user: string;
  password?: string | null | undefined;
}
export interface MailSettingsInput {
  imap?: (ServerInput & { folder: string; processedFolder: string; pollMinutes: number }) | null | undefined;
  smtp?: (ServerInput & { fromAddress: string; fromName: string }) | null | undefined;
}

/** The IMAP or SMTP server with its password opened: for the poller and the sender only, never returned to a window. */
export interface ImapConfig {
  host: string;
  port: number;
  tls: MailTlsMode;
  user: string;
  password: string;
  folder: string;
  processedFolder: string;
  pollMinutes: number;
}
export interface SmtpConfig {
  host: string;
  port: number;
  tls: MailTlsMode;
  user: string;
  password: string | null;
  fromAddress: string;
  fromName: string;
}

async function readStored(db: ReadDb): Promise<Stored> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', MAIL_SETTINGS_KEY).executeTakeFirst();
  return row ? readJson(row.value, storedSchema) : { imap: null, smtp: null };
}

export async function readMailSettings(db: ReadDb, box: SecretBox): Promise<MailSettingsView> {
  const stored = await readStored(db);
  return {
    imap: stored.imap ? { ...withoutPassword(stored.imap), passwordStored: stored.imap.password !== null } : null,
    smtp: stored.smtp ? { ...withoutPassword(stored.smtp), passwordStored: stored.smtp.password !== null } : null,
    secretStorage: { available: box.available(), method: box.method },
  };
}

function withoutPassword<T extends { password: string | null }>(value: T): Omit<T, 'password'> {
  const { password: _password, ...rest } = value;
  return rest;
}

function checkServer(part: 'imap' | 'smtp', input: ServerInput): void {
  // Plain text only to this computer: a password never goes over a network unencrypted.
  if (input.tls === 'off' && !isLoopbackHost(input.host)) fail('mail_tls_required', { field: `${part}.tls`, host: input.host });
}

function sealPassword(box: SecretBox, part: 'imap' | 'smtp', given: string | null | undefined, previous: string | null): string | null {
  if (given === undefined) return previous;
  if (given === null || given === '') return null;
  if (!box.available()) fail('secret_storage_unavailable', { field: `${part}.password` });
  return box.seal(given);
}

export async function updateMailSettings(ctx: ServiceContext, box: SecretBox, input: MailSettingsInput): Promise<MailSettingsView> {
  return await ctx.tx(async ({ db }) => {
    const stored = await readStored(db);
    const next: Stored = { ...stored };
    if (input.imap === null) next.imap = null;
    else if (input.imap) {
      checkServer('imap', input.imap);
      if (input.imap.pollMinutes < 0 || input.imap.pollMinutes > MAX_POLL_MINUTES) fail('invalid_input', { field: 'imap.pollMinutes' });
      next.imap = {
        host: input.imap.host,
        port: input.imap.port,
        tls: input.imap.tls,
        user: input.imap.user,
        password: sealPassword(box, 'imap', input.imap.password, stored.imap?.password ?? null),
        folder: input.imap.folder || DEFAULT_IMAP_FOLDER,
        processedFolder: input.imap.processedFolder || DEFAULT_PROCESSED_FOLDER,
        pollMinutes: input.imap.pollMinutes,
      };
      if (next.imap.folder === next.imap.processedFolder) fail('invalid_input', { field: 'imap.processedFolder' });
    }
    if (input.smtp === null) next.smtp = null;
    else if (input.smtp) {
      checkServer('smtp', input.smtp);
      next.smtp = {
        host: input.smtp.host,
        port: input.smtp.port,
        tls: input.smtp.tls,
        user: input.smtp.user,
        password: sealPassword(box, 'smtp', input.smtp.password, stored.smtp?.password ?? null),
        fromAddress: input.smtp.fromAddress.toLowerCase(),
        fromName: input.smtp.fromName,
      };
    }
    const value = JSON.stringify(next);
    await db.insertInto('settings').values({ key: MAIL_SETTINGS_KEY, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
    return await readMailSettings(db, box);
  });
}

export async function imapConfig(db: ReadDb, box: SecretBox): Promise<ImapConfig> {
  const { imap } = await readStored(db);
  if (!imap || !imap.host) fail('mail_not_configured', { part: 'imap' });
  if (imap.password === null) fail('mail_not_configured', { part: 'imap', field: 'imap.password' });
  return { ...imap, password: box.open(imap.password) };
}

export async function smtpConfig(db: ReadDb, box: SecretBox): Promise<SmtpConfig> {
  const { smtp } = await readStored(db);
  if (!smtp || !smtp.host || !smtp.fromAddress) fail('mail_not_configured', { part: 'smtp' });
  return { ...smtp, password: smtp.password === null ? null : box.open(smtp.password) };
}

/** The office's own addresses (SMTP from, IMAP user when it is an address): mail from them never opens a case. */
export async function ownMailAddresses(db: ReadDb): Promise<string[]> {
  const { imap, smtp } = await readStored(db);
  return [smtp?.fromAddress, imap?.user].filter((value): value is string => !!value && value.includes('@')).map((value) => value.toLowerCase());
}

/** The poll interval in minutes (0: off) and whether polling can run. */
export async function pollSchedule(db: ReadDb): Promise<{ minutes: number }> {
  const { imap } = await readStored(db);
  return { minutes: imap && imap.host && imap.password !== null ? imap.pollMinutes : 0 };
}

export async function smtpConfigured(db: ReadDb): Promise<{ smtpConfigured: boolean; fromAddress: string | null }> {
  const { smtp } = await readStored(db);
  return { smtpConfigured: !!smtp?.host && !!smtp.fromAddress, fromAddress: smtp?.fromAddress ?? null };
}
