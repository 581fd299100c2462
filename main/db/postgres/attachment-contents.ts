// Attachments' bytes on PostgreSQL: one row of attachment_contents (migration 0024) per content, keyed by its SHA-256,
// written in the same transaction as the attachments row that names it (a failed write leaves neither). The same content
// inserted twice, by this seat or another at the same moment, is stored once: ON CONFLICT DO NOTHING waits for the
// other transaction and does nothing if it committed (and inserts if it rolled back). The table's CHECKs keep the
// 25 MB limit and the size; its row-level security shows a department head the contents of their departments'
// attachments only, so a read of another department's content finds no row.
import { sql, type Kysely } from 'kysely';
import type { AttachmentContents } from '../engine.ts';
import type { Schema } from '../schema.ts';

const asBuffer = (bytes: Uint8Array) => (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));

export const postgresAttachmentContents: AttachmentContents = {
  async put(db, sha256, bytes) {
    await sql`INSERT INTO attachment_contents (sha256, size, content) VALUES (${sha256}, ${bytes.length}, ${asBuffer(bytes)}) ON CONFLICT (sha256) DO NOTHING`.execute(db);
  },
  async read(db, sha256) {
    // ReadDb is the root instance or a transaction seen through its reads only (as runCompiled in handles.ts): a SELECT.
    const { rows } = await sql<{ content: Buffer }>`SELECT content FROM attachment_contents WHERE sha256 = ${sha256}`.execute(db as unknown as Kysely<Schema>);
    return rows[0]?.content ?? null;
  },
};
