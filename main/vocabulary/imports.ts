// Table imports (spreadsheets and form exports): the case fields a column can be mapped to, and how an export's channel
// values ("Submitted via" in a CFPB export, "Kanal" in a form's export) become the app's channels unless a mapping says
// otherwise. Main checks a mapping against these lists; the mapping dialog shows them.
import type { CaseChannel, CaseKind, CaseOrigin } from './cases.ts';

/** Case fields a column maps to; description takes one or more columns (joined, each under its header). */
export const TABLE_TARGETS = ['receivedAt', 'kind', 'channel', 'subject', 'description', 'name', 'email', 'phone', 'address', 'department', 'category'] as const;
export type TableTarget = (typeof TABLE_TARGETS)[number];

export const DATE_ORDERS = ['dmy', 'mdy'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

export interface ChannelValue {
  /** The export's value, compared without case and surrounding spaces. */
  value: string;
  channel: CaseChannel;
}

export interface TableMapping {
  /** Header names per field; null or [] leaves the field out. */
  columns: { [T in Exclude<TableTarget, 'description'>]: string | null } & { description: string[] };
  /** The column whose value identifies a row across imports (a form's submission id, a CFPB "Complaint ID"); null: the row's content. */
  externalId: string | null;
  /** How 03/04/2020 and 03.04.2020 read: dots are always day first; slashes as chosen. */
  dateOrder: DateOrder;
  defaultKind: CaseKind;
  defaultChannel: CaseChannel;
  origin: CaseOrigin;
  channelValues: ChannelValue[];
}

/**
 * Values seen in real exports. CFPB's "Submitted via": Web, Phone, Email, Postal mail, Fax, Referral — a fax and a
 * referral (passed on by another authority, in writing) arrive on paper in the office's terms: letter.
 */
export const DEFAULT_CHANNEL_VALUES: readonly ChannelValue[] = [
  { value: 'web', channel: 'web' },
  { value: 'website', channel: 'web' },
  { value: 'online', channel: 'web' },
  { value: 'internet', channel: 'web' },
  { value: 'web form', channel: 'web' },
  { value: 'webformular', channel: 'web' },
  { value: 'formular', channel: 'web' },
  { value: 'email', channel: 'email' },
  { value: 'e-mail', channel: 'email' },
  { value: 'mail', channel: 'email' },
  { value: 'phone', channel: 'phone' },
  { value: 'telephone', channel: 'phone' },
  { value: 'telefon', channel: 'phone' },
  { value: 'postal mail', channel: 'letter' },
  { value: 'letter', channel: 'letter' },
  { value: 'post', channel: 'letter' },
  { value: 'brief', channel: 'letter' },
  { value: 'fax', channel: 'letter' },
  { value: 'referral', channel: 'letter' },
  { value: 'walk-in', channel: 'walk_in' },
  { value: 'walk_in', channel: 'walk_in' },
  { value: 'in person', channel: 'walk_in' },
  { value: 'persönlich', channel: 'walk_in' },
];

export const EMPTY_TABLE_MAPPING: TableMapping = {
  columns: { receivedAt: null, kind: null, channel: null, subject: null, description: [], name: null, email: null, phone: null, address: null, department: null, category: null },
  externalId: null,
  dateOrder: 'dmy',
  defaultKind: 'complaint',
  defaultChannel: 'web',
  origin: 'external',
  channelValues: [...DEFAULT_CHANNEL_VALUES],
};

/** Per-row problems the preview shows and the import records: errors keep a row out, warnings do not. */
export const TABLE_ROW_ERRORS = ['row_bad_date', 'row_future_date', 'row_missing_description', 'row_missing_external_id'] as const;
export const TABLE_ROW_WARNINGS = ['row_unknown_channel', 'row_unknown_kind', 'row_unknown_department', 'row_unknown_category', 'row_bad_email'] as const;
export type TableRowIssueCode = (typeof TABLE_ROW_ERRORS)[number] | (typeof TABLE_ROW_WARNINGS)[number];
