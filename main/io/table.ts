// Spreadsheets and form exports read into a header and rows of strings: CSV with papaparse (UTF-8 with or without BOM,
// UTF-16 with BOM, else windows-1252; comma, semicolon, tab or pipe; quoted multi-line fields), XLSX with SheetJS (the
// first sheet or a chosen one; dates as dates) and JSON (an array of objects, or {rows: [...]}). The header is the
// first row as wide as the table (an export with console lines above its header still reads). Bytes in, a table out:
// nothing here touches the database, and it runs in a job's worker only. What cannot be read is a TableError with a
// stable code, never a crash. Rows are arrays and headers strings: no cell or key of a file ever becomes an object key,
// and a header named __proto__, constructor or prototype is refused outright.
import Papa from 'papaparse';
import * as XLSX from 'xlsx';

export type TableErrorCode =
  | 'table_empty'
  | 'table_too_large'
  | 'table_too_many_rows'
  | 'table_too_many_columns'
  | 'table_unreadable'
  | 'table_forbidden_key'
  | 'table_sheet_missing';

export class TableError extends Error {
  readonly code: TableErrorCode;
  readonly details: Record<string, unknown>;
  constructor(code: TableErrorCode, details: Record<string, unknown>) {
    super(`${code}: ${JSON.stringify(details)}`);
    this.name = 'TableError';
    this.code = code;
    this.details = details;
  }
}

export interface TableLimits {
  maxBytes: number;
  /** Data rows (below the header). */
  maxRows: number;
  maxColumns: number;
  /** One cell: longer text is cut (a form's free text is far shorter). */
  maxCellChars: number;
}

export const DEFAULT_TABLE_LIMITS: TableLimits = { maxBytes: 50 * 1024 * 1024, maxRows: 200_000, maxColumns: 500, maxCellChars: 100_000 };

export type TableFormat = 'csv' | 'xlsx' | 'json';

export interface ParsedTable {
  format: TableFormat;
  headers: string[];
  rows: string[][];
  /** 1-based: the line (CSV, counting records) or sheet row the header was found on. */
  headerRow: number;
  /** XLSX: the workbook's sheets and the one read. */
  sheets: string[];
  sheet: string | null;
  /** CSV: how the bytes were decoded and split. */
  encoding: string | null;
  delimiter: string | null;
}

export interface TableFile {
  fileName: string;
  bytes: Uint8Array;
}

/** Header names that would reach an object's prototype if a careless consumer used them as keys. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const HEADER_SCAN_ROWS = 30;

export function tableFormatOf(file: TableFile): TableFormat {
  const bytes = file.bytes;
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  const name = file.fileName.toLowerCase();
  if (name.endsWith('.xlsx') || name.endsWith('.xlsm') || name.endsWith('.xls')) return 'xlsx';
  if (name.endsWith('.json')) return 'json';
  if (name.endsWith('.csv') || name.endsWith('.txt') || name.endsWith('.tsv')) return 'csv';
  const start = new TextDecoder('utf-8').decode(bytes.subarray(0, 64)).replace(/^\uFEFF/, '').trimStart();
  return start.startsWith('[') || start.startsWith('{') ? 'json' : 'csv';
}

export function parseTable(file: TableFile, options: { sheet?: string | null | undefined } = {}, limits: TableLimits = DEFAULT_TABLE_LIMITS): ParsedTable {
  const { fileName, bytes } = file;
  if (bytes.length === 0) throw new TableError('table_empty', { file: fileName });
  if (bytes.length > limits.maxBytes) {
    throw new TableError('table_too_large', { file: fileName, size: bytes.length, maxMegabytes: Math.floor(limits.maxBytes / 1024 / 1024) });
  }
  const format = tableFormatOf(file);
  if (format === 'xlsx') return readXlsx(file, options.sheet ?? null, limits);
  if (format === 'json') return readJsonTable(file, limits);
  return readCsv(file, limits);
}

// ---------------------------------------------------------------------------------------------------------------- CSV

/** UTF-8 (a BOM is dropped), UTF-16 with a BOM, else windows-1252 (what Excel writes for "CSV" on a German Windows). */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

const DELIMITERS = [',', ';', '\t', '|'] as const;

