// Open311 GeoReport v2 service requests (GET requests.json / requests.xml) read into plain requests: the JSON array,
// or the XML <service_requests><request>… with fast-xml-parser. Liberal with what real servers send: San Francisco's
// datetimes without a zone ("2012-05-22 23:57:23.97", read as the office's local time), xsi:nil, capitalised status
// ("Open"), numbers for ids and coordinates, 0.0/0.0 for "no location". Nothing here touches the database; it runs in a
// job's worker. Keys are read from a fixed list of fields only, never copied into an object by their name.
import { XMLParser } from 'fast-xml-parser';
import { decodeText } from './table.ts';

export type Open311ErrorCode = 'open311_empty' | 'open311_too_large' | 'open311_unreadable' | 'open311_http' | 'open311_too_many';

export class Open311Error extends Error {
  readonly code: Open311ErrorCode;
  readonly details: Record<string, unknown>;
  constructor(code: Open311ErrorCode, details: Record<string, unknown>) {
    super(`${code}: ${JSON.stringify(details)}`);
    this.name = 'Open311Error';
    this.code = code;
    this.details = details;
  }
}

export const OPEN311_LIMITS = { maxBytes: 20 * 1024 * 1024, maxRequests: 50_000 };

export interface Open311Request {
  serviceRequestId: string;
  status: string | null;
  statusNotes: string | null;
  serviceName: string | null;
  serviceCode: string | null;
  description: string | null;
  agencyResponsible: string | null;
  /** ISO (UTC) or null when missing or unreadable. */
  requestedAt: string | null;
  updatedAt: string | null;
  address: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  mediaUrl: string | null;
}

/** A request that could not be read (no id): reported as a failed item, the others still import. */
export type Open311Item = { request: Open311Request; index: number; error?: undefined } | { index: number; request?: undefined; error: { code: string; details: Record<string, unknown> } };

/** The request fields read (GeoReport v2 "GET Service Requests"); no other key of a file is looked at. */
type Field =
  | 'service_request_id'
  | 'status'
  | 'status_notes'
  | 'service_name'
  | 'service_code'
  | 'description'
  | 'agency_responsible'
  | 'requested_datetime'
  | 'updated_datetime'
  | 'address'
  | 'zipcode'
  | 'lat'
  | 'long'
  | 'media_url';

export function parseOpen311(file: { fileName: string; bytes: Uint8Array }): Open311Item[] {
  if (file.bytes.length === 0) throw new Open311Error('open311_empty', { file: file.fileName });
  if (file.bytes.length > OPEN311_LIMITS.maxBytes) {
    throw new Open311Error('open311_too_large', { file: file.fileName, size: file.bytes.length, maxMegabytes: OPEN311_LIMITS.maxBytes / 1024 / 1024 });
  }
  if (file.bytes.subarray(0, 4096).includes(0)) throw new Open311Error('open311_unreadable', { file: file.fileName, reason: 'binary' });
  const text = decodeText(file.bytes).text.trim();
  if (text === '') throw new Open311Error('open311_empty', { file: file.fileName });
  const records = text.startsWith('<') ? xmlRecords(file.fileName, text) : jsonRecords(file.fileName, text);
  if (records.length > OPEN311_LIMITS.maxRequests) throw new Open311Error('open311_too_many', { file: file.fileName, max: OPEN311_LIMITS.maxRequests });
  return records.map((record, index) => toRequest(record, index));
}

function jsonRecords(fileName: string, text: string): ((field: Field) => unknown)[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Open311Error('open311_unreadable', { file: fileName, reason: error instanceof Error ? error.message.slice(0, 200) : 'not JSON' });
  }
  // An endpoint's error answer is an array of {code, description}: said as such.
  if (!Array.isArray(value)) throw new Open311Error('open311_unreadable', { file: fileName, reason: 'expected an array of service requests' });
  return value.map((item) => {
    const record = typeof item === 'object' && item !== null && !Array.isArray(item) ? (item as object) : {};
    return (field: Field) => Object.getOwnPropertyDescriptor(record, field)?.value;
  });
}

function xmlRecords(fileName: string, text: string): ((field: Field) => unknown)[] {
  const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    processEntities: true,
    isArray: (name) => name === 'request',
  });
  let document: unknown;
  try {
    document = parser.parse(text, true);
  } catch (error) {
    throw new Open311Error('open311_unreadable', { file: fileName, reason: error instanceof Error ? error.message.slice(0, 200) : 'not XML' });
  }
  const root = own(document, 'service_requests');
  if (root === undefined) throw new Open311Error('open311_unreadable', { file: fileName, reason: 'no <service_requests>' });
  const requests = own(root, 'request');
  if (!Array.isArray(requests)) return [];
  return requests.map((request: unknown) => (field: Field) => own(request, field));
}

