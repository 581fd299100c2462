// Pure rules of table exports (XLSX and CSV): the formula-injection guard, the CSV separator per language, CSV text.

export type Cell = string | number | boolean | null;

/**
 * A text cell a spreadsheet would read as a formula (it starts with = + - @, or a tab or carriage return that some
 * programs skip before one) gets a leading apostrophe, so it shows as text. Numbers are left as numbers.
 */
export function guardCell(value: Cell): Cell {
  if (typeof value !== 'string') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * The CSV separator: German Excel reads ';' (the comma is the decimal mark there), English Excel ','. The file is
 * UTF-8 with a byte order mark, so that Excel reads umlauts right; lines end in CRLF (RFC 4180).
 */
export function csvSeparator(language: string): ';' | ',' {
  return language === 'de' ? ';' : ',';
}

function csvField(value: Cell, separator: string): string {
  const text = value === null ? '' : String(value);
  return text.includes(separator) || /["\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export const UTF8_BOM = '\uFEFF';

/** Rows (the header first) as CSV text without the byte order mark; every text cell guarded. */
export function csvLines(rows: readonly (readonly Cell[])[], separator: string): string {
  return rows.map((row) => row.map((cell) => csvField(guardCell(cell), separator)).join(separator)).join('\r\n') + '\r\n';
}
