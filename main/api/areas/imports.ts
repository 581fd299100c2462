// Imports: mail files sent from the window are written to a folder of their own under the data folder and imported by
// the importMail job (parsed in its worker thread, never here); the history of imports and each one's failed and
// skipped items. Imports open cases, so they are the office's.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { base64DecodedSize, isBase64 } from '../../domain/attachments.ts';
import { DEFAULT_MAIL_LIMITS } from '../../io/mail.ts';
import { IMPORTS_FOLDER } from '../../jobs/definitions.ts';
import { writeNewFile } from '../../services/attachment-store.ts';
import { fail } from '../../services/errors.ts';
import { importDetail, listImports, runningImportOf } from '../../services/imports.ts';
import { listMappings, readOpen311Endpoint, saveMapping, saveOpen311Endpoint, tableMappingSchema } from '../../services/table-imports.ts';
import { checkPreview } from '../../services/table-preview.ts';
import type { ImportDetail, ImportSummary, JobRecord, MailSettingsView, Open311Endpoint, PreviewCheck, SavedMapping, TableUpload } from '../types.ts';
import { startMailPoll } from '../../jobs/mail-poll.ts';
import { readMailSettings, updateMailSettings } from '../../services/mail-settings.ts';
import { MAIL_TLS_MODES, MAX_POLL_MINUTES } from '../../vocabulary/mail.ts';
import { actorOf, channel, id, none, OFFICE, optionalText, out, requiredText, text, type Call } from '../define.ts';

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

/** A spreadsheet or export (CSV, XLSX, JSON) from the window: 50 MB, the table reader's limit. */
const MAX_TABLE_BASE64_CHARS = 4 * Math.ceil((50 * 1024 * 1024) / 3) + 4;
const TABLE_FILE = 'table';
/** The folder an uploaded table waits in between its preview and its import: named by a random UUID only. */
const token = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const sheet = z.string().max(200).nullable();

function uploadedTable(call: Call, value: string): { folder: string; path: string } {
  const folder = path.join(call.app.dataDir, IMPORTS_FOLDER, value);
  const file = path.join(folder, TABLE_FILE);
  if (!existsSync(file)) fail('table_file_gone', {});
  return { folder, path: file };
}

