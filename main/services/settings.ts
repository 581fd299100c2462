// Office settings: holiday region, extra closed days, deadline rules; and the working calendar they define.
import { createWorkingCalendar, DEFAULT_REGION, isValidRegion, type WorkingCalendar } from '../domain/calendar.ts';
import { DEFAULT_DEADLINE_RULES, validateDeadlineRules, type DeadlineRules } from '../domain/deadlines.ts';
import type { OfficeSettings } from '../api/types.ts';
import type { Db } from '../db/database.ts';
import { fail } from './errors.ts';

const KEYS = { region: 'holiday_region', closedDays: 'closed_days', rules: 'deadline_rules' } as const;

export function readSettings(db: Db): OfficeSettings {
  const rows = db.all(db.q.selectFrom('settings').select(['key', 'value']));
  const map = new Map(rows.map((row) => [row.key, row.value]));
  const json = <T>(key: string, fallback: T): T => {
    const raw = map.get(key);
    return raw === undefined ? fallback : (JSON.parse(raw) as T);
  };
  return {
    holidayRegion: map.get(KEYS.region) ?? DEFAULT_REGION,
    closedDays: json<string[]>(KEYS.closedDays, []),
    deadlineRules: json<DeadlineRules>(KEYS.rules, DEFAULT_DEADLINE_RULES),
  };
}

export function updateSettings(db: Db, patch: Partial<OfficeSettings>): OfficeSettings {
  if (patch.holidayRegion !== undefined && !isValidRegion(patch.holidayRegion)) {
    fail('unknown_region', { region: patch.holidayRegion });
  }
  if (patch.deadlineRules !== undefined) {
    const problems = validateDeadlineRules(patch.deadlineRules);
    if (problems.length > 0) fail('invalid_deadline_rules', { problems });
  }
  const put = (key: string, value: string) =>
    db.run(
      db.q
        .insertInto('settings')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value })),
    );
  db.transaction(() => {
    if (patch.holidayRegion !== undefined) put(KEYS.region, patch.holidayRegion);
    if (patch.closedDays !== undefined) put(KEYS.closedDays, JSON.stringify([...new Set(patch.closedDays)].sort()));
    if (patch.deadlineRules !== undefined) put(KEYS.rules, JSON.stringify(patch.deadlineRules));
  });
  return readSettings(db);
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
