// What every service needs: the database, the clock, and the office settings with their calendar.
import type { WorkingCalendar } from '../domain/calendar.ts';
import type { OfficeSettings } from '../api/types.ts';
import type { Db } from '../db/database.ts';
import { systemClock, type Clock } from './clock.ts';
import { calendarCache, readSettings, updateSettings } from './settings.ts';

export interface ServiceContext {
  db: Db;
  now: Clock;
  settings(): OfficeSettings;
  calendar(): WorkingCalendar;
  saveSettings(patch: Partial<OfficeSettings>): OfficeSettings;
}

export function createServiceContext(db: Db, now: Clock = systemClock): ServiceContext {
  let cached: OfficeSettings | null = null;
  const calendarFor = calendarCache();
  const settings = () => (cached ??= readSettings(db));
  return {
    db,
    now,
    settings,
    calendar: () => calendarFor(settings()),
    saveSettings(patch) {
      cached = updateSettings(db, patch);
      return cached;
    },
  };
}
