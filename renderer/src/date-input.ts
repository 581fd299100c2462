// Dates typed by people, in the format of the UI language: German 01.12.2026, English (as in Britain) 01/12/2026, both
// day first; an ISO date (2026-12-01) is understood too. Values travel as yyyy-MM-dd, or yyyy-MM-ddTHH:mm with a time
// (the form of <input type="datetime-local">), so callers keep the values they had.
import { localeFor } from './format.ts';

export type DateInputResult = { kind: 'empty' } | { kind: 'valid'; value: string } | { kind: 'invalid' };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function validDay(year: number, month: number, day: number): boolean {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The separator the UI language writes dates with. */
export function dateSeparator(language: string): '.' | '/' {
  return localeFor(language) === 'en-GB' ? '/' : '.';
}

/** What a person typed, as a canonical value; withTime asks for a time of day too (hh:mm, 24 hours). */
export function parseDateInput(text: string, withTime = false): DateInputResult {
  const trimmed = text.trim();
  if (!trimmed) return { kind: 'empty' };
  const time = withTime ? String.raw`(?:[T\s,]+(\d{1,2})[:.](\d{2}))` : '()()';
  const iso = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${time}$`).exec(trimmed);
  const dayFirst = new RegExp(String.raw`^(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4}|\d{2})${time}$`).exec(trimmed);
  let year: number, month: number, day: number, hours: string | undefined, minutes: string | undefined;
  if (iso) [year, month, day, hours, minutes] = [Number(iso[1]), Number(iso[2]), Number(iso[3]), iso[4], iso[5]];
  else if (dayFirst) {
    const y = dayFirst[3]!;
    [year, month, day, hours, minutes] = [y.length === 2 ? 2000 + Number(y) : Number(y), Number(dayFirst[2]), Number(dayFirst[1]), dayFirst[4], dayFirst[5]];
  } else return { kind: 'invalid' };
  if (!validDay(year, month, day)) return { kind: 'invalid' };
  const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  if (!withTime) return { kind: 'valid', value: date };
  const h = Number(hours);
  const m = Number(minutes);
  if (!(h >= 0 && h <= 23 && m >= 0 && m <= 59)) return { kind: 'invalid' };
  return { kind: 'valid', value: `${date}T${pad(h)}:${pad(m)}` };
}

/** A canonical value (yyyy-MM-dd or yyyy-MM-ddTHH:mm) as the UI language writes it: 01.12.2026 09:15 or 01/12/2026 09:15.
 * Anything else (a half-typed text) comes back unchanged. */
export function displayDateInput(value: string, language: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value);
  if (!match) return value;
  const separator = dateSeparator(language);
  const date = [match[3], match[2], match[1]].join(separator);
  return match[4] ? `${date} ${match[4]}:${match[5]}` : date;
}
