// Imports: mail messages (already parsed by main/io/mail.ts, in the job's worker) become cases with channel email, or a
// timeline entry of the case whose reference the subject carries. Each batch is one transaction: all of it or nothing.
// A Message-ID already imported is skipped; automatic mail (auto-replies, bounces) never opens a case.
import type { ImportDetail, ImportItemInfo, ImportKind, ImportSummary } from '../types/imports.ts';
import { safeFileName } from '../domain/attachments.ts';
import { parseReference } from '../domain/references.ts';
import { referenceInSubject, type MailAttachment, type ParsedMail } from '../io/mail.ts';
import { readJson, stored } from '../db/json.ts';
import type { Actor } from './actor.ts';
import type { AttachmentStore } from './attachment-store.ts';
import { createCase } from './cases.ts';
import type { ServiceContext, TxContext } from './context.ts';
import { fail } from './errors.ts';
import { ownMailAddresses } from './mail-settings.ts';
import { appendEvent } from './timeline.ts';

export const MAIL_SOURCE_KIND = 'mail';
const MAX_SUBJECT_CHARS = 300;
const MAX_DESCRIPTION_CHARS = 100_000;

/** One file of a batch: read (with its original bytes, kept as an attachment) or failed with a reason. */
export type MailBatchItem =
  | { name: string; mail: ParsedMail; original: Uint8Array; error?: undefined }
  | { name: string; mail?: undefined; error: { code: string; details: Record<string, unknown> } };

export interface BatchCounts {
  new: number;
  appended: number;
  skipped: number;
  failed: number;
}

