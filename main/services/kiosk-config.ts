// This computer's kiosk set-up (start in kiosk mode, the kiosk's place and id), kept as a small JSON file in the data
// folder: whether a computer in the foyer starts as a kiosk is a property of that machine, not of the office, so it is
// not in the office's database (which several seats may share later).
import { randomUUID } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { KioskConfig } from '../types/barometer.ts';

export const KIOSK_CONFIG_FILE = 'kiosk.json';
const DEFAULT_PLACE = 'Kiosk';

function fileOf(dataDir: string): string {
  return path.join(dataDir, KIOSK_CONFIG_FILE);
}

function write(dataDir: string, config: KioskConfig): void {
  const file = fileOf(dataDir);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(config, null, 2));
  renameSync(temp, file);
}

/** The stored set-up; the first read gives this computer its kiosk id and stores it. */
export function readKioskConfig(dataDir: string): KioskConfig {
  let stored: Partial<KioskConfig> = {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(fileOf(dataDir), 'utf8'));
    if (parsed && typeof parsed === 'object') stored = parsed as Partial<KioskConfig>;
  } catch {
    // Missing or unreadable: the defaults, and a new id.
  }
  const config: KioskConfig = {
    startInKiosk: stored.startInKiosk === true,
    place: typeof stored.place === 'string' && stored.place.trim() !== '' ? stored.place.slice(0, 200) : DEFAULT_PLACE,
    kioskId: typeof stored.kioskId === 'string' && /^[\w-]{1,100}$/.test(stored.kioskId) ? stored.kioskId : randomUUID(),
  };
  if (config.kioskId !== stored.kioskId) write(dataDir, config);
  return config;
}

export function updateKioskConfig(dataDir: string, patch: Partial<Pick<KioskConfig, 'startInKiosk' | 'place'>>): KioskConfig {
  const config = { ...readKioskConfig(dataDir) };
  if (patch.startInKiosk !== undefined) config.startInKiosk = patch.startInKiosk;
  if (patch.place !== undefined) config.place = patch.place.trim() || DEFAULT_PLACE;
  write(dataDir, config);
  return config;
}
