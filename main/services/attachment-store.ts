// Where attachments' bytes are kept, content-addressed by SHA-256 (each content once), chosen once per process from the
// engine (attachmentStoreFor): the app context and every job's worker ask the same question of the same database, so
// they choose alike.
// - SQLite (one seat): files, <dataDir>/attachments/<first 2 hex>/<sha256>. A file is written under a temp name beside
//   its final one, flushed, then renamed, so a crash never leaves a half file under the final name. It is written
//   before the row that names it (a rolled-back transaction at worst leaves an unreferenced file).
// - PostgreSQL (several seats, each with its own data folder): rows of attachment_contents, written in the caller's
//   transaction with the attachments row (a failed write leaves neither), read back under row-level security.
import { createHash, randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { AttachmentContents, Engine } from '../db/engine.ts';
import type { ReadDb, WriteDb } from '../db/handles.ts';
import { MAX_ATTACHMENT_BYTES } from '../domain/attachments.ts';
import { fail } from './errors.ts';

export const ATTACHMENTS_FOLDER = 'attachments';

/** Creates file (which must not exist yet) with exactly these bytes, flushed to disk. */
export type WriteNewFile = (file: string, bytes: Uint8Array) => void;

export interface AttachmentStore {
  /** Files in the data folder, or the database. */
  readonly kind: 'files' | 'database';
  /** The largest content the store takes (the database's is the upload limit; files take a whole mail's original). */
  readonly maxBytes: number;
  /**
   * Stores the bytes unless the same content is already there, as part of db's transaction (call it before inserting
   * the row that names them); returns their SHA-256 (hex).
   */
  put(db: WriteDb, bytes: Uint8Array): Promise<string>;
  /** The stored bytes, or null when they are missing (or not visible to this connection). */
  read(db: ReadDb, sha256: string): Promise<Buffer | null>;
}

/** The files store, which can also be written outside a transaction (fixtures, tools). */
export interface AttachmentFiles extends AttachmentStore {
  readonly kind: 'files';
  putFile(bytes: Uint8Array): string;
  pathOf(sha256: string): string;
}

export const writeNewFile: WriteNewFile = (file, bytes) => {
  const fd = openSync(file, 'wx');
  try {
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
};

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The store this engine keeps attachments in: its database's (PostgreSQL), or files under the data folder (SQLite). */
export function attachmentStoreFor(engine: Engine, dataDir: string): AttachmentStore {
  return engine.attachmentContents ? createDatabaseAttachmentStore(engine.attachmentContents) : createAttachmentStore(path.join(dataDir, ATTACHMENTS_FOLDER));
}

export function createDatabaseAttachmentStore(contents: AttachmentContents): AttachmentStore {
  return {
    kind: 'database',
    maxBytes: MAX_ATTACHMENT_BYTES,
    async put(db, bytes) {
      if (bytes.length > MAX_ATTACHMENT_BYTES) {
        fail('attachment_too_large', { size: bytes.length, maxBytes: MAX_ATTACHMENT_BYTES, maxMegabytes: MAX_ATTACHMENT_BYTES / 1024 / 1024 });
      }
      const sha256 = sha256Of(bytes);
      await contents.put(db, sha256, bytes);
      return sha256;
    },
    read: (db, sha256) => contents.read(db, sha256),
  };
}

export function createAttachmentStore(root: string, write: WriteNewFile = writeNewFile): AttachmentFiles {
  const pathOf = (sha256: string): string => {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256: ${sha256.slice(0, 80)}`);
    return path.join(root, sha256.slice(0, 2), sha256);
  };
  // A file damaged outside the app is written again rather than trusted (the size check spares most reads).
  const holds = (file: string, bytes: Uint8Array) =>
    statSync(file, { throwIfNoEntry: false })?.size === bytes.length && readFileSync(file).equals(bytes);

  const putFile = (bytes: Uint8Array): string => {
    const sha256 = sha256Of(bytes);
    const final = pathOf(sha256);
    if (holds(final, bytes)) return sha256;
    mkdirSync(path.dirname(final), { recursive: true });
    const temp = path.join(path.dirname(final), `.${sha256}.${randomUUID()}.tmp`);
    try {
      write(temp, bytes);
      renameSync(temp, final);
    } catch (error) {
      rmSync(temp, { force: true });
      // Another writer may have stored the same content meanwhile (Windows refuses to replace a file that is open).
      if (holds(final, bytes)) return sha256;
      throw error;
    }
    return sha256;
  };

  return {
    kind: 'files',
    // A mail's original (up to the mail limit) is kept whole; uploads are checked against the attachment limit before.
    maxBytes: Number.POSITIVE_INFINITY,
    pathOf,
    putFile,
    put: async (_db, bytes) => putFile(bytes),
    async read(_db, sha256) {
      try {
        return readFileSync(pathOf(sha256));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
  };
}