function own(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  return Object.getOwnPropertyDescriptor(value, key)?.value;
}

function textOf(value: unknown, max = 10_000): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim().slice(0, max) || null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

function numberOf(value: unknown): number | null {
  const text = textOf(value);
  if (text === null) return null;
  const number = Number(text);
  return Number.isFinite(number) ? number : null;
}

function toRequest(get: (field: Field) => unknown, index: number): Open311Item {
  const id = textOf(get('service_request_id'), 200);
  if (!id) return { index, error: { code: 'open311_no_id', details: { request: index + 1 } } };
  let lat = numberOf(get('lat'));
  let long = numberOf(get('long'));
  // 0.0/0.0 (San Francisco) and values off the globe mean "no location".
  if (lat === null || long === null || (lat === 0 && long === 0) || Math.abs(lat) > 90 || Math.abs(long) > 180) [lat, long] = [null, null];
  const address = textOf(get('address'), 500)?.replace(/\s+/g, ' ').replace(/\s+,/g, ',') ?? null;
  return {
    index,
    request: {
      serviceRequestId: id,
      status: textOf(get('status'), 50)?.toLowerCase() ?? null,
      statusNotes: textOf(get('status_notes'), 2000),
      serviceName: textOf(get('service_name'), 200),
      serviceCode: textOf(get('service_code'), 200),
      description: textOf(get('description'), 100_000),
      agencyResponsible: textOf(get('agency_responsible'), 200),
      requestedAt: open311Date(textOf(get('requested_datetime'), 100)),
      updatedAt: open311Date(textOf(get('updated_datetime'), 100)),
      address,
      zipcode: textOf(get('zipcode'), 20),
      lat,
      long,
      mediaUrl: textOf(get('media_url'), 2000),
    },
  };
}

/**
 * W3C datetimes ("2012-05-23T15:55:28-04:00") as they are; a date and time without a zone, with a space and fractions
 * (San Francisco's "2012-05-22 23:57:23.97"), as the office's local time. Anything else: null.
 */
export function open311Date(text: string | null): string | null {
  if (!text) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = match;
  const ms = Math.round(Number(`0.${fraction || '0'}`) * 1000);
  let date: Date;
  if (zone) {
    const offset = zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
    date = new Date(`${y}-${mo}-${d}T${h.padStart(2, '0')}:${mi}:${s.padStart(2, '0')}.${String(ms).padStart(3, '0')}${offset}`);
  } else {
    date = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  }
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The GET requests URL: {endpoint}/requests.json?start_date&end_date&jurisdiction_id (dates as W3C datetimes). */
export function open311RequestsUrl(endpoint: string, query: { jurisdictionId?: string | null | undefined; startDate?: string | null | undefined; endDate?: string | null | undefined }): URL {
  const base = endpoint.replace(/\/+$/, '');
  const url = new URL(base.endsWith('/requests.json') ? base : `${base}/requests.json`);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Open311Error('open311_http', { url: endpoint, reason: 'only http and https' });
  if (query.startDate) url.searchParams.set('start_date', query.startDate);
  if (query.endDate) url.searchParams.set('end_date', query.endDate);
  if (query.jurisdictionId) url.searchParams.set('jurisdiction_id', query.jurisdictionId);
  return url;
}

/** Fetches an endpoint's requests (in the job's worker): the body is read up to the size limit, then parsed. */
export async function fetchOpen311(url: URL, timeoutMs = 30_000): Promise<{ bytes: Uint8Array; fileName: string }> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (error) {
    throw new Open311Error('open311_http', { url: url.href, reason: error instanceof Error ? error.message.slice(0, 200) : 'unreachable' });
  }
  if (!response.ok) throw new Open311Error('open311_http', { url: url.href, status: response.status });
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > OPEN311_LIMITS.maxBytes) {
      await reader.cancel();
      throw new Open311Error('open311_too_large', { file: url.href, size, maxMegabytes: OPEN311_LIMITS.maxBytes / 1024 / 1024 });
    }
    chunks.push(value);
  }
  return { bytes: Buffer.concat(chunks), fileName: url.href };
}
