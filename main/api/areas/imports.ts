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
import { actorOf, channel, id, none, OFFICE, out, requiredText } from '../define.ts';
import type { ImportDetail, ImportSummary, JobRecord } from '../types.ts';

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
