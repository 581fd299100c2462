// Office settings: holiday region, extra closed days, deadline rules; and the working calendar they define.
import { isValidRegion } from '../domain/calendar.ts';
import { validateDeadlineRules } from '../domain/deadlines.ts';
import type { OfficeSettings } from '../types/settings.ts';
import type { ServiceContext } from './context.ts';
import { calendarCache, readSettings, SETTINGS_KEYS as KEYS } from './settings-read.ts';

export { calendarCache, readSettings };
import { fail } from './errors.ts';


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

