// Attachment rules without I/O: the size limit, what a file name may contain, and base64 sizes known before decoding.

export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

/** The longest base64 text the contract accepts: twice the limit, so a slightly too large file still gets attachment_too_large. */
export const MAX_ATTACHMENT_BASE64_CHARS = 2 * 4 * Math.ceil(MAX_ATTACHMENT_BYTES / 3);

export const DEFAULT_MEDIA_TYPE = 'application/octet-stream';

export type FileNameProblem = 'path_separator' | 'control_character' | 'reserved_name' | 'empty';

// Bidi overrides and isolates can make "invoice\u202Efdp.exe" look like "invoiceexe.pdf".
const CONTROL = /[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

export function fileNameProblem(name: string): FileNameProblem | null {
  if (name.trim() === '') return 'empty';
  if (/[/\\]/.test(name)) return 'path_separator';
  if (CONTROL.test(name)) return 'control_character';
  if (name === '.' || name === '..') return 'reserved_name';
  return null;
}

/** Bytes a base64 text decodes to, from its length and padding alone (no decoding). */
export function base64DecodedSize(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((text.length * 3) / 4) - padding);
}

/** Canonical base64 as FileReader and Buffer write it: no line breaks, padded to a multiple of 4. */
export function isBase64(text: string): boolean {
  return text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text);
}