/** The delimiter that splits the most of the first lines into the same number of fields (quotes respected per line). */
export function detectDelimiter(text: string): string {
  const lines = text.slice(0, 64 * 1024).split(/\r\n|\n|\r/).filter((line) => line.trim() !== '').slice(0, 40);
  let best: { delimiter: string; score: number } = { delimiter: ',', score: 0 };
  for (const delimiter of DELIMITERS) {
    const counts = new Map<number, number>();
    for (const line of lines) {
      let count = 0;
      let quoted = false;
      for (const char of line) {
        if (char === '"') quoted = !quoted;
        else if (char === delimiter && !quoted) count++;
      }
      if (count > 0) counts.set(count, (counts.get(count) ?? 0) + 1);
    }
    for (const [fields, lineCount] of counts) {
      const score = lineCount * 1000 + fields;
      if (score > best.score) best = { delimiter, score };
    }
  }
  return best.delimiter;
}

function readCsv(file: TableFile, limits: TableLimits): ParsedTable {
  const sample = file.bytes.subarray(0, 8192);
  const utf16 = (sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff);
  // NUL bytes do not occur in text (outside UTF-16): an image or a zip renamed to .csv.
  if (!utf16 && sample.includes(0)) throw new TableError('table_unreadable', { file: file.fileName, reason: 'binary' });
  const { text, encoding } = decodeText(file.bytes);
  if (text.trim() === '') throw new TableError('table_empty', { file: file.fileName });
  const delimiter = detectDelimiter(text);
  const records: string[][] = [];
  let failure: TableError | null = null;
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: 'greedy',
    step(result, parser) {
      const record = result.data;
      if (record.length > limits.maxColumns) {
        failure = new TableError('table_too_many_columns', { file: file.fileName, row: records.length + 1, columns: record.length, maxColumns: limits.maxColumns });
        parser.abort();
        return;
      }
      // The header may sit a few lines down: allow for them before refusing the row count.
      if (records.length > limits.maxRows + HEADER_SCAN_ROWS) {
        failure = new TableError('table_too_many_rows', { file: file.fileName, maxRows: limits.maxRows });
        parser.abort();
        return;
      }
      records.push(record.map((cell) => clip(cell, limits)));
    },
  });
  if (failure) throw failure;
  return { ...withHeader(file.fileName, records, limits), format: 'csv', sheets: [], sheet: null, encoding, delimiter };
}

// --------------------------------------------------------------------------------------------------------------- XLSX

function readXlsx(file: TableFile, chosen: string | null, limits: TableLimits): ParsedTable {
  let workbook: XLSX.WorkBook;
  try {
    workbook = XLSX.read(file.bytes, { type: 'buffer', cellDates: true, dense: true, cellFormula: false, cellHTML: false, cellStyles: false, WTF: false });
  } catch (error) {
    throw new TableError('table_unreadable', { file: file.fileName, reason: error instanceof Error ? error.message.slice(0, 200) : 'unknown' });
  }
  const sheets = [...workbook.SheetNames];
  if (sheets.length === 0) throw new TableError('table_unreadable', { file: file.fileName, reason: 'no sheets' });
  const sheetName = chosen ?? sheets[0]!;
  if (!sheets.includes(sheetName)) throw new TableError('table_sheet_missing', { file: file.fileName, sheet: sheetName });
  const sheet = workbook.Sheets[sheetName];
  if (!sheet) throw new TableError('table_sheet_missing', { file: file.fileName, sheet: sheetName });
  const ref = sheet['!ref'];
  if (!ref) throw new TableError('table_empty', { file: file.fileName });
  const range = XLSX.utils.decode_range(ref);
  const columns = range.e.c - range.s.c + 1;
  if (columns > limits.maxColumns) throw new TableError('table_too_many_columns', { file: file.fileName, row: range.s.r + 1, columns, maxColumns: limits.maxColumns });
  if (range.e.r - range.s.r > limits.maxRows + HEADER_SCAN_ROWS) throw new TableError('table_too_many_rows', { file: file.fileName, maxRows: limits.maxRows });
  // Arrays of cells (header: 1): a header cell never becomes a key of an object.
  const raw = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true, defval: '', blankrows: false });
  const records = raw.map((record) => record.map((cell) => clip(cellText(cell), limits)));
  const parsed = withHeader(file.fileName, records, limits);
  return { ...parsed, headerRow: parsed.headerRow + range.s.r, format: 'xlsx', sheets, sheet: sheetName, encoding: null, delimiter: null };
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** A date cell as local ISO text without a zone ("2020-03-18T09:30:00"), numbers and booleans as text. */
function cellText(cell: unknown): string {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return '';
    // Excel keeps times as fractions of a day: 14:05 comes back a few microseconds early; whole seconds are meant.
    const date = new Date(Math.round(cell.getTime() / 1000) * 1000);
    return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  }
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  return '';
}

