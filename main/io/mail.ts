// Email files read into one normalized message: .eml with mailparser, Outlook .msg with msgreader. Bytes in, a message
// out; nothing here touches the database. Liberal in what it takes (broken MIME, unknown charsets, raw 8-bit headers,
// UTF-7), and what it cannot read is a MailError with a stable code naming the file, never a crash.
import { createHash } from 'node:crypto';
import MsgReaderModule from '@kenjiuno/msgreader';
import { simpleParser, type AddressObject, type HeaderValue } from 'mailparser';
import { MAX_ATTACHMENT_BYTES } from '../domain/attachments.ts';

export type MailErrorCode = 'mail_empty' | 'mail_too_large' | 'mail_unreadable' | 'mail_truncated' | 'mail_too_deep' | 'mail_attachment_too_large';

export class MailError extends Error {
  readonly code: MailErrorCode;
  readonly details: Record<string, unknown>;
  constructor(code: MailErrorCode, details: Record<string, unknown>) {
    super(`${code}: ${JSON.stringify(details)}`);
    this.name = 'MailError';
    this.code = code;
    this.details = details;
  }
}

export interface MailLimits {
  /** The whole file. */
  maxMessageBytes: number;
  /** Each attachment: the same as attachments added by hand. */
  maxAttachmentBytes: number;
  /** Multipart containers in one message (nested or not): a bomb of 1,000 nested multiparts is refused before parsing. */
  maxMultiparts: number;
}

export const DEFAULT_MAIL_LIMITS: MailLimits = {
  maxMessageBytes: 50 * 1024 * 1024,
  maxAttachmentBytes: MAX_ATTACHMENT_BYTES,
  maxMultiparts: 64,
};

export interface MailAttachment {
  fileName: string;
  mediaType: string;
  bytes: Uint8Array;
}

export interface ParsedMail {
  fileName: string;
  format: 'eml' | 'msg';
  /** The Message-ID without angle brackets, or sha256:<hex of the file> when the message has none. */
  messageId: string;
  messageIdSource: 'header' | 'hash';
  subject: string;
  fromName: string | null;
  fromAddress: string | null;
  /** ISO time; where it came from: the Date header, the file's time, or the time of the import. */
  receivedAt: string;
  receivedAtSource: 'header' | 'file' | 'import';
  text: string;
  attachments: MailAttachment[];
  /** Why this is an automatic message (auto-reply, bounce) that must not open a case; null for a person's mail. */
  automatic: string | null;
  /** Our own X-Ombudsdesk-Reference header (a mail Ombudsdesk sent): such a mail never triggers anything (loop protection). */
  ombudsdeskReference: string | null;
}

export interface MailFile {
  fileName: string;
  bytes: Uint8Array;
  /** The file's modification time (ms), the fallback when the message has no usable Date. */
  lastModified?: number | null | undefined;
}

