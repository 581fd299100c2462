// Dates typed into the workbench: as the UI language writes them (01.12.2026, 01/12/2026), day first, or as ISO dates.
import { describe, expect, it } from 'vitest';
import { displayDateInput, parseDateInput } from '../../renderer/src/date-input.ts';

describe('parseDateInput', () => {
  it('reads German and British dates, day first, and ISO dates', () => {
    for (const text of ['01.12.2026', '1.12.2026', ' 1. 12. 2026 ', '01/12/2026', '1/12/26', '01-12-2026', '2026-12-01']) {
      expect(parseDateInput(text), text).toEqual({ kind: 'valid', value: '2026-12-01' });
    }
  });
  it('never reads the US month-first order: 12/1/2026 is the 12th of January', () => {
    expect(parseDateInput('12/1/2026')).toEqual({ kind: 'valid', value: '2026-01-12' });
  });
  it('refuses days that do not exist and text that is no date', () => {
    for (const text of ['31.02.2026', '29.02.2027', '00.01.2026', '1.13.2026', 'morgen', '2026-12', '1.12.', '12/01/202']) {
      expect(parseDateInput(text), text).toEqual({ kind: 'invalid' });
    }
    expect(parseDateInput('29.02.2028')).toEqual({ kind: 'valid', value: '2028-02-29' });
  });
  it('is empty for blank text', () => {
    expect(parseDateInput('   ')).toEqual({ kind: 'empty' });
  });
  it('with a time: 24 hours, as datetime-local values', () => {
    expect(parseDateInput('01.12.2026 21:17', true)).toEqual({ kind: 'valid', value: '2026-12-01T21:17' });
    expect(parseDateInput('1/12/2026, 9.05', true)).toEqual({ kind: 'valid', value: '2026-12-01T09:05' });
    expect(parseDateInput('2026-12-01T09:05', true)).toEqual({ kind: 'valid', value: '2026-12-01T09:05' });
    expect(parseDateInput('01.12.2026 24:00', true)).toEqual({ kind: 'invalid' });
    expect(parseDateInput('01.12.2026', true)).toEqual({ kind: 'invalid' });
  });
});

describe('displayDateInput', () => {
  it('writes values as the UI language does', () => {
    expect(displayDateInput('2026-12-01', 'de')).toBe('01.12.2026');
    expect(displayDateInput('2026-12-01', 'en')).toBe('01/12/2026');
    expect(displayDateInput('2026-12-01T09:05', 'de')).toBe('01.12.2026 09:05');
    expect(displayDateInput('2026-12-01T09:05', 'en')).toBe('01/12/2026 09:05');
  });
  it('leaves half-typed text alone', () => {
    expect(displayDateInput('1.12.', 'de')).toBe('1.12.');
    expect(displayDateInput('', 'en')).toBe('');
  });
  it('round-trips', () => {
    for (const language of ['de', 'en']) expect(parseDateInput(displayDateInput('2027-02-28T23:59', language), true)).toEqual({ kind: 'valid', value: '2027-02-28T23:59' });
  });
});