export async function beginImport(ctx: ServiceContext, actor: Actor, input: { kind: ImportKind; source: string; jobId: number | null }): Promise<number> {
  return await ctx.tx(async (ctx) => {
    const row = await ctx.db
      .insertInto('imports')
      .values({ kind: input.kind, job_id: input.jobId, started_by: actor.id, started_at: ctx.now().toISOString(), source: input.source.slice(0, 2000), status: 'running' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

export async function finishImport(ctx: ServiceContext, importId: number, status: 'done' | 'failed' | 'cancelled'): Promise<void> {
  await ctx.tx((ctx) =>
    ctx.db.updateTable('imports').set({ status, finished_at: ctx.now().toISOString() }).where('id', '=', importId).where('status', '=', 'running').execute(),
  );
}

/**
 * Imports one batch of mail in one transaction: new cases, timeline entries for answers to a known case, and the
 * import's items for what was skipped or failed; the import's counts grow by this batch's. Any error undoes the batch.
 */
export async function importMailBatch(ctx: ServiceContext, store: AttachmentStore, actor: Actor, importId: number, items: MailBatchItem[]): Promise<BatchCounts> {
  return await ctx.tx(async (ctx) => {
    const counts: BatchCounts = { new: 0, appended: 0, skipped: 0, failed: 0 };
    const ownAddresses = await ownMailAddresses(ctx.db);
    for (const item of items) {
      if (item.error) {
        await recordItem(ctx, importId, item.name, 'failed', item.error.code, item.error.details);
        counts.failed++;
        continue;
      }
      const mail = item.mail;
      // Mail loop protection: what Ombudsdesk sent (our header) or what comes from our own address never opens a case
      // and never lands on a timeline, whatever its subject says.
      const own = mail.ombudsdeskReference !== null ? 'header' : mail.fromAddress !== null && ownAddresses.includes(mail.fromAddress) ? 'from' : null;
      if (own) {
        await recordItem(ctx, importId, item.name, 'skipped', 'mail_own', { reason: own, reference: mail.ombudsdeskReference });
        counts.skipped++;
        continue;
      }
      if (mail.automatic) {
        await recordItem(ctx, importId, item.name, 'skipped', 'mail_automatic', { reason: mail.automatic });
        counts.skipped++;
        continue;
      }
      const known = await ctx.db
        .selectFrom('imported_sources as s')
        .innerJoin('cases as c', 'c.id', 's.case_id')
        .select(['c.id', 'c.reference'])
        .where('s.source_kind', '=', MAIL_SOURCE_KIND)
        .where('s.external_id', '=', mail.messageId)
        .executeTakeFirst();
      if (known) {
        await recordItem(ctx, importId, item.name, 'skipped', 'already_imported', { reference: known.reference }, known.id);
        counts.skipped++;
        continue;
      }
      // The original is kept as an attachment; a store that takes less than the mail limit (the database's 25 MB on
      // PostgreSQL) refuses this one message, not the batch.
      if (item.original.length > store.maxBytes) {
        const maxMegabytes = Math.floor(store.maxBytes / 1024 / 1024);
        await recordItem(ctx, importId, item.name, 'failed', 'mail_too_large', { file: item.name, size: item.original.length, maxMegabytes });
        counts.failed++;
        continue;
      }
      const target = await caseForReference(ctx, mail.subject);
      const caseId = target ?? (await createMailCase(ctx, actor, mail));
      const stamp = ctx.now().toISOString();
      const files = [...mail.attachments, originalOf(item.name, mail, item.original)];
      const attached: { attachmentId: number; fileName: string }[] = [];
      for (const file of files) attached.push(await attach(ctx, store, actor, caseId, file, stamp, target === null));
      if (target !== null) {
        await ctx.db.updateTable('cases').set({ updated_at: stamp }).where('id', '=', caseId).execute();
        await appendEvent(ctx.db, {
          caseId,
          actorId: actor.id,
          type: 'mail_received',
          at: stamp,
          data: {
            subject: mail.subject,
            fromName: mail.fromName,
            fromAddress: mail.fromAddress,
            receivedAt: mail.receivedAt,
            receivedAtSource: mail.receivedAtSource,
            messageId: mail.messageId,
            fileName: item.name,
            importId,
            attachments: attached,
            body: mail.text.slice(0, MAX_DESCRIPTION_CHARS),
          },
        });
        counts.appended++;
      } else {
        await appendEvent(ctx.db, {
          caseId,
          actorId: actor.id,
          type: 'mail_imported',
          at: stamp,
          data: { fileName: item.name, messageId: mail.messageId, receivedAtSource: mail.receivedAtSource, importId, attachments: attached.length },
        });
        counts.new++;
      }
      await ctx.db
        .insertInto('imported_sources')
        .values({ source_kind: MAIL_SOURCE_KIND, external_id: mail.messageId, case_id: caseId, import_id: importId, imported_at: stamp })
        .execute();
    }
    await ctx.db
      .updateTable('imports')
      .set((eb) => ({
        new_count: eb('new_count', '+', counts.new),
        appended_count: eb('appended_count', '+', counts.appended),
        skipped_count: eb('skipped_count', '+', counts.skipped),
        failed_count: eb('failed_count', '+', counts.failed),
      }))
      .where('id', '=', importId)
      .execute();
    return counts;
  });
}

/** A failure of the whole run (the mailbox could not be reached): one failed item, so the history says why. */
export async function recordImportFailure(ctx: ServiceContext, importId: number, item: string, code: string, details: Record<string, unknown>): Promise<void> {
  await ctx.tx(async (ctx) => {
    await recordItem(ctx, importId, item, 'failed', code, details);
    await ctx.db.updateTable('imports').set((eb) => ({ failed_count: eb('failed_count', '+', 1) })).where('id', '=', importId).execute();
  });
}

export async function recordItem(
  ctx: TxContext,
  importId: number,
  item: string,
  outcome: 'failed' | 'skipped',
  code: string,
  details: Record<string, unknown>,
  caseId: number | null = null,
): Promise<void> {
  await ctx.db.insertInto('import_items').values({ import_id: importId, item: item.slice(0, 1000), outcome, code, details: JSON.stringify(details), case_id: caseId }).execute();
}

/** Items per multi-row INSERT (6 parameters each). */
const ITEMS_PER_INSERT = 1000;

export interface ImportItemEntry {
  item: string;
  outcome: 'failed' | 'skipped';
  code: string;
  details: Record<string, unknown>;
  caseId?: number | null;
}

/** recordItem for many items at once, in the order given (a batch's skipped and failed rows). */
export async function recordItems(
  ctx: TxContext,
  importId: number,
  items: ImportItemEntry[],
): Promise<void> {
  for (let start = 0; start < items.length; start += ITEMS_PER_INSERT) {
    await ctx.db
      .insertInto('import_items')
      .values(
        items.slice(start, start + ITEMS_PER_INSERT).map((entry) => ({
          import_id: importId,
          item: entry.item.slice(0, 1000),
          outcome: entry.outcome,
          code: entry.code,
          details: JSON.stringify(entry.details),
          case_id: entry.caseId ?? null,
        })),
      )
      .execute();
  }
}

/** The case a subject's reference names ("Re: Ihr Anliegen 2026-00042"), if it exists. */
async function caseForReference(ctx: TxContext, subject: string): Promise<number | null> {
  const reference = referenceInSubject(subject);
  if (!reference || !parseReference(reference)) return null;
  const row = await ctx.db.selectFrom('cases').select('id').where('reference', '=', reference).executeTakeFirst();
  return row?.id ?? null;
}

async function createMailCase(ctx: TxContext, actor: Actor, mail: ParsedMail): Promise<number> {
  const subject = (mail.subject || mail.fileName).slice(0, MAX_SUBJECT_CHARS);
  return await createCase(ctx, actor, {
    // What an email is about is decided at triage; until then it is filed as a complaint, the office's most common kind.
    kind: 'complaint',
    channel: 'email',
    origin: 'external',
    receivedAt: mail.receivedAt,
    subject,
    description: mail.text.slice(0, MAX_DESCRIPTION_CHARS),
    priority: 'normal',
    submitter: {
      anonymous: false,
      name: mail.fromName,
      email: mail.fromAddress,
      phone: null,
      address: null,
      organisation: null,
      language: null,
      consent: false,
      consentText: null,
    },
  });
}

function originalOf(name: string, mail: ParsedMail, bytes: Uint8Array): MailAttachment {
  const extension = mail.format === 'msg' ? '.msg' : '.eml';
  const fileName = name.toLowerCase().endsWith(extension) ? name : `${name}${extension}`;
  return { fileName, mediaType: mail.format === 'msg' ? 'application/vnd.ms-outlook' : 'message/rfc822', bytes };
}

async function attach(
  ctx: TxContext,
  store: AttachmentStore,
  actor: Actor,
  caseId: number,
  file: MailAttachment,
  stamp: string,
  withEvent: boolean,
): Promise<{ attachmentId: number; fileName: string }> {
  // The content goes to the store inside the batch: a rolled-back batch at worst leaves an unreferenced file (SQLite's
  // files), or nothing (PostgreSQL's attachment_contents, written in this transaction).
  const sha256 = await store.put(ctx.db, file.bytes);
  const fileName = safeFileName(file.fileName);
  const mediaType = /^[\w!#$&^.+-]+\/[\w!#$&^.+-]+$/.test(file.mediaType) ? file.mediaType.slice(0, 100) : 'application/octet-stream';
  const { id } = await ctx.db
    .insertInto('attachments')
    .values({ case_id: caseId, sha256, file_name: fileName, media_type: mediaType, size: file.bytes.length, added_at: stamp, added_by: actor.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (withEvent) {
    await appendEvent(ctx.db, {
      caseId,
      actorId: actor.id,
      type: 'attachment_added',
      at: stamp,
      data: { attachmentId: id, fileName, mediaType, size: file.bytes.length, sha256 },
    });
  }
  return { attachmentId: id, fileName };
}

// ------------------------------------------------------------------------------------------------------------- reads

type ImportRow = {
  id: number;
  kind: string;
  job_id: number | null;
  started_at: string;
  finished_at: string | null;
  source: string;
  new_count: number;
  appended_count: number;
  skipped_count: number;
  failed_count: number;
  status: string;
  display_name: string | null;
  job_status: string | null;
};

function toSummary(row: ImportRow): ImportSummary {
  // A run whose job ended without finishing it (the app stopped) is shown as its job ended.
  const status = row.status === 'running' && row.job_status && row.job_status !== 'running' ? 'interrupted' : row.status;
  return {
    id: row.id,
    kind: row.kind as ImportKind,
    jobId: row.job_id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    startedBy: row.display_name,
    source: row.source,
    counts: { new: row.new_count, appended: row.appended_count, skipped: row.skipped_count, failed: row.failed_count },
    status: status as ImportSummary['status'],
  };
}

const summaryQuery = (ctx: ServiceContext) =>
  ctx.read
    .selectFrom('imports as i')
    .leftJoin('users as u', 'u.id', 'i.started_by')
    .leftJoin('jobs as j', 'j.id', 'i.job_id')
    .select([
      'i.id',
      'i.kind',
      'i.job_id',
      'i.started_at',
      'i.finished_at',
      'i.source',
      'i.new_count',
      'i.appended_count',
      'i.skipped_count',
      'i.failed_count',
      'i.status',
      'u.display_name',
      'j.status as job_status',
    ]);

/** The office's imports, newest first (imports are the office's: callers are office roles). */
export async function listImports(ctx: ServiceContext, _actor: Actor): Promise<ImportSummary[]> {
  const rows = await summaryQuery(ctx).orderBy('i.id', 'desc').limit(200).execute();
  return rows.map(toSummary);
}

export async function importDetail(ctx: ServiceContext, _actor: Actor, id: number): Promise<ImportDetail> {
  const row = (await summaryQuery(ctx).where('i.id', '=', id).executeTakeFirst()) ?? fail('not_found', { id });
  const items = await ctx.read
    .selectFrom('import_items as it')
    .leftJoin('cases as c', 'c.id', 'it.case_id')
    .select(['it.id', 'it.item', 'it.outcome', 'it.code', 'it.details', 'it.case_id', 'c.reference'])
    .where('it.import_id', '=', id)
    .orderBy('it.id')
    .limit(5000)
    .execute();
  return {
    ...toSummary(row),
    items: items.map(
      (item): ImportItemInfo => ({
        id: item.id,
        item: item.item,
        outcome: item.outcome as ImportItemInfo['outcome'],
        code: item.code,
        details: readJson(item.details, stored.object),
        caseId: item.case_id,
        reference: item.reference,
      }),
    ),
  };
}

/** Whether a mailbox poll is running (one at a time for the office). */
export async function runningMailPoll(ctx: ServiceContext): Promise<boolean> {
  const row = await ctx.read.selectFrom('jobs').select('id').where('kind', '=', 'pollMailbox').where('status', '=', 'running').executeTakeFirst();
  return row !== undefined;
}

/** Whether this user already has an import running (a second click starts nothing). */
export async function runningImportOf(ctx: ServiceContext, actor: Actor): Promise<boolean> {
  const row = await ctx.read
    .selectFrom('jobs')
    .select('id')
    .where('kind', 'in', ['importMail', 'importTable', 'importOpen311'])
    .where('status', '=', 'running')
    // `IS` with a value is SQLite's; PostgreSQL takes IS only with NULL (the system actor has no id).
    .where('user_id', actor.id === null ? 'is' : '=', actor.id)
    .executeTakeFirst();
  return row !== undefined;
}