/** Reads one .eml or .msg file (told apart by content: a .msg is an OLE compound file). */
export async function parseMailFile(file: MailFile, now: Date, limits: MailLimits = DEFAULT_MAIL_LIMITS): Promise<ParsedMail> {
  const { fileName, bytes } = file;
  if (bytes.length === 0) throw new MailError('mail_empty', { file: fileName });
  if (bytes.length > limits.maxMessageBytes) {
    throw new MailError('mail_too_large', { file: fileName, size: bytes.length, maxMegabytes: Math.floor(limits.maxMessageBytes / 1024 / 1024) });
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parsed = isCompoundFile(buffer) ? readMsg(fileName, buffer) : await readEml(fileName, buffer, limits);
  for (const attachment of parsed.attachments) {
    if (attachment.bytes.length > limits.maxAttachmentBytes) {
      throw new MailError('mail_attachment_too_large', {
        file: fileName,
        attachment: attachment.fileName,
        size: attachment.bytes.length,
        maxMegabytes: Math.floor(limits.maxAttachmentBytes / 1024 / 1024),
      });
    }
  }
  const date = parsed.date && !Number.isNaN(parsed.date.getTime()) && parsed.date.getTime() <= now.getTime() + 5 * 60_000 ? parsed.date : null;
  const fileTime = typeof file.lastModified === 'number' && file.lastModified > 0 && file.lastModified <= now.getTime() ? new Date(file.lastModified) : null;
  const received = date ? { at: date, source: 'header' as const } : fileTime ? { at: fileTime, source: 'file' as const } : { at: now, source: 'import' as const };
  const messageId = cleanMessageId(parsed.messageId);
  return {
    fileName,
    format: parsed.format,
    messageId: messageId ?? `sha256:${createHash('sha256').update(buffer).digest('hex')}`,
    messageIdSource: messageId ? 'header' : 'hash',
    subject: oneLine(parsed.subject),
    fromName: oneLine(parsed.fromName) || null,
    fromAddress: oneLine(parsed.fromAddress).toLowerCase() || null,
    receivedAt: received.at.toISOString(),
    receivedAtSource: received.source,
    text: tidyText(parsed.text),
    attachments: parsed.attachments,
    automatic: parsed.automatic,
    ombudsdeskReference: oneLine(parsed.ombudsdeskReference) || null,
  };
}

interface RawMail {
  format: 'eml' | 'msg';
  messageId: string | null;
  subject: string;
  fromName: string;
  fromAddress: string;
  date: Date | null;
  text: string;
  attachments: MailAttachment[];
  automatic: string | null;
  ombudsdeskReference: string | null;
}

// ---------------------------------------------------------------------------------------------------------------- .eml

async function readEml(fileName: string, buffer: Buffer, limits: MailLimits): Promise<RawMail> {
  const head = buffer.subarray(0, 64 * 1024);
  // A mail is text: NUL bytes in its start, or no header line at all, mean it is something else.
  if (head.includes(0) || !/^[\x21-\x39\x3b-\x7e]+[ \t]*:/m.test(head.toString('latin1'))) throw new MailError('mail_unreadable', { file: fileName });
  const raw = buffer.toString('latin1');
  const multiparts = raw.match(/content-type:[ \t]*(?:\r?\n[ \t]+)?multipart\//gi)?.length ?? 0;
  if (multiparts > limits.maxMultiparts) throw new MailError('mail_too_deep', { file: fileName, maxParts: limits.maxMultiparts });
  checkComplete(fileName, raw);
  let mail: Awaited<ReturnType<typeof simpleParser>>;
  try {
    mail = await simpleParser(buffer, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  } catch (error) {
    throw new MailError('mail_unreadable', { file: fileName, reason: error instanceof Error ? error.message.slice(0, 200) : 'unknown' });
  }
  const headers = mail.headers;
  const header = (name: string) => headerText(headers.get(name));
  const rawSubject = rawHeader(raw, 'subject');
  const subject = rawSubject && /=\?utf-7\?/i.test(rawSubject) ? decodeEncodedWords(rawSubject) : repairRaw8bit(mail.subject ?? '');
  const from = firstAddress(mail.from);
  const windowsPaths = windowsPathNames(raw);
  const attachments: MailAttachment[] = [];
  mail.attachments.forEach((attachment, index) => {
    const named = attachment.filename ? repairRaw8bit(attachment.filename) : null;
    // An unnamed text part beside the body (text/watch-html, a second alternative) is not an attachment anyone sent.
    if (!named && attachment.contentType.startsWith('text/') && attachment.contentDisposition !== 'attachment') return;
    const name = named ? (windowsPaths.get(named) ?? named) : `attachment-${index + 1}${extensionFor(attachment.contentType)}`;
    attachments.push({ fileName: name, mediaType: attachment.contentType.toLowerCase() || 'application/octet-stream', bytes: attachment.content });
  });
  const contentType = headers.get('content-type');
  const mediaType = typeof contentType === 'object' && contentType && 'value' in contentType ? String(contentType.value).toLowerCase() : '';
  return {
    format: 'eml',
    messageId: mail.messageId ?? null,
    subject,
    fromName: repairRaw8bit(from?.name ?? ''),
    fromAddress: from?.address ?? '',
    date: mail.date ?? null,
    text: mail.text?.trim() ? mail.text : mail.html ? htmlToText(mail.html) : '',
    attachments,
    automatic: automaticReason({
      header,
      subject,
      mediaType,
      fromAddress: from?.address ?? '',
    }),
    ombudsdeskReference: header('x-ombudsdesk-reference') || null,
  };
}

/** A multipart message whose outermost boundary is never closed was cut off (a partial download or copy). */
function checkComplete(fileName: string, raw: string): void {
  const end = raw.search(/\r?\n\r?\n/);
  const head = end < 0 ? raw : raw.slice(0, end);
  if (end < 0 && raw.length > 0 && !/\r?\n$/.test(raw)) {
    // Headers only and cut in the middle of a line: nothing to read.
    if (!/^subject:/im.test(head) && !/^from:/im.test(head)) throw new MailError('mail_truncated', { file: fileName });
  }
  const type = /^content-type:[ \t]*multipart\/[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*/im.exec(head)?.[0];
  if (!type) return;
  const boundary = /boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/i.exec(type);
  const value = boundary?.[1] ?? boundary?.[2];
  if (!value || raw.includes(`--${value}--`)) return;
  // Real mail sometimes omits the closing boundary (webklex's Czech sample does); cut off means it also stops mid-line or
  // mid base64 quantum.
  const lastLine = /([^\r\n]*)\r?\n?$/.exec(raw)?.[1] ?? '';
  const midLine = !/\n$/.test(raw);
  const midQuantum = /^[A-Za-z0-9+/]+$/.test(lastLine) && lastLine.length % 4 !== 0;
  if (midLine || midQuantum) throw new MailError('mail_truncated', { file: fileName });
}

function rawHeader(raw: string, name: string): string | null {
  const end = raw.search(/\r?\n\r?\n/);
  const head = end < 0 ? raw : raw.slice(0, end);
  const match = new RegExp(`^${name}:[ \\t]*([^\\r\\n]*(?:\\r?\\n[ \\t][^\\r\\n]*)*)`, 'im').exec(head);
  return match ? match[1]!.replace(/\r?\n[ \t]/g, ' ') : null;
}

/** filename="C:\TEMP\x.png": mailparser reads the backslashes as quoting; the name sent is the last path part. */
function windowsPathNames(raw: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const match of raw.matchAll(/name\*?\s*=\s*"([^"\r\n]*\\[^"\r\n]*)"/gi)) {
    const value = match[1]!;
    names.set(value.replace(/\\(.)/g, '$1'), value.slice(value.lastIndexOf('\\') + 1));
  }
  return names;
}

function firstAddress(value: AddressObject | AddressObject[] | undefined): { name: string; address: string } | null {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  for (const group of list) {
    for (const entry of group.value) {
      if (entry.address || entry.name) return { name: entry.name ?? '', address: entry.address ?? '' };
      const member = entry.group?.find((g) => g.address);
      if (member) return { name: member.name ?? '', address: member.address ?? '' };
    }
  }
  return null;
}

function headerText(value: HeaderValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => headerText(v as HeaderValue)).join(', ');
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && 'value' in value) return String((value as { value: unknown }).value);
  if (typeof value === 'object' && 'text' in value) return String((value as { text: unknown }).text);
  return '';
}

/**
 * A header sent as raw 8-bit bytes is read by mailparser as Latin-1; when those bytes are valid UTF-8 (Eudora, many web
 * forms), that is what was meant.
 */
function repairRaw8bit(text: string): string {
  if (!/[\u0080-\u00ff]/.test(text) || [...text].some((char) => char.codePointAt(0)! > 0xff)) return text;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(text, 'latin1'));
  } catch {
    return text;
  }
}

