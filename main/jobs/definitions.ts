// What each kind of background job takes, who may start it, and what it does. A job runs in a worker thread with a
// connection of its own; it reports progress, checks for cancellation between batches, and each batch commits whole.
import { z } from 'zod';
import { generateDemoData } from '../demo/demo-data.ts';
import type { Actor } from '../services/actor.ts';
import type { ServiceContext } from '../services/context.ts';
import { exportYouSaidWeDid } from '../services/improvement-reports.ts';
import { exportCases, exportImprovements, exportReport } from '../services/table-exports.ts';
import type { JobKind } from '../vocabulary/jobs.ts';
import { JOB_PARAMS } from './params.ts';
import { fail } from '../services/errors.ts';
import { readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_MAIL_LIMITS, MailError, parseMailFile } from '../io/mail.ts';
import { attachmentStoreFor } from '../services/attachment-store.ts';
import { importBarometerVotesJob } from './barometer-import-job.ts';
import { importOpen311Job, importTableJob, open311PollJob, previewTable } from './table-jobs.ts';
import { beginImport, finishImport, importMailBatch, recordImportFailure, type BatchCounts, type MailBatchItem } from '../services/imports.ts';
import { ImapConnectionError, pollImapFolder, type ImapServer } from '../io/imap.ts';

export interface JobRun<P> {
  services: ServiceContext;
  jobId: number;
  /** The data folder (attachments, the job's files). */
  dataDir: string;
  actor: Actor;
  /** Secrets main handed over for this run only (never stored): a mail server's password. */
  secrets: Record<string, string>;
  params: P;
  /** done of total (null: not known yet), in a named phase. */
  progress(done: number, total: number | null, phase?: string): void;
  /** Throws JobCancelled once a cancel was asked for: call it between batches, never inside one. */
  checkCancelled(): void;
}

export interface JobOutcome {
  counts: Record<string, number>;
  /** A produced file: written by the worker under a temporary name, renamed when complete. */
  result?: { name: string; mediaType: string; bytes: Uint8Array };
}

export class JobCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'JobCancelled';
  }
}

interface JobDefinition<S extends z.ZodType> {
  params: S;
  /** Checked in main before the job starts (a refusal is an API error, not a failed job). */
  check?(services: ServiceContext, actor: Actor, params: z.infer<S>): Promise<void>;
  run(job: JobRun<z.infer<S>>): Promise<JobOutcome>;
}

/** Mail files per transaction: a batch is imported whole or not at all. */
export const MAIL_BATCH = 20;
/** Where main writes files sent from a window for an import job (under the data folder). */
export const IMPORTS_FOLDER = 'imports';

async function readMailItem(file: { name: string; path: string; lastModified?: number | null | undefined }, now: Date): Promise<MailBatchItem> {
  try {
    // The size is checked before reading: an oversized file is never loaded.
    const size = statSync(file.path).size;
    if (size > DEFAULT_MAIL_LIMITS.maxMessageBytes) {
      throw new MailError('mail_too_large', { file: file.name, size, maxMegabytes: Math.floor(DEFAULT_MAIL_LIMITS.maxMessageBytes / 1024 / 1024) });
    }
    const bytes = readFileSync(file.path);
    const mail = await parseMailFile({ fileName: file.name, bytes, lastModified: file.lastModified }, now);
    return { name: file.name, mail, original: bytes };
  } catch (error) {
    if (error instanceof MailError) return { name: file.name, error: { code: error.code, details: error.details } };
    const reason = error instanceof Error ? error.message.slice(0, 200) : 'unknown';
    return { name: file.name, error: { code: 'mail_unreadable', details: { file: file.name, reason } } };
  }
}

