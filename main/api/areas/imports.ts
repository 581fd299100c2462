// Imports: mail files sent from the window are written to a folder of their own under the data folder and imported by
// the importMail job (parsed in its worker thread, never here); the history of imports and each one's failed and
// skipped items. Imports open cases, so they are the office's.
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { base64DecodedSize, isBase64 } from '../../domain/attachments.ts';
import { DEFAULT_MAIL_LIMITS } from '../../io/mail.ts';
import { IMPORTS_FOLDER } from '../../jobs/definitions.ts';
import { writeNewFile } from '../../services/attachment-store.ts';
import { fail } from '../../services/errors.ts';
import { importDetail, listImports, runningImportOf } from '../../services/imports.ts';
import { startMailPoll } from '../../jobs/mail-poll.ts';
import { readMailSettings, updateMailSettings } from '../../services/mail-settings.ts';
import { MAIL_TLS_MODES, MAX_POLL_MINUTES } from '../../vocabulary/mail.ts';
import { actorOf, channel, id, none, OFFICE, out, requiredText, text } from '../define.ts';
import type { ImportDetail, ImportSummary, JobRecord, MailSettingsView } from '../types.ts';

const port = z.number().int().min(1).max(65_535);
const password = z.string().max(1000).nullish();
const server = {
  host: requiredText(255).regex(/^[A-Za-z0-9.:[\]-]+$/),
  port,
  tls: z.enum(MAIL_TLS_MODES),
  user: requiredText(320),
  // A new password; null removes the stored one; left out keeps it (the form never receives the stored one).
  password,
};

/** A file a little over the per-message limit still arrives, so its import item can say it is too large. */
const MAX_MAIL_BASE64_CHARS = 2 * 4 * Math.ceil(DEFAULT_MAIL_LIMITS.maxMessageBytes / 3);
/** All files of one import together. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
export const MAX_IMPORT_FILES = 500;

/** Who is starting an import right now (between the click and the job's record). */
const starting = new Set<number | null>();

export const importsChannels = {
  /** Starts an importMail job for these files (one at a time per person: a second click while one runs starts nothing). */
  importMailFiles: channel({
    access: OFFICE,
    input: z.strictObject({
      files: z
        .array(
          z.strictObject({
            name: requiredText(1000),
            dataBase64: z.string().max(MAX_MAIL_BASE64_CHARS),
            lastModified: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).nullish(),
          }),
        )
        .min(1)
        .max(MAX_IMPORT_FILES),
    }),
    output: out<JobRecord>(),
    handler: async (call, input) => {
      const actor = actorOf(call);
      const total = input.files.reduce((sum, file) => sum + base64DecodedSize(file.dataBase64), 0);
      if (total > MAX_IMPORT_BYTES) fail('import_too_large', { size: total, maxMegabytes: MAX_IMPORT_BYTES / 1024 / 1024 });
      input.files.forEach((file, index) => {
        if (!isBase64(file.dataBase64)) fail('invalid_input', { field: `files.${index}.dataBase64` });
      });
      // Checked and claimed before the first await: two clicks in the same moment must not both pass the check below.
      if (starting.has(actor.id)) fail('import_running');
      starting.add(actor.id);
      const folder = path.join(call.app.dataDir, IMPORTS_FOLDER, randomUUID());
      try {
        if (await runningImportOf(call.app.services, actor)) fail('import_running');
        mkdirSync(folder, { recursive: true });
        const files = input.files.map((file, index) => {
          const stored = path.join(folder, `${index}.mail`);
          writeNewFile(stored, Buffer.from(file.dataBase64, 'base64'));
          return { name: file.name, path: stored, lastModified: file.lastModified ?? null };
        });
        return await call.app.jobs.start('importMail', { source: input.files.map((file) => file.name).join(', '), files, removeFolder: folder }, actor);
      } catch (error) {
        rmSync(folder, { recursive: true, force: true });
        throw error;
      } finally {
        starting.delete(actor.id);
      }
    },
  }),
  /** The office's mail servers (passwords only as "stored" or not). */
  getMailSettings: channel({
    access: ['admin'],
    input: none,
    output: out<MailSettingsView>(),
    handler: ({ app }) => readMailSettings(app.services.read, app.secrets),
  }),
  updateMailSettings: channel({
    access: ['admin'],
    write: true,
    input: z.strictObject({
      imap: z
        .strictObject({ ...server, folder: text(200), processedFolder: text(200), pollMinutes: z.number().int().min(0).max(MAX_POLL_MINUTES) })
        .nullish(),
      smtp: z.strictObject({ ...server, user: text(320), fromAddress: z.email().max(320), fromName: text(200) }).nullish(),
    }),
    output: out<MailSettingsView>(),
    handler: ({ app }, input) => updateMailSettings(app.services, app.secrets, input),
  }),
  /** Polls the office's mailbox now (one poll at a time: a second click while one runs gets the running one). */
  fetchMailNow: channel({
    access: OFFICE,
    input: none,
    output: out<JobRecord>(),
    handler: (call) => startMailPoll({ services: call.app.services, jobs: call.app.jobs, secrets: call.app.secrets }, actorOf(call), 'button'),
  }),
  listImports: channel({
    access: OFFICE,
    input: none,
    output: out<ImportSummary[]>(),
    handler: (call) => listImports(call.app.services, actorOf(call)),
  }),
  importDetail: channel({
    access: OFFICE,
    input: z.strictObject({ id }),
    output: out<ImportDetail>(),
    handler: (call, input) => importDetail(call.app.services, actorOf(call), input.id),
  }),
};
