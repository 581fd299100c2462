// Attachments of a case: the bytes go to the content-addressed store (attachment-store.ts: files on SQLite, the database on
// PostgreSQL) first, then the row and its timeline event, all in one transaction, so a row never points to content that is
// not there (on SQLite a failed insert at worst leaves an unreferenced file; on PostgreSQL it leaves nothing).
import { base64DecodedSize, isBase64, MAX_ATTACHMENT_BYTES, safeFileName } from '../domain/attachments.ts';
import type { AttachmentContent, AttachmentInfo } from '../types/attachments.ts';
import type { Actor } from './actor.ts';
import { readAttachment, readAttachments } from './attachment-records.ts';
import { sha256Of, type AttachmentStore } from './attachment-store.ts';
import { loadCaseRow, type CaseRow } from './cases.ts';
import type { ServiceContext } from './context.ts';
import { fail } from './errors.ts';
import { appendEvent } from './timeline.ts';

export interface AddAttachmentInput {
  caseId: number;
  fileName: string;
  mediaType: string;
  dataBase64: string;
}

function refuseClosedCase(row: CaseRow): void {
  if (row.status === 'withdrawn' || row.status === 'merged') fail('invalid_transition', { from: row.status, action: 'attach' });
}

export async function addAttachment(ctx: ServiceContext, store: AttachmentStore, actor: Actor, input: AddAttachmentInput): Promise<AttachmentInfo> {
  refuseClosedCase(await loadCaseRow(ctx, actor, input.caseId));
  // Renamed rather than refused: stored, listed and offered for saving as a name that is safe on every system.
  const fileName = safeFileName(input.fileName);
  // Checked from the text's length alone: an oversized upload is never decoded.
  const size = base64DecodedSize(input.dataBase64);
  if (size > MAX_ATTACHMENT_BYTES) {
    fail('attachment_too_large', { size, maxBytes: MAX_ATTACHMENT_BYTES, maxMegabytes: MAX_ATTACHMENT_BYTES / 1024 / 1024 });
  }
  if (!isBase64(input.dataBase64)) fail('invalid_input', { field: 'dataBase64' });
  const bytes = Buffer.from(input.dataBase64, 'base64');
  const id = await ctx.tx(async (ctx) => {
    const { db } = ctx;
    // Read again inside the transaction: the case may have been withdrawn or merged since.
    const row = await loadCaseRow(ctx, actor, input.caseId);
    refuseClosedCase(row);
    const sha256 = await store.put(db, bytes);
    const stamp = ctx.now().toISOString();
    const attachmentId = (await db
        .insertInto('attachments')
        .values({
          case_id: row.id,
          sha256,
          file_name: fileName,
          media_type: input.mediaType,
          size: bytes.length,
          added_at: stamp,
          added_by: actor.id,
        })
        .returning('id').executeTakeFirst())!.id;
    await db.updateTable('cases').set({ updated_at: stamp }).where('id', '=', row.id).execute();
    await appendEvent(db, {
      caseId: row.id,
      actorId: actor.id,
      type: 'attachment_added',
      at: stamp,
      data: { attachmentId, fileName, mediaType: input.mediaType, size: bytes.length, sha256 },
    });
    return attachmentId;
  });
  return (await readAttachment(ctx.read, id))!;
}

export async function listAttachments(ctx: ServiceContext, actor: Actor, caseId: number): Promise<AttachmentInfo[]> {
  await loadCaseRow(ctx, actor, caseId);
  return await readAttachments(ctx.read, caseId);
}

export async function getAttachment(ctx: ServiceContext, store: AttachmentStore, actor: Actor, id: number): Promise<AttachmentContent> {
  const info = await readAttachment(ctx.read, id);
  if (!info) fail('not_found', { field: 'id' });
  // The same answer as for a missing id: a department head must not learn what exists elsewhere.
  await loadCaseRow(ctx, actor, info.caseId);
  const bytes = await store.read(ctx.read, info.sha256);
  if (!bytes) fail('attachment_unavailable', { id, reason: 'missing' });
  if (bytes.length !== info.size || sha256Of(bytes) !== info.sha256) fail('attachment_unavailable', { id, reason: 'damaged' });
  return {
    id: info.id,
    caseId: info.caseId,
    fileName: info.fileName,
    mediaType: info.mediaType,
    size: info.size,
    dataBase64: bytes.toString('base64'),
  };
}
