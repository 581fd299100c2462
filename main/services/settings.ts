// Office settings: holiday region, extra closed days, deadline rules; and the working calendar they define.
import { createWorkingCalendar, DEFAULT_REGION, isValidRegion, type WorkingCalendar } from '../domain/calendar.ts';
import { DEFAULT_DEADLINE_RULES, validateDeadlineRules, type DeadlineRules } from '../domain/deadlines.ts';
import type { OfficeSettings } from '../api/types.ts';
import type { ReadDb } from '../db/handles.ts';
import { readJson, stored } from '../db/json.ts';
import type { ServiceContext } from './context.ts';
import { fail } from './errors.ts';

const KEYS = { region: 'holiday_region', closedDays: 'closed_days', rules: 'deadline_rules' } as const;

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

export async function updateSettings(ctx: ServiceContext, patch: Partial<OfficeSettings>): Promise<OfficeSettings> {
  if (patch.holidayRegion !== undefined && !isValidRegion(patch.holidayRegion)) {
    fail('unknown_region', { region: patch.holidayRegion });
  }
  if (patch.deadlineRules !== undefined) {
    const problems = validateDeadlineRules(patch.deadlineRules);
    if (problems.length > 0) fail('invalid_deadline_rules', { problems });
  }
  return ctx.tx(async ({ db, settingsChanged }) => {
    settingsChanged();
    const put = (key: string, value: string) =>
      db
        .insertInto('settings')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    if (patch.holidayRegion !== undefined) await put(KEYS.region, patch.holidayRegion);
    if (patch.closedDays !== undefined) await put(KEYS.closedDays, JSON.stringify([...new Set(patch.closedDays)].sort()));
    if (patch.deadlineRules !== undefined) await put(KEYS.rules, JSON.stringify(patch.deadlineRules));
    return await readSettings(db);
  });
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