/** RFC 2047 encoded words, for the charsets mailparser leaves undecoded (UTF-7, as Outlook 2000 sent it). */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[bq]\?[^?]*\?=)\s+(?==\?[^?]+\?[bq]\?)/gi, '$1')
    .replace(/=\?([^?*]+)(?:\*[^?]*)?\?([bq])\?([^?]*)\?=/gi, (word, charset: string, encoding: string, data: string) => {
      const bytes =
        encoding.toLowerCase() === 'b'
          ? Buffer.from(data, 'base64')
          : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
      const name = charset.toLowerCase();
      if (name === 'utf-7' || name === 'utf7') return decodeUtf7(bytes.toString('latin1'));
      try {
        return new TextDecoder(name).decode(bytes);
      } catch {
        return word;
      }
    });
}

/** UTF-7 (RFC 2152): +<modified base64 of UTF-16BE>- runs in ASCII text; "+-" is a plus sign. */
export function decodeUtf7(text: string): string {
  return text.replace(/\+([A-Za-z0-9+/]*)-?/g, (_match, run: string) => {
    if (run === '') return '+';
    const bytes = Buffer.from(run, 'base64');
    let out = '';
    for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
    return out;
  });
}

// ---------------------------------------------------------------------------------------------------------------- .msg

function isCompoundFile(buffer: Buffer): boolean {
  return buffer.length >= 8 && buffer.readUInt32BE(0) === 0xd0cf11e0 && buffer.readUInt32BE(4) === 0xa1b11ae1;
}

