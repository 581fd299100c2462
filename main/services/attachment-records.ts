// Reading attachment rows (no access check here: callers check the case through loadCaseRow).
import type { AttachmentInfo } from '../types/attachments.ts';
import type { ReadDb } from '../db/handles.ts';
import { safeFileName } from '../domain/attachments.ts';

const selectInfo = (db: ReadDb) =>
  db
    .selectFrom('attachments as a')
    .leftJoin('users as u', 'u.id', 'a.added_by')
    .select(['a.id', 'a.case_id', 'a.file_name', 'a.media_type', 'a.size', 'a.sha256', 'a.added_at', 'a.added_by', 'u.display_name']);

type InfoRow = Awaited<ReturnType<ReturnType<typeof selectInfo>['executeTakeFirstOrThrow']>>;

function toInfo(row: InfoRow): AttachmentInfo {
  return {
    id: row.id,
    caseId: row.case_id,
    // Made safe again on the way out: rows stored before names were made safe are saved under a safe name too.
    fileName: safeFileName(row.file_name),
    mediaType: row.media_type,
    size: row.size,
    sha256: row.sha256,
    addedAt: row.added_at,
    addedById: row.added_by,
    addedByName: row.display_name,
  };
}

export async function readAttachments(db: ReadDb, caseId: number): Promise<AttachmentInfo[]> {
  return (await selectInfo(db).where('a.case_id', '=', caseId).orderBy('a.id').execute()).map(toInfo);
}

export async function readAttachment(db: ReadDb, id: number): Promise<AttachmentInfo | undefined> {
  const row = (await selectInfo(db).where('a.id', '=', id).executeTakeFirst());
  return row ? toInfo(row) : undefined;
}
