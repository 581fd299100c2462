// Reading the office settings and the working calendar they define (what every service context needs; writing them is
// settings.ts).
import { createWorkingCalendar, DEFAULT_REGION, type WorkingCalendar } from '../domain/calendar.ts';
import { DEFAULT_DEADLINE_RULES, type DeadlineRules } from '../domain/deadlines.ts';
import type { OfficeSettings } from '../types/settings.ts';
import type { ReadDb } from '../db/handles.ts';
import { readJson, stored } from '../db/json.ts';

export const SETTINGS_KEYS = { region: 'holiday_region', closedDays: 'closed_days', rules: 'deadline_rules' } as const;
const KEYS = SETTINGS_KEYS;

export async function readSettings(db: ReadDb): Promise<OfficeSettings> {
  const rows = (await db.selectFrom('settings').select(['key', 'value']).execute());
  const map = new Map(rows.map((row) => [row.key, row.value]));
  const closedDays = map.get(KEYS.closedDays);
  const rules = map.get(KEYS.rules);
  return {
    holidayRegion: map.get(KEYS.region) ?? DEFAULT_REGION,
    closedDays: closedDays === undefined ? [] : readJson(closedDays, stored.strings),
    deadlineRules: rules === undefined ? DEFAULT_DEADLINE_RULES : (readJson(rules, stored.deadlineRules) satisfies DeadlineRules),
  };
}

/** Calendars are cached per configuration because deadline maths runs for every listed row. */
export function calendarCache(): (settings: OfficeSettings) => WorkingCalendar {
  const cache = new Map<string, WorkingCalendar>();
  return (settings) => {
    const key = `${settings.holidayRegion}|${settings.closedDays.join(',')}`;
    let calendar = cache.get(key);
    if (!calendar) {
      calendar = createWorkingCalendar({ region: settings.holidayRegion, closedDays: settings.closedDays });
      cache.set(key, calendar);
    }
    return calendar;
  };
}
