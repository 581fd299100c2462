// The office's working calendar: which local dates count towards a deadline in its holiday region.
import Holidays from 'date-holidays';

/** A country ('SE') or country-subdivision ('DE-NW') code as date-holidays knows it. */
export type HolidayRegion = string;

export const DEFAULT_REGION: HolidayRegion = 'DE-NW';

// The regions offered in the administrator's settings; English names, the UI translates them.
export const SUPPORTED_REGIONS: readonly { readonly code: HolidayRegion; readonly name: string }[] = [
  { code: 'DE-NW', name: 'Germany – North Rhine-Westphalia' },
  { code: 'DE-BY', name: 'Germany – Bavaria' },
  { code: 'DE-BE', name: 'Germany – Berlin' },
  { code: 'AT', name: 'Austria' },
  { code: 'CH-ZH', name: 'Switzerland – Zurich' },
  { code: 'SE', name: 'Sweden' },
  { code: 'DK', name: 'Denmark' },
  { code: 'CZ', name: 'Czechia' },
  { code: 'NO', name: 'Norway' },
  { code: 'FI', name: 'Finland' },
  { code: 'GB-ENG', name: 'United Kingdom – England' },
];

export interface CalendarOptions {
  region: HolidayRegion;
  /** Extra dates (YYYY-MM-DD) the office itself is closed, e.g. Christmas Eve if it says so. */
  closedDays?: string[];
}

export interface HolidayInfo {
  name: string;
  /** A statutory public holiday: the office is closed by law and the deadline clock does not run. */
  statutory: boolean;
}

export interface WorkingCalendar {
  readonly region: string;
  isWorkingDay(date: string): boolean;
  /** Working days from a fixed origin up to and including date: differences count working days in O(1). */
  workingDayOrdinal(date: string): number;
  /** The public holiday on that date, else a bank or optional day off (still a working day), else null. */
  holidayOn(date: string): HolidayInfo | null;
}

const DAY_MS = 86_400_000;
/** Ordinals count from here; years far from it are filled in once and cached. */
const ORDINAL_ORIGIN_YEAR = 2000;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** True for a real local calendar date written 'YYYY-MM-DD'. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = CALENDAR_DATE.exec(value);
  if (!m) return false;
  // Plain arithmetic: this runs for every row of every inbox page, and Date objects made it the hot spot.
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 ? (leap ? 29 : 28) : DAYS_IN_MONTH[month - 1]!);
}

// Deadlines come from stored data and user input; a typo must fail loudly, not shift a due date.
export function assertCalendarDate(value: unknown, what = 'date'): asserts value is string {
  if (!isCalendarDate(value)) throw new RangeError(`invalid_date: ${what} must be YYYY-MM-DD, got ${String(value)}`);
}

/** The calendar date `days` after `date` (UTC arithmetic on a date without time, so no DST surprises). */
export function shiftDate(date: string, days: number): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return new Date(t + days * DAY_MS).toISOString().slice(0, 10);
}

// Deadline loops step one day at a time through the same few years, and Date formatting dominates their cost.
const following = new Map<string, string>();
export function nextDay(date: string): string {
  let next = following.get(date);
  if (next === undefined) {
    if (following.size > 100_000) following.clear();
    next = shiftDate(date, 1);
    following.set(date, next);
  }
  return next;
}

function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

// One shared instance only to ask which countries and states exist.
let catalogue: Holidays | null = null;

export function isValidRegion(region: string): boolean {
  if (typeof region !== 'string') return false;
  const [country, state, ...rest] = region.split('-');
  if (!country || rest.length > 0 || country !== country.toUpperCase()) return false;
  catalogue ??= new Holidays();
  if (!Object.hasOwn(catalogue.getCountries(), country)) return false;
  if (state === undefined) return true;
  // date-holidays silently falls back to the whole country for an unknown state, so check it here.
  return state === state.toUpperCase() && Object.hasOwn(catalogue.getStates(country) ?? {}, state);
}

// Only these types are days off for someone; observances (Mother's Day, Advent Sundays) are noise in a deadline view.
const SHOWN_TYPES = new Set(['public', 'bank', 'optional']);