type MsgReaderClass = typeof MsgReaderModule;
const MsgReader: MsgReaderClass = ((MsgReaderModule as unknown as { default?: MsgReaderClass }).default ?? MsgReaderModule) as MsgReaderClass;

function readMsg(fileName: string, buffer: Buffer): RawMail {
  let reader: InstanceType<MsgReaderClass>;
  let data: ReturnType<InstanceType<MsgReaderClass>['getFileData']>;
  try {
    reader = new MsgReader(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer);
    data = reader.getFileData();
  } catch (error) {
    throw new MailError('mail_unreadable', { file: fileName, reason: error instanceof Error ? error.message.slice(0, 200) : 'unknown' });
  }
  if (data.error) throw new MailError('mail_unreadable', { file: fileName, reason: String(data.error).slice(0, 200) });
  const transport = parseHeaderBlock(data.headers ?? '');
  const header = (name: string) => transport.get(name) ?? '';
  const attachments: MailAttachment[] = [];
  (data.attachments ?? []).forEach((attachment, index) => {
    try {
      const content = reader.getAttachment(attachment);
      const name = content.fileName || attachment.fileName || attachment.name || `attachment-${index + 1}`;
      attachments.push({ fileName: name, mediaType: (attachment.attachMimeTag || 'application/octet-stream').toLowerCase(), bytes: content.content });
    } catch {
      // An embedded item msgreader cannot unpack: the original .msg, kept whole, still holds it.
    }
  });
  const address = [data.senderSmtpAddress, data.senderEmail, data.lastModifierSMTPAddress].find((value) => value && value.includes('@')) ?? '';
  const subject = data.subject ?? '';
  const dateText = header('date') || data.messageDeliveryTime || data.clientSubmitTime || '';
  const date = dateText ? new Date(dateText) : null;
  const messageClass = (data.messageClass ?? '').toLowerCase();
  const text = data.body?.trim() ? data.body : data.bodyHtml ? htmlToText(data.bodyHtml) : '';
  return {
    format: 'msg',
    messageId: header('message-id') || null,
    subject,
    fromName: data.senderName ?? '',
    fromAddress: address,
    date: date && !Number.isNaN(date.getTime()) ? date : null,
    text,
    attachments,
    automatic:
      messageClass.startsWith('report.') || messageClass.includes('.oof') || messageClass.includes('rules.ooftemplate')
        ? `message class ${data.messageClass}`
        : automaticReason({ header, subject, mediaType: header('content-type').split(';')[0]!.trim().toLowerCase(), fromAddress: address }),
    ombudsdeskReference: header('x-ombudsdesk-reference') || null,
  };
}

/** Transport headers as a .msg keeps them: name (lower case) to its unfolded, RFC 2047-decoded value (the first one). */
function parseHeaderBlock(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, decodeEncodedWords(line.slice(colon + 1).trim()));
  }
  return headers;
}

// ---------------------------------------------------------------------------------------------------------- automatic

// Out-of-office and delivery-failure subjects in the office's languages: a weak sign, counted only with a header.
const AUTOMATIC_SUBJECT =
  /\b(out of (the )?office|automatic reply|auto(matic)?[- ]?reply|autoreply|abwesenheit|automatische antwort|undeliver|delivery (status notification|failure)|unzustellbar|nicht zustellbar|returned mail|mail delivery failed)/i;

interface AutomaticSigns {
  header(name: string): string;
  subject: string;
  mediaType: string;
  fromAddress: string;
}

