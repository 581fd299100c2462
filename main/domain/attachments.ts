// Attachment rules without I/O: the size limit, a file name safe to save on any system, and base64 sizes known before decoding.

export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

/** The longest base64 text the contract accepts: twice the limit, so a slightly too large file still gets attachment_too_large. */
export const MAX_ATTACHMENT_BASE64_CHARS = 2 * 4 * Math.ceil(MAX_ATTACHMENT_BYTES / 3);

export const DEFAULT_MEDIA_TYPE = 'application/octet-stream';

/** The most UTF-8 bytes a file name may have on ext4 and APFS (NTFS counts 255 UTF-16 units, never fewer characters). */
export const MAX_FILE_NAME_BYTES = 255;

/** The name a file gets when nothing of its own name is left. */
export const FALLBACK_FILE_NAME = 'attachment';

// An extension longer than this is not kept whole when a name is shortened (it is likely just text after a dot).
const MAX_EXTENSION_BYTES = 32;

// Each replaced by '_':
// - control characters (C0, DEL, C1), line and paragraph separators, and lone surrogates (no valid UTF-8 on disk);
// - bidi marks, embeddings, overrides and isolates: they can make "invoice\u202Efdp.exe" look like "invoiceexe.pdf";
// - what Windows refuses in a name, < > : " / \ | ? *  (':' would also write an NTFS alternate data stream, and macOS
//   shows it as '/');
// - characters that look like a slash or backslash (∕ ⁄ ⧸ ⧹ ／ ＼ ⧵ ∖ ﹨), so a name cannot pass for a folder path.
const UNSAFE = /[\p{Cc}\p{Zl}\p{Zp}\p{Cs}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069<>:"/\\|?*\u2044\u2215\u2216\u29F5\u29F8\u29F9\uFE68\uFF0F\uFF3C]/gu;

// Windows device names, reserved with any extension ("NUL.txt", "nul.tar.gz") and in any case; Windows ignores spaces
// before the extension. COM and LPT include 0 and the superscript digits Windows also matches (COM¹, LPT²).
const RESERVED = /^(?:CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|COM[0-9¹²³]|LPT[0-9¹²³])\s*(?:\.|$)/iu;

const TRAILING = /[\s.]+$/u;
const utf8 = new TextEncoder();
const byteLength = (text: string) => utf8.encode(text).length;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * A file name that saves as itself on Windows, macOS and Linux, made from whatever name a file arrived with (a citizen's
 * mail attachment is renamed rather than refused): NFC; the characters above replaced by '_'; leading spaces and
 * trailing dots and spaces removed (Windows drops those, so "report." would not be saved as itself); a device name gets a
 * '_' in front ("_NUL.txt"); at most 255 UTF-8 bytes, cut between characters and keeping the extension; nothing left
 * (or only dots) gives "attachment". Idempotent: a safe name comes back unchanged.
 */
export function safeFileName(name: string): string {
  let safe = withoutTrailing(fitBytes(withoutTrailing(name.normalize('NFC').replace(UNSAFE, '_').replace(/^\s+/u, ''))));
  // After shortening: a cut can end a name in front of its extension ("NUL     .pdf"); with '_' in front no cut makes it reserved.
  if (RESERVED.test(safe)) safe = withoutTrailing(fitBytes(`_${safe}`));
  return /^[.\s]*$/u.test(safe) ? FALLBACK_FILE_NAME : safe;
}

function withoutTrailing(name: string): string {
  return name.replace(TRAILING, '');
}

/** The name cut to MAX_FILE_NAME_BYTES, keeping its extension and whole characters (an emoji or an accented letter). */
function fitBytes(name: string): string {
  if (byteLength(name) <= MAX_FILE_NAME_BYTES) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && byteLength(name.slice(dot)) <= MAX_EXTENSION_BYTES ? name.slice(dot) : '';
  return cut(name.slice(0, name.length - extension.length), MAX_FILE_NAME_BYTES - byteLength(extension)) + extension;
}

function cut(text: string, maxBytes: number): string {
  let kept = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const size = byteLength(segment);
    if (used + size <= maxBytes) {
      kept += segment;
      used += size;
      continue;
    }
    // A single character longer than the whole budget (a letter under hundreds of accents) is cut by code points.
    if (kept === '') for (const point of segment) if ((used += byteLength(point)) <= maxBytes) kept += point;
    break;
  }
  return kept;
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
