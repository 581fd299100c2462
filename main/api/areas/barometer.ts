// The satisfaction barometer for the office: paper tallies, the quarterly report (department heads: their own
// departments), its settings, this computer's kiosk set-up, and opening kiosk mode.
import { z } from 'zod';
import { barometerReport, enterPaperTally, readBarometerSettings, updateBarometerSettings } from '../../services/barometer.ts';
import { readKioskConfig, updateKioskConfig } from '../../services/kiosk-config.ts';
import { actorOf, CASE_READERS, channel, id, isoDate, none, OFFICE, out, requiredText } from '../define.ts';
import type { BarometerReport, BarometerSettings, KioskConfig, PaperTallyResult } from '../types.ts';

const quarter = z.string().regex(/^\d{4}-Q[1-4]$/);
const tallyCount = z.number().int().min(0).max(100_000);

export const barometerChannels = {
  barometerReport: channel({
    access: CASE_READERS,
    input: z.strictObject({ from: quarter.optional(), to: quarter.optional(), departmentIds: z.array(id).max(100).optional() }),
    output: out<BarometerReport>(),
    handler: (call, input) => barometerReport(call.app.services, actorOf(call), input),
  }),
  enterPaperTally: channel({
    access: OFFICE,
    write: true,
    input: z.strictObject({
      date: isoDate,
      place: requiredText(200),
      departmentId: id.nullish(),
      good: tallyCount,
      okay: tallyCount,
      couldBeBetter: tallyCount,
    }),
    output: out<PaperTallyResult>(),
    handler: (call, input) =>
      enterPaperTally(call.app.services, actorOf(call), {
        date: input.date,
        place: input.place,
        departmentId: input.departmentId ?? null,
        counts: { good: input.good, okay: input.okay, could_be_better: input.couldBeBetter },
      }),
  }),
  getBarometerSettings: channel({
    access: CASE_READERS,
    input: none,
    output: out<BarometerSettings>(),
    handler: ({ app }) => readBarometerSettings(app.services.read),
  }),
  updateBarometerSettings: channel({
    access: OFFICE,
    write: true,
    input: z.strictObject({ kioskIntervalSeconds: z.number().int().min(0).max(600).optional(), minN: z.number().int().min(1).max(100_000).optional() }),
    output: out<BarometerSettings>(),
    handler: ({ app }, input) => updateBarometerSettings(app.services, input),
  }),
  getKioskConfig: channel({
    access: OFFICE,
    input: none,
    output: out<KioskConfig>(),
    handler: ({ app }) => readKioskConfig(app.dataDir),
  }),
  // This computer's set-up, in its data folder (a file, not the office's database: not a requestId write).
  updateKioskConfig: channel({
    access: ['admin'],
    input: z.strictObject({ startInKiosk: z.boolean().optional(), place: requiredText(200).optional() }),
    output: out<KioskConfig>(),
    handler: ({ app }, input) => updateKioskConfig(app.dataDir, input),
  }),
  // Ends this window's session and turns it into the kiosk (Electron: the workbench window closes, the kiosk opens).
  openKiosk: channel({
    access: OFFICE,
    input: none,
    output: out<{ navigate: string | null }>(),
    handler: ({ app, callerId }) => ({ navigate: app.kiosk.onOpen(callerId) }),
  }),
};