// --------------------------------------------------------------------------------------------------------------- JSON

function readJsonTable(file: TableFile, limits: TableLimits): ParsedTable {
  const { text } = decodeText(file.bytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new TableError('table_unreadable', { file: file.fileName, reason: error instanceof Error ? error.message.slice(0, 200) : 'not JSON' });
  }
  const list = Array.isArray(value) ? value : isPlainRecord(value) && Array.isArray(Object.getOwnPropertyDescriptor(value, 'rows')?.value) ? (value.rows as unknown[]) : null;
  if (!list) throw new TableError('table_unreadable', { file: file.fileName, reason: 'expected an array of objects or {"rows": [...]}' });
  if (list.length === 0) throw new TableError('table_empty', { file: file.fileName });
  if (list.length > limits.maxRows) throw new TableError('table_too_many_rows', { file: file.fileName, maxRows: limits.maxRows });
  // Keys collected in a Map in order of first appearance; values read through own-property descriptors only.
  const columns = new Map<string, number>();
  list.forEach((item, index) => {
    if (!isPlainRecord(item)) throw new TableError('table_unreadable', { file: file.fileName, row: index + 1, reason: 'not an object' });
    for (const key of Object.keys(item)) {
      if (FORBIDDEN_KEYS.has(key)) throw new TableError('table_forbidden_key', { file: file.fileName, row: index + 1, key });
      if (!columns.has(key)) {
        if (columns.size >= limits.maxColumns) throw new TableError('table_too_many_columns', { file: file.fileName, row: index + 1, columns: columns.size + 1, maxColumns: limits.maxColumns });
        columns.set(key, columns.size);
      }
    }
  });
  const headers = [...columns.keys()];
  const rows = list.map((item) => {
    const row = headers.map(() => '');
    for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(item as object))) {
      row[columns.get(key)!] = clip(jsonText(descriptor.value), limits);
    }
    return row;
  });
  return { format: 'json', headers, rows, headerRow: 1, sheets: [], sheet: null, encoding: null, delimiter: null };
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

// ------------------------------------------------------------------------------------------------------------- header

function clip(cell: string, limits: TableLimits): string {
  return cell.length > limits.maxCellChars ? cell.slice(0, limits.maxCellChars) : cell;
}

/**
 * Finds the header among the first records: the first one as wide as the table (the most common width among the first
 * rows) with at least half its cells filled. Lines above it (an `unzip` log, a title) are dropped.
 */
export function findHeaderRow(records: string[][]): number {
  const scan = records.slice(0, HEADER_SCAN_ROWS + 20);
  const widths = new Map<number, number>();
  for (const record of scan) {
    const width = filledWidth(record);
    if (width > 0) widths.set(width, (widths.get(width) ?? 0) + 1);
  }
  let width = 0;
  let seen = 0;
  for (const [candidate, count] of widths) if (count > seen || (count === seen && candidate > width)) [width, seen] = [candidate, count];
  for (let index = 0; index < Math.min(records.length, HEADER_SCAN_ROWS); index++) {
    const record = records[index]!;
    const filled = record.filter((cell) => cell.trim() !== '').length;
    if (filledWidth(record) >= width && filled * 2 >= width) return index;
  }
  return 0;
}

/** The record's width up to its last filled cell. */
function filledWidth(record: string[]): number {
  let width = record.length;
  while (width > 0 && record[width - 1]!.trim() === '') width--;
  return width;
}

function withHeader(fileName: string, records: string[][], limits: TableLimits): Pick<ParsedTable, 'headers' | 'rows' | 'headerRow'> {
  if (records.length === 0) throw new TableError('table_empty', { file: fileName });
  const index = findHeaderRow(records);
  const raw = records[index]!;
  const width = Math.max(filledWidth(raw), 1);
  const seen = new Map<string, number>();
  const headers = raw.slice(0, width).map((cell, column) => {
    const base = cell.trim() || `Column ${column + 1}`;
    if (FORBIDDEN_KEYS.has(base)) throw new TableError('table_forbidden_key', { file: fileName, row: index + 1, key: base });
    const count = (seen.get(base.toLowerCase()) ?? 0) + 1;
    seen.set(base.toLowerCase(), count);
    return count === 1 ? base : `${base} (${count})`;
  });
  const rows = records.slice(index + 1).map((record) => headers.map((_header, column) => record[column] ?? ''));
  if (rows.length > limits.maxRows) throw new TableError('table_too_many_rows', { file: fileName, maxRows: limits.maxRows });
  return { headers, rows, headerRow: index + 1 };
}
