// Attachment files, content-addressed: <root>/<first 2 hex>/<sha256>, each content once. A file is written under a temp
// name beside its final one, flushed, then renamed, so a crash never leaves a half file under the final name.
import { createHash, randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';

export const ATTACHMENTS_FOLDER = 'attachments';

/** Creates file (which must not exist yet) with exactly these bytes, flushed to disk. */
export type WriteNewFile = (file: string, bytes: Uint8Array) => void;

export interface AttachmentStore {
  /** Stores the bytes unless the same content is already there; returns their SHA-256 (hex). */
  put(bytes: Uint8Array): string;
  /** The stored bytes, or null when the file is missing. */
  read(sha256: string): Buffer | null;
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

export function createAttachmentStore(root: string, write: WriteNewFile = writeNewFile): AttachmentStore {
  const pathOf = (sha256: string): string => {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256: ${sha256.slice(0, 80)}`);
    return path.join(root, sha256.slice(0, 2), sha256);
  };
  // A file damaged outside the app is written again rather than trusted (the size check spares most reads).
  const holds = (file: string, bytes: Uint8Array) =>
    statSync(file, { throwIfNoEntry: false })?.size === bytes.length && readFileSync(file).equals(bytes);

  return {
    pathOf,
    put(bytes) {
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
    },
    read(sha256) {
      try {
        return readFileSync(pathOf(sha256));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
  };
}