export function createWorkingCalendar(opts: CalendarOptions): WorkingCalendar {
  const region = opts.region;
  if (!isValidRegion(region)) throw new Error(`unknown_region: ${String(region)}`);
  const closed = new Set<string>();
  for (const day of opts.closedDays ?? []) {
    assertCalendarDate(day, 'closed day');
    closed.add(day);
  }
  const [country, state] = region.split('-') as [string, string | undefined];
  const source = state ? new Holidays(country, state) : new Holidays(country);
  const years = new Map<number, Map<string, HolidayInfo>>();

  // date-holidays rebuilds a whole year per query, so each year is built once.
  function holidaysOf(year: number): Map<string, HolidayInfo> {
    let byDate = years.get(year);
    if (byDate) return byDate;
    byDate = new Map();
    for (const h of source.getHolidays(year)) {
      if (!SHOWN_TYPES.has(h.type)) continue;
      const statutory = h.type === 'public';
      // Only 'public' closes the office: checked day by day against the python-holidays data (DE-NW, SE, DK, CZ 2025-2027),
      // which agrees exactly; the customary eves there are 'bank' or 'observance' here, both working days.
      // A rule may span several days; none of the supported regions has one today, but a due date must not miss it.
      const length = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY_MS));
      for (let i = 0; i < length; i++) {
        const date = shiftDate(h.date.slice(0, 10), i);
        const known = byDate.get(date);
        if (!known) byDate.set(date, { name: h.name, statutory });
        else if (statutory && !known.statutory) byDate.set(date, { name: h.name, statutory });
        // Two holidays of the same standing on one day are shown together rather than one hiding the other.
        else if (statutory === known.statutory && !known.name.split(' / ').includes(h.name))
          byDate.set(date, { name: `${known.name} / ${h.name}`, statutory });
      }
    }
    years.set(year, byDate);
    return byDate;
  }

  function holidayOn(date: string): HolidayInfo | null {
    assertCalendarDate(date);
    return holidaysOf(Number(date.slice(0, 4))).get(date) ?? null;
  }

  // Remembered per date because deadline loops ask about the same days over and over.
  const answers = new Map<string, boolean>();
  function isWorkingDay(date: string): boolean {
    const known = answers.get(date);
    if (known !== undefined) return known;
    assertCalendarDate(date);
    const working = !isWeekend(date) && !closed.has(date) && !holidayOn(date)?.statutory;
    answers.set(date, working);
    return working;
  }

  // Per year: working days from 1 January through each day of that year; and where each year starts on the running count.
  const cumulative = new Map<number, Uint16Array>();
  const yearStart = new Map<number, number>([[ORDINAL_ORIGIN_YEAR, 0]]);
  function countsOf(year: number): Uint16Array {
    let counts = cumulative.get(year);
    if (counts) return counts;
    const days = Math.round((Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / DAY_MS);
    counts = new Uint16Array(days);
    let day = `${String(year).padStart(4, '0')}-01-01`;
    for (let i = 0, total = 0; i < days; i++, day = nextDay(day)) counts[i] = total += isWorkingDay(day) ? 1 : 0;
    cumulative.set(year, counts);
    return counts;
  }
  function startOf(year: number): number {
    const known = yearStart.get(year);
    if (known !== undefined) return known;
    const start =
      year > ORDINAL_ORIGIN_YEAR ? startOf(year - 1) + countsOf(year - 1).at(-1)! : startOf(year + 1) - countsOf(year).at(-1)!;
    yearStart.set(year, start);
    return start;
  }
  const ordinals = new Map<string, number>();
  function workingDayOrdinal(date: string): number {
    const known = ordinals.get(date);
    if (known !== undefined) return known;
    assertCalendarDate(date);
    const year = Number(date.slice(0, 4));
    const dayOfYear = Math.round((Date.UTC(year, Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) - Date.UTC(year, 0, 1)) / DAY_MS);
    const ordinal = startOf(year) + countsOf(year)[dayOfYear]!;
    if (ordinals.size > 100_000) ordinals.clear();
    ordinals.set(date, ordinal);
    return ordinal;
  }

  return { region, isWorkingDay, holidayOn, workingDayOrdinal };
}