/** Why a message was sent by a machine (RFC 3834 Auto-Submitted, the usual X- headers, Precedence, a DSN), or null. */
export function automaticReason({ header, subject, mediaType, fromAddress }: AutomaticSigns): string | null {
  const autoSubmitted = header('auto-submitted').trim().toLowerCase();
  if (autoSubmitted && !autoSubmitted.startsWith('no')) return `Auto-Submitted: ${autoSubmitted}`;
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoresponder']) if (header(name).trim()) return `${name}: ${header(name).trim()}`;
  const precedence = header('precedence').trim().toLowerCase();
  if (['auto_reply', 'bulk', 'junk'].includes(precedence)) return `Precedence: ${precedence}`;
  if (mediaType === 'multipart/report' || mediaType === 'message/delivery-status') return `Content-Type: ${mediaType}`;
  if (AUTOMATIC_SUBJECT.test(subject)) {
    const suppress = header('x-auto-response-suppress').trim();
    const returnPath = header('return-path').trim();
    if (suppress) return `subject and X-Auto-Response-Suppress: ${suppress}`;
    if (returnPath === '<>' || returnPath === '') {
      if (returnPath === '<>') return 'subject and an empty Return-Path';
    }
    if (/^(mailer-daemon|postmaster)@/i.test(fromAddress)) return `subject and sender ${fromAddress}`;
  }
  return null;
}

// --------------------------------------------------------------------------------------------------------------- text

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', auml: 'ä', ouml: 'ö', uuml: 'ü', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü',
  szlig: 'ß', euro: '€', eacute: 'é', egrave: 'è', agrave: 'à', aacute: 'á', ccedil: 'ç', oslash: 'ø', aring: 'å', aelig: 'æ',
  Oslash: 'Ø', Aring: 'Å', AElig: 'Æ', ndash: '–', mdash: '—', hellip: '…', laquo: '«', raquo: '»', bdquo: '„', ldquo: '“',
  rdquo: '”', lsquo: '‘', rsquo: '’', sbquo: '‚', copy: '©', reg: '®', deg: '°', sect: '§', para: '¶', middot: '·', bull: '•',
};

/** HTML as plain text: script, style and head dropped with their content, tags removed, blocks on lines, entities decoded. */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?(-->|$)/g, '')
    .replace(/<(script|style|head|title|template|noscript|iframe|object|svg)\b[\s\S]*?(<\/\1\s*>|$)/gi, '')
    .replace(/<br\b[^>]*>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '\n• ')
    .replace(/<\/?(p|div|h[1-6]|tr|table|ul|ol|blockquote|pre|section|article|header|footer)\b[^>]*>/gi, '\n')
    .replace(/<\/t[dh]\s*>/gi, '\t')
    .replace(/<[^>]*>/g, '')
    .replace(/<[^>]*$/, '');
  return decodeEntities(text);
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);/gi, (entity, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
    }
    return ENTITIES[body] ?? entity;
  });
}

function oneLine(text: string | null | undefined): string {
  return (text ?? '').replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').replace(/\s+/g, ' ').trim();
}

function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/(?![\n\t])\p{Cc}/gu, '')
    .replace(/[ \t\u00a0]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function cleanMessageId(value: string | null | undefined): string | null {
  const id = (value ?? '').trim().replace(/^<+|>+$/g, '').trim();
  return id && id.length <= 998 ? id : null;
}

function extensionFor(mediaType: string): string {
  const known: Record<string, string> = {
    'image/png': '.png', 'image/jpeg': '.jpg', 'image/gif': '.gif', 'application/pdf': '.pdf', 'text/plain': '.txt', 'text/html': '.html',
    'message/rfc822': '.eml', 'application/ms-tnef': '.dat', 'application/x-gzip': '.gz', 'text/calendar': '.ics',
  };
  return known[mediaType.toLowerCase()] ?? '.bin';
}

/** The subject's first case reference (2026-00042), for mail that answers a case. */
export function referenceInSubject(subject: string): string | null {
  return /(?<![\d-])(\d{4}-\d{5,})(?![\d-])/.exec(subject)?.[1] ?? null;
}