async function readImapItem(folder: string, message: { uid: number; source: Buffer | null; size: number; internalDate: Date | null }, now: Date): Promise<MailBatchItem> {
  const name = `${folder}-${message.uid}.eml`;
  try {
    if (!message.source) {
      throw new MailError('mail_too_large', { file: name, size: message.size, maxMegabytes: Math.floor(DEFAULT_MAIL_LIMITS.maxMessageBytes / 1024 / 1024) });
    }
    const mail = await parseMailFile({ fileName: name, bytes: message.source, lastModified: message.internalDate?.getTime() ?? null }, now);
    return { name, mail, original: message.source };
  } catch (error) {
    if (error instanceof MailError) return { name, error: { code: error.code, details: error.details } };
    return { name, error: { code: 'mail_unreadable', details: { file: name, reason: error instanceof Error ? error.message.slice(0, 200) : 'unknown' } } };
  }
}

function define<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition;
}

export const JOB_DEFINITIONS = {
  demo: define({
    params: JOB_PARAMS.demo,
    async check(services, actor) {
      // From a window, demo data only goes into an office that has no cases yet (a trial); the CLI may add more.
      if (actor.id === null) return;
      const any = await services.read.selectFrom('cases').select('id').limit(1).executeTakeFirst();
      if (any) fail('demo_needs_empty_office');
    },
    async run({ services, params, progress, checkCancelled }) {
      const created = await generateDemoData(services, {
        cases: params.cases,
        seed: params.seed,
        until: params.until ? new Date(params.until) : services.now(),
        onProgress: (done, total) => {
          progress(done, total, 'cases');
          checkCancelled();
        },
      });
      return { counts: { cases: created } };
    },
  }),
  youSaidWeDidXlsx: define({
    params: JOB_PARAMS.youSaidWeDidXlsx,
    async run({ services, actor, params, progress }) {
      progress(0, 1, 'collect');
      const file = await exportYouSaidWeDid(services, actor, params.year, params.language);
      progress(1, 1, 'write');
      return { counts: {}, result: { name: file.fileName, mediaType: file.mediaType, bytes: Buffer.from(file.dataBase64, 'base64') } };
    },
  }),
  reportXlsx: define({
    params: JOB_PARAMS.reportXlsx,
    async run({ services, actor, params, progress }) {
      progress(0, 2, 'collect');
      const file = await exportReport(services, actor, { period: params.period, departmentId: params.departmentId ?? null }, params.language);
      progress(2, 2, 'write');
      return { counts: {}, result: { name: file.fileName, mediaType: file.mediaType, bytes: Buffer.from(file.dataBase64, 'base64') } };
    },
  }),
  tableExport: define({
    params: JOB_PARAMS.tableExport,
    async run({ services, actor, params, progress, checkCancelled }) {
      progress(0, null, 'rows');
      const file =
        params.table === 'cases'
          ? await exportCases(services, actor, params, (done, total) => {
              progress(done, total, 'rows');
              checkCancelled();
            })
          : await exportImprovements(services, actor, params);
      progress(1, 1, 'write');
      return { counts: {}, result: { name: file.fileName, mediaType: file.mediaType, bytes: Buffer.from(file.dataBase64, 'base64') } };
    },
  }),
  importMail: define({
    params: JOB_PARAMS.importMail,
    async run({ services, actor, params, jobId, dataDir, progress, checkCancelled }) {
      // The same store main chose: files in the data folder, or the database (PostgreSQL).
      const store = attachmentStoreFor(services.engine, dataDir);
      const importId = await beginImport(services, actor, { kind: 'mail', source: params.source, jobId });
      const totals: BatchCounts = { new: 0, appended: 0, skipped: 0, failed: 0 };
      let status: 'done' | 'failed' | 'cancelled' = 'failed';
      try {
        progress(0, params.files.length, 'mail');
        for (let start = 0; start < params.files.length; start += MAIL_BATCH) {
          checkCancelled();
          const batch = params.files.slice(start, start + MAIL_BATCH);
          // Parsing happens here, in the worker, one file after another; then the batch commits whole.
          const items: MailBatchItem[] = [];
          for (const file of batch) items.push(await readMailItem(file, services.now()));
          const counts = await importMailBatch(services, store, actor, importId, items);
          for (const key of Object.keys(totals) as (keyof BatchCounts)[]) totals[key] += counts[key];
          progress(start + batch.length, params.files.length, 'mail');
        }
        status = 'done';
      } catch (error) {
        if (error instanceof JobCancelled) status = 'cancelled';
        throw error;
      } finally {
        await finishImport(services, importId, status);
        if (params.removeFolder && path.resolve(params.removeFolder).startsWith(path.resolve(dataDir, IMPORTS_FOLDER) + path.sep)) {
          rmSync(params.removeFolder, { recursive: true, force: true });
        }
      }
      return { counts: { ...totals, importId } };
    },
  }),
  previewTable: define({
    params: JOB_PARAMS.previewTable,
    async run({ params, progress }) {
      progress(0, 1, 'read');
      const preview = previewTable(params.file, params.sheet);
      progress(1, 1, 'read');
      return { counts: { rows: preview.totalRows }, result: { name: 'preview.json', mediaType: 'application/json', bytes: Buffer.from(JSON.stringify(preview)) } };
    },
  }),
  importTable: define({
    params: JOB_PARAMS.importTable,
    async run(job) {
      return { counts: await importTableJob(job, job.params, IMPORTS_FOLDER) };
    },
  }),
  importOpen311: define({
    params: JOB_PARAMS.importOpen311,
    async run(job) {
      return { counts: await importOpen311Job(job, job.params, IMPORTS_FOLDER) };
    },
  }),
  open311Poll: define({
    params: JOB_PARAMS.open311Poll,
    async run(job) {
      return { counts: await open311PollJob(job, job.params) };
    },
  }),
  pollMailbox: define({
    params: JOB_PARAMS.pollMailbox,
    async run({ services, actor, params, jobId, dataDir, secrets, progress, checkCancelled }) {
      const server = JSON.parse(secrets.imap ?? 'null') as ImapServer | null;
      if (!server) fail('mail_not_configured', { part: 'imap' });
      // The same store main chose: files in the data folder, or the database (PostgreSQL).
      const store = attachmentStoreFor(services.engine, dataDir);
      const importId = await beginImport(services, actor, { kind: 'mail', source: params.mailbox, jobId });
      const totals: BatchCounts = { new: 0, appended: 0, skipped: 0, failed: 0 };
      let status: 'done' | 'failed' | 'cancelled' = 'failed';
      let result: { found: number; moved: number };
      try {
        result = await pollImapFolder(server, {
          batchSize: MAIL_BATCH,
          maxMessageBytes: DEFAULT_MAIL_LIMITS.maxMessageBytes,
          progress: (done, total) => progress(done, total, 'mail'),
          checkCancelled,
          async take(batch) {
            const items: MailBatchItem[] = [];
            for (const message of batch) items.push(await readImapItem(server.folder, message, services.now()));
            const counts = await importMailBatch(services, store, actor, importId, items);
            for (const key of Object.keys(totals) as (keyof BatchCounts)[]) totals[key] += counts[key];
            // Imported, or skipped (known, automatic, our own): done with, moved. A failed one stays in the watched folder.
            return batch.filter((_message, index) => !items[index]!.error).map((message) => message.uid);
          },
        });
        status = 'done';
      } catch (error) {
        if (error instanceof JobCancelled) status = 'cancelled';
        if (error instanceof ImapConnectionError) {
          // The history shows why this poll found nothing: the server could not be reached or refused the login.
          await recordImportFailure(services, importId, params.mailbox, 'mail_connection_failed', { reason: error.message });
          fail('mail_connection_failed', { reason: error.message });
        }
        throw error;
      } finally {
        await finishImport(services, importId, status);
      }
      return { counts: { ...totals, found: result.found, moved: result.moved, importId } };
    },
  }),
  importBarometerVotes: define({
    params: JOB_PARAMS.importBarometerVotes,
    async run(job) {
      const outcome = await importBarometerVotesJob(job, job.params, IMPORTS_FOLDER);
      // The row errors (translated by the window, each naming its row) come back as the job's result.
      return { counts: outcome.counts, result: { name: 'vote-import.json', mediaType: 'application/json', bytes: Buffer.from(JSON.stringify({ errors: outcome.errors })) } };
    },
  }),
} satisfies Record<JobKind, JobDefinition<z.ZodType>>;
