// Dates and numbers in the reader's language. One place decides the locale: English reads as in Britain (1 Dec 2026,
// 01/12/2026, 21:17), never the American month-first order that reads ambiguously in a German office; German as in Germany.
export type FormatLocale = 'de-DE' | 'en-GB';

/** The locale every date and number of the workbench is written in, from the UI language (de, en or a tag like en-US). */
export function localeFor(language: string): FormatLocale {
  return language.toLowerCase().startsWith('en') ? 'en-GB' : 'de-DE';
}

/** 1 Dec 2026, 21:17 (en) or 01.12.2026, 21:17 (de): 24-hour time in both. */
export function formatDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(localeFor(language), { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }).format(new Date(iso));
}

/** 1 Dec 2026 (en) or 01.12.2026 (de), from a calendar date (yyyy-MM-dd). */
export function formatDate(isoDate: string, language: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat(localeFor(language), { dateStyle: 'medium' }).format(new Date(year!, month! - 1, day!));
}

/** The day of an instant (1 Dec 2026 or 01.12.2026), in the office's local time. */
export function formatDay(iso: string, language: string): string {
  return new Intl.DateTimeFormat(localeFor(language), { dateStyle: 'medium' }).format(new Date(iso));
}

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(localeFor(language)).format(value);
}

/** Short date and time for dense tables (01.12.26, 09:15 or 01/12/2026, 09:15). */
export function formatShortDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(localeFor(language), { dateStyle: 'short', timeStyle: 'short', hourCycle: 'h23' }).format(new Date(iso));
}

/** A file size as people read it (12 byte, 3.4 kB, 1.2 MB), in decimal units as file managers show them. */
export function formatBytes(bytes: number, language: string): string {
  const [unit, divisor] = bytes < 1000 ? (['byte', 1] as const) : bytes < 1_000_000 ? (['kilobyte', 1000] as const) : (['megabyte', 1_000_000] as const);
  return new Intl.NumberFormat(localeFor(language), { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(bytes / divisor);
}

/** This year and the five before it, newest first, for the year pickers of reports and the draw. */
export function recentYears(count = 6): number[] {
  const thisYear = new Date().getFullYear();
  return Array.from({ length: count }, (_, i) => thisYear - i);
}

/** A share (0-1) as a percentage with at most one decimal: 50 % (de) or 50% (en-GB). */
export function formatPercent(share: number, language: string): string {
  return new Intl.NumberFormat(localeFor(language), { style: 'percent', maximumFractionDigits: 1 }).format(share);
}
