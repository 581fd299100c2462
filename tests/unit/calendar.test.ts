import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REGION,
  SUPPORTED_REGIONS,
  createWorkingCalendar,
  isValidRegion,
  shiftDate,
  type WorkingCalendar,
} from '../../main/domain/calendar.ts';

interface HolidayRow {
  country: string;
  subdivision: string;
  date: string;
  name_local: string;
  name_en: string;
  category: string;
}

// The reference data (a copy of the shared sample data, see tests/fixtures/holidays/SOURCES.md), independent of date-holidays.
const DATA_URL = new URL('../fixtures/holidays/public_holidays_2025_2027_DE-NW_SE_DK_CZ.json', import.meta.url);
const rows = (JSON.parse(readFileSync(DATA_URL, 'utf8')) as { holidays: HolidayRow[] }).holidays;
const STATUTORY = 'public';
const NOT_STATUTORY = 'de_facto_or_optional (NOT statutory day off)';
const regionOf = (r: HolidayRow): string => (r.subdivision ? `${r.country}-${r.subdivision}` : r.country);
const isWeekday = (date: string): boolean => ![0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

const calendars = new Map<string, WorkingCalendar>();
const calendarFor = (region: string): WorkingCalendar => {
  let cal = calendars.get(region);
  if (!cal) calendars.set(region, (cal = createWorkingCalendar({ region })));
  return cal;
};

describe('working calendar against the reference holiday data 2025-2027', () => {
  const statutory = rows.filter((r) => r.category === STATUTORY);
  const customary = rows.filter((r) => r.category === NOT_STATUTORY);

  it('knows every category in the data, so a new one cannot slip through unchecked', () => {
    expect(rows.length).toBe(statutory.length + customary.length);
    expect(new Set(rows.map(regionOf))).toEqual(new Set(['DE-NW', 'SE', 'DK', 'CZ']));
  });

  it('has 141 statutory dates (CZ lists two holidays on 1 January, hence 144 rows)', () => {
    expect(new Set(statutory.map((r) => `${regionOf(r)} ${r.date}`)).size).toBe(141);
    expect(statutory.length).toBe(144);
    expect(customary.length).toBe(21);
  });

  it('treats every statutory holiday as a non-working day', () => {
    const wrong = statutory.filter((r) => calendarFor(regionOf(r)).isWorkingDay(r.date));
    expect(wrong).toEqual([]);
    for (const r of statutory) expect(calendarFor(regionOf(r)).holidayOn(r.date)?.statutory).toBe(true);
  });

  it('keeps customary eves and optional days as working days on weekdays', () => {
    const weekdays = customary.filter((r) => isWeekday(r.date));
    expect(weekdays.length).toBeGreaterThan(10);
    const wrong = weekdays.filter((r) => !calendarFor(regionOf(r)).isWorkingDay(r.date));
    expect(wrong).toEqual([]);
  });

  it('closes customary days once the office lists them in closedDays', () => {
    for (const region of ['SE', 'DK']) {
      const closedDays = customary.filter((r) => regionOf(r) === region).map((r) => r.date);
      const cal = createWorkingCalendar({ region, closedDays });
      for (const date of closedDays) expect(cal.isWorkingDay(date), `${region} ${date}`).toBe(false);
    }
  });

  it('adds no non-working weekday beyond the statutory ones in the data', () => {
    for (const region of ['DE-NW', 'SE', 'DK', 'CZ']) {
      const holidays = new Set(statutory.filter((r) => regionOf(r) === region).map((r) => r.date));
      const cal = calendarFor(region);
      const disagree: string[] = [];
      for (let d = '2025-01-01'; d <= '2027-12-31'; d = shiftDate(d, 1)) {
        if (isWeekday(d) && cal.isWorkingDay(d) === holidays.has(d)) disagree.push(d);
      }
      expect(disagree, region).toEqual([]);
    }
  });
});

describe('working calendar', () => {
  it('treats Saturdays and Sundays as non-working', () => {
    const cal = createWorkingCalendar({ region: 'DE-NW' });
    expect(cal.isWorkingDay('2026-03-07')).toBe(false);
    expect(cal.isWorkingDay('2026-03-08')).toBe(false);
    expect(cal.isWorkingDay('2026-03-09')).toBe(true);
  });

  it('names holidays and says whether they are statutory', () => {
    const cal = createWorkingCalendar({ region: 'DE-NW' });
    expect(cal.holidayOn('2026-12-25')).toEqual({ name: '1. Weihnachtstag', statutory: true });
    expect(cal.holidayOn('2026-12-24')).toEqual({ name: 'Heiliger Abend', statutory: false });
    expect(cal.isWorkingDay('2026-12-24')).toBe(true);
    expect(cal.holidayOn('2026-03-10')).toBeNull();
    // Observances such as Valentine's Day are no day off for anyone.
    expect(cal.holidayOn('2026-02-14')).toBeNull();
  });

  it('shows both Czech holidays on 1 January', () => {
    // The data has two rows; date-holidays has one entry naming both.
    const day = createWorkingCalendar({ region: 'CZ' }).holidayOn('2026-01-01');
    expect(day?.statutory).toBe(true);
    expect(day?.name).toMatch(/Nový rok/);
    expect(day?.name).toMatch(/Den obnovy samostatného českého státu/);
  });

  it('applies regional holidays (Epiphany in Bavaria, not in North Rhine-Westphalia)', () => {
    expect(createWorkingCalendar({ region: 'DE-BY' }).isWorkingDay('2026-01-06')).toBe(false);
    expect(createWorkingCalendar({ region: 'DE-NW' }).isWorkingDay('2026-01-06')).toBe(true);
  });

  it('refuses unknown regions, including a state date-holidays would silently ignore', () => {
    for (const region of ['XX', 'DE-XX', 'de-nw', '', 'DE-NW-X']) {
      expect(isValidRegion(region), region).toBe(false);
      expect(() => createWorkingCalendar({ region }), region).toThrow(/unknown_region/);
    }
  });

  it('offers only regions date-holidays knows, with the default among them', () => {
    for (const { code, name } of SUPPORTED_REGIONS) {
      expect(isValidRegion(code), code).toBe(true);
      expect(name.length).toBeGreaterThan(0);
      expect(() => createWorkingCalendar({ region: code })).not.toThrow();
    }
    expect(SUPPORTED_REGIONS.map((r) => r.code)).toContain(DEFAULT_REGION);
    expect(DEFAULT_REGION).toBe('DE-NW');
  });

  it('rejects malformed dates instead of guessing', () => {
    const cal = createWorkingCalendar({ region: 'SE' });
    for (const bad of ['2026-02-30', '2026-3-1', '01.03.2026', '']) {
      expect(() => cal.isWorkingDay(bad), bad).toThrow(RangeError);
    }
    expect(() => createWorkingCalendar({ region: 'SE', closedDays: ['24.12.2026'] })).toThrow(RangeError);
  });
});
