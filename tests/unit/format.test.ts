// Dates and numbers in the UI language: English as in Britain (day before month, 24-hour time), German as in Germany.
import { describe, expect, it } from 'vitest';
import { formatBytes, formatDate, formatDateTime, formatNumber, formatShortDateTime, localeFor } from '../../renderer/src/format.ts';

// 1 December 2026, 21:17 office time: a US format would write 12/1/26, 9:17 PM.
const evening = new Date(2026, 11, 1, 21, 17).toISOString();

describe('localeFor: one place decides the locale from the UI language', () => {
  it('writes English as en-GB and German as de-DE', () => {
    expect(localeFor('en')).toBe('en-GB');
    expect(localeFor('en-US')).toBe('en-GB');
    expect(localeFor('de')).toBe('de-DE');
    expect(localeFor('de-AT')).toBe('de-DE');
  });
});

describe('English', () => {
  it('writes the day before the month and a 24-hour time', () => {
    expect(formatDateTime(evening, 'en')).toBe('1 Dec 2026, 21:17');
    expect(formatShortDateTime(evening, 'en')).toBe('01/12/2026, 21:17');
    expect(formatDate('2026-12-01', 'en')).toBe('1 Dec 2026');
  });
  it('never writes the US order or AM/PM', () => {
    for (const text of [formatDateTime(evening, 'en'), formatShortDateTime(evening, 'en')]) {
      expect(text).not.toMatch(/12\/1\/|PM|AM/);
    }
  });
  it('groups thousands with a comma and writes file sizes with a point', () => {
    expect(formatNumber(12345.5, 'en')).toBe('12,345.5');
    expect(formatBytes(3450, 'en')).toBe('3.5 kB');
  });
});

describe('German', () => {
  it('writes dd.mm.yyyy and a 24-hour time', () => {
    expect(formatDateTime(evening, 'de')).toBe('01.12.2026, 21:17');
    expect(formatShortDateTime(evening, 'de')).toBe('01.12.26, 21:17');
    expect(formatDate('2026-12-01', 'de')).toBe('01.12.2026');
  });
  it('groups thousands with a point and writes file sizes with a comma', () => {
    expect(formatNumber(12345.5, 'de')).toBe('12.345,5');
    expect(formatBytes(3450, 'de')).toBe('3,5 kB');
  });
});
