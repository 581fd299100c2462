// A table row (strings under headers) read through a column mapping into the fields of a new case, with the row's
// errors (the row is not imported) and warnings (imported with a default). Pure: the preview and the import job run the
// same function, so what the preview says is what the import does.
import { CASE_KINDS, type CaseChannel, type CaseKind, type CaseOrigin } from '../vocabulary/cases.ts';
import type { DateOrder, TableMapping, TableRowIssueCode } from '../vocabulary/imports.ts';

export interface RowIssue {
  code: TableRowIssueCode;
  column: string | null;
  value: string;
}

export interface MappedRow {
  kind: CaseKind;
  channel: CaseChannel;
  origin: CaseOrigin;
  /** ISO, or null: received now. */
  receivedAt: string | null;
  subject: string;
  description: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  departmentId: number | null;
  categoryId: number | null;
  /** The row's id across imports: the external-id column's value (null: none chosen). */
  externalId: string | null;
}

export interface MapResult {
  row: MappedRow | null;
  errors: RowIssue[];
  warnings: RowIssue[];
}

/** Departments and categories by lower-cased name. */
export interface NameLookups {
  departments: ReadonlyMap<string, number>;
  categories: ReadonlyMap<string, number>;
}

const MAX_SUBJECT = 300;
const MAX_DESCRIPTION = 100_000;
const KIND_WORDS: ReadonlyMap<string, CaseKind> = new Map([
  ...CASE_KINDS.map((kind) => [kind, kind] as const),
  ['beschwerde', 'complaint'],
  ['kritik', 'complaint'],
  ['idee', 'idea'],
  ['vorschlag', 'idea'],
  ['suggestion', 'idea'],
  ['lob', 'praise'],
  ['frage', 'question'],
  ['anfrage', 'question'],
]);

const fold = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

export function mapTableRow(headers: readonly string[], cells: readonly string[], mapping: TableMapping, lookups: NameLookups, now: Date): MapResult {
  const errors: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  const indexOf = new Map(headers.map((header, index) => [header, index]));
  const cell = (column: string | null): string => {
    if (!column) return '';
    const index = indexOf.get(column);
    return index === undefined ? '' : (cells[index] ?? '').trim();
  };
  const columns = mapping.columns;

  let receivedAt: string | null = null;
  const dateText = cell(columns.receivedAt);
  if (columns.receivedAt && dateText) {
    const date = parseTableDate(dateText, mapping.dateOrder);
    if (!date) errors.push({ code: 'row_bad_date', column: columns.receivedAt, value: dateText });
    else if (date.getTime() > now.getTime() + 5 * 60_000) errors.push({ code: 'row_future_date', column: columns.receivedAt, value: dateText });
    else receivedAt = date.toISOString();
  }

  let channel = mapping.defaultChannel;
  const channelText = cell(columns.channel);
  if (columns.channel && channelText) {
    const found = mapping.channelValues.find((entry) => fold(entry.value) === fold(channelText));
    if (found) channel = found.channel;
    else warnings.push({ code: 'row_unknown_channel', column: columns.channel, value: channelText });
  }

  let kind = mapping.defaultKind;
  const kindText = cell(columns.kind);
  if (columns.kind && kindText) {
    const found = KIND_WORDS.get(fold(kindText));
    if (found) kind = found;
    else warnings.push({ code: 'row_unknown_kind', column: columns.kind, value: kindText });
  }

  const parts = columns.description.map((column) => [column, cell(column)] as const).filter(([, value]) => value !== '');
  const description = (parts.length === 1 ? parts[0]![1] : parts.map(([column, value]) => `${column}: ${value}`).join('\n\n')).slice(0, MAX_DESCRIPTION);
  if (description === '') errors.push({ code: 'row_missing_description', column: columns.description[0] ?? null, value: '' });

  const named = (target: 'department' | 'category', map: ReadonlyMap<string, number>): number | null => {
    const column = columns[target];
    const value = cell(column);
    if (!column || !value) return null;
    const found = map.get(fold(value));
    if (found === undefined) warnings.push({ code: target === 'department' ? 'row_unknown_department' : 'row_unknown_category', column, value });
    return found ?? null;
  };
  const departmentId = named('department', lookups.departments);
  const categoryId = named('category', lookups.categories);

  let email: string | null = cell(columns.email) || null;
  if (email && !/^[^\s@]+@[^\s@]+$/.test(email)) {
    warnings.push({ code: 'row_bad_email', column: columns.email, value: email });
    email = null;
  }

  let externalId: string | null = null;
  if (mapping.externalId) {
    externalId = cell(mapping.externalId) || null;
    if (!externalId) errors.push({ code: 'row_missing_external_id', column: mapping.externalId, value: '' });
  }

  const subjectText = cell(columns.subject) || description.split('\n')[0]!;
  const subject = subjectText.replace(/\s+/g, ' ').trim().slice(0, MAX_SUBJECT);
  const row: MappedRow = {
    kind,
    channel,
    origin: mapping.origin,
    receivedAt,
    subject,
    description,
    name: cell(columns.name).slice(0, 200) || null,
    email: email?.slice(0, 320) ?? null,
    phone: cell(columns.phone).slice(0, 50) || null,
    address: cell(columns.address).slice(0, 500) || null,
    departmentId,
    categoryId,
    externalId,
  };
  return { row: errors.length === 0 ? row : null, errors, warnings };
}

/**
 * Dates as exports write them: ISO ("2020-03-18", "2020-03-18T09:30:00", with a zone or without = local time),
 * "18.03.2020 14:05" (day first), "3/18/2020 02:27:57 PM" or "9/24/19" (slashes: the mapping's order; two-digit years
 * are 20xx up to this year + 1, else 19xx). Null when the text is not a real date.
 */
export function parseTableDate(text: string, order: DateOrder, now: Date = new Date()): Date | null {
  const value = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(value);
  if (iso) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', zone] = iso;
    if (zone) {
      const date = new Date(value.replace(' ', 'T'));
      return Number.isNaN(date.getTime()) ? null : date;
    }
    return build(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s));
  }
  const local = /^(\d{1,2})([./])(\d{1,2})\2(\d{2}|\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM|am|pm)?)?$/.exec(value);
  if (!local) return null;
  const [, a, separator, b, yearText, h = '0', mi = '0', s = '0', meridiem] = local;
  const dayFirst = separator === '.' || order === 'dmy';
  const day = Number(dayFirst ? a : b);
  const month = Number(dayFirst ? b : a);
  let year = Number(yearText);
  if (yearText!.length === 2) year += year <= (now.getFullYear() % 100) + 1 ? 2000 : 1900;
  let hour = Number(h);
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem.toLowerCase() === 'pm' ? 12 : 0);
  }
  return build(year, month, day, hour, Number(mi), Number(s));
}

function build(year: number, month: number, day: number, hour: number, minute: number, second: number): Date | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const date = new Date(year, month - 1, day, hour, minute, second);
  // 31.02. rolls over into March: not a real date.
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null;
  return date;
}
