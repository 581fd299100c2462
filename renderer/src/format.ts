// Dates and numbers in the reader's language.
export function formatDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatDate(isoDate: string, language: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(new Date(year!, month! - 1, day!));
}

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(language).format(value);
}

/** Short date and time for dense tables (23.11.26, 09:15). */
export function formatShortDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

/** A file size as people read it (12 byte, 3.4 kB, 1.2 MB), in decimal units as file managers show them. */
export function formatBytes(bytes: number, language: string): string {
  const [unit, divisor] = bytes < 1000 ? (['byte', 1] as const) : bytes < 1_000_000 ? (['kilobyte', 1000] as const) : (['megabyte', 1_000_000] as const);
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(bytes / divisor);
}

/** This year and the five before it, newest first, for the year pickers of reports and the draw. */
export function recentYears(count = 6): number[] {
  const thisYear = new Date().getFullYear();
  return Array.from({ length: count }, (_, i) => thisYear - i);
}