/** Claims the one import a person may start at a time, runs start, and lets go. */
async function startOnce<T>(call: Call, start: () => Promise<T>): Promise<T> {
  const actor = actorOf(call);
  if (starting.has(actor.id)) fail('import_running');
  starting.add(actor.id);
  try {
    if (await runningImportOf(call.app.services, actor)) fail('import_running');
    return await start();
  } finally {
    starting.delete(actor.id);
  }
}

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
  /**
   * A CSV, XLSX or JSON file for the mapping dialog: written under the data folder and read by a previewTable job (in
   * its worker); its result is the header and first rows. With a token instead of data: the same file again (another sheet).
   */
  previewTableFile: channel({
    access: OFFICE,
    input: z.strictObject({ name: requiredText(1000), dataBase64: z.string().max(MAX_TABLE_BASE64_CHARS).optional(), token: token.optional(), sheet }),
    output: out<TableUpload>(),
    handler: async (call, input) => {
      const actor = actorOf(call);
      let target: { folder: string; path: string; token: string };
      if (input.token) target = { ...uploadedTable(call, input.token), token: input.token };
      else {
        if (input.dataBase64 === undefined || !isBase64(input.dataBase64)) fail('invalid_input', { field: 'dataBase64' });
        const value = randomUUID();
        const folder = path.join(call.app.dataDir, IMPORTS_FOLDER, value);
        mkdirSync(folder, { recursive: true });
        target = { folder, path: path.join(folder, TABLE_FILE), token: value };
        writeNewFile(target.path, Buffer.from(input.dataBase64, 'base64'));
      }
      const job = await call.app.jobs.start('previewTable', { file: { name: input.name, path: target.path }, sheet: input.sheet }, actor);
      return { token: target.token, job };
    },
  }),
  /** The preview's rows read through a mapping: each row's errors and warnings (the rows were parsed by the job). */
  checkTablePreview: channel({
    access: OFFICE,
    input: z.strictObject({ jobId: id, mapping: tableMappingSchema }),
    output: out<PreviewCheck>(),
    handler: async (call, input) => {
      const file = await call.app.jobs.result(input.jobId, actorOf(call));
      return await checkPreview(call.app.services, Buffer.from(file.dataBase64, 'base64').toString('utf8'), input.mapping);
    },
  }),
  /** Imports an uploaded table with a mapping (optionally saved by name first): an importTable job. */
  importTableFile: channel({
    access: OFFICE,
    input: z.strictObject({ token, name: requiredText(1000), sheet, mapping: tableMappingSchema, saveAs: optionalText(200) }),
    output: out<JobRecord>(),
    handler: (call, input) =>
      startOnce(call, async () => {
        const actor = actorOf(call);
        const file = uploadedTable(call, input.token);
        if (input.saveAs) await saveMapping(call.app.services, actor, input.saveAs, input.mapping);
        return await call.app.jobs.start(
          'importTable',
          { source: input.sheet ? `${input.name} (${input.sheet})` : input.name, file: { name: input.name, path: file.path }, sheet: input.sheet, mapping: input.mapping, removeFolder: file.folder },
          actor,
        );
      }),
  }),
  listTableMappings: channel({
    access: OFFICE,
    input: none,
    output: out<SavedMapping[]>(),
    handler: (call) => listMappings(call.app.services),
  }),
  saveTableMapping: channel({
    access: OFFICE,
    write: true,
    input: z.strictObject({ name: requiredText(200), mapping: tableMappingSchema }),
    output: out<SavedMapping>(),
    handler: (call, input) => saveMapping(call.app.services, actorOf(call), input.name, input.mapping),
  }),
  /** Open311 requests.json / requests.xml files: an importOpen311 job. */
  importGeoReportFiles: channel({
    access: OFFICE,
    input: z.strictObject({ files: z.array(z.strictObject({ name: requiredText(1000), dataBase64: z.string().max(MAX_TABLE_BASE64_CHARS) })).min(1).max(100) }),
    output: out<JobRecord>(),
    handler: (call, input) =>
      startOnce(call, async () => {
        input.files.forEach((file, index) => {
          if (!isBase64(file.dataBase64)) fail('invalid_input', { field: `files.${index}.dataBase64` });
        });
        const folder = path.join(call.app.dataDir, IMPORTS_FOLDER, randomUUID());
        try {
          mkdirSync(folder, { recursive: true });
          const files = input.files.map((file, index) => {
            const stored = path.join(folder, `${index}.open311`);
            writeNewFile(stored, Buffer.from(file.dataBase64, 'base64'));
            return { name: file.name, path: stored };
          });
          return await call.app.jobs.start('importOpen311', { source: input.files.map((file) => file.name).join(', '), files, removeFolder: folder }, actorOf(call));
        } catch (error) {
          rmSync(folder, { recursive: true, force: true });
          throw error;
        }
      }),
  }),
  getGeoReportEndpoint: channel({
    access: OFFICE,
    input: none,
    output: out<Open311Endpoint | null>(),
    handler: (call) => readOpen311Endpoint(call.app.services),
  }),
  /** Fetches an endpoint's requests now (GET requests.json in the job's worker); the endpoint is kept for next time. */
  pollGeoReport: channel({
    access: OFFICE,
    input: z.strictObject({
      url: z.url({ protocol: /^https?$/ }).max(2000),
      jurisdictionId: optionalText(200),
      startDate: z.iso.datetime({ offset: true }).nullable(),
      endDate: z.iso.datetime({ offset: true }).nullable(),
    }),
    output: out<JobRecord>(),
    handler: (call, input) =>
      startOnce(call, async () => {
        const jurisdictionId = input.jurisdictionId ?? null;
        await saveOpen311Endpoint(call.app.services, { url: input.url, jurisdictionId });
        return await call.app.jobs.start('open311Poll', { url: input.url, jurisdictionId, startDate: input.startDate, endDate: input.endDate }, actorOf(call));
      }),
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
