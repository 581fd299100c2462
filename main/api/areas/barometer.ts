// The satisfaction barometer for the office: paper tallies, the quarterly report (department heads: their own
// departments), its settings, this computer's kiosk set-up, opening kiosk mode, and the import of web votes.
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { base64DecodedSize, isBase64 } from '../../domain/attachments.ts';
import { IMPORTS_FOLDER } from '../../jobs/definitions.ts';
import { writeNewFile } from '../../services/attachment-store.ts';
import { fail } from '../../services/errors.ts';
import { barometerReport, enterPaperTally, readBarometerSettings, updateBarometerSettings } from '../../services/barometer.ts';
import { readKioskConfig, updateKioskConfig } from '../../services/kiosk-config.ts';
import { actorOf, CASE_READERS, channel, id, isoDate, none, OFFICE, out, requiredText } from '../define.ts';
import type { BarometerReport, BarometerSettings, JobRecord, KioskConfig, PaperTallyResult } from '../types.ts';

const quarter = z.string().regex(/^\d{4}-Q[1-4]$/);
const tallyCount = z.number().int().min(0).max(100_000);

/** A web vote export (CSV or XLSX): 50 MB, the table reader's limit. */
const MAX_VOTES_BYTES = 50 * 1024 * 1024;
const MAX_VOTES_BASE64_CHARS = 4 * Math.ceil(MAX_VOTES_BYTES / 3) + 4;
/** Who is starting a vote import right now (between the click and the job's start), and each person's running one. */
const startingVoteImport = new Set<number | null>();
const runningVoteImport = new Map<number | null, number>();

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
  // The administrator's, like the office's other settings.
  updateBarometerSettings: channel({
    access: ['admin'],
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
  /**
   * A web vote export (CSV, XLSX): written under the data folder and imported by an importBarometerVotes job, which
   * parses it in its worker. One vote import per person at a time (a second start while one runs is refused); the
   * import itself is idempotent (each row's key, see main/domain/barometer-import.ts).
   */
  importWebVotes: channel({
    access: OFFICE,
    input: z.strictObject({ name: requiredText(1000), dataBase64: z.string().max(MAX_VOTES_BASE64_CHARS) }),
    output: out<JobRecord>(),
    handler: async (call, input) => {
      const actor = actorOf(call);
      if (!isBase64(input.dataBase64)) fail('invalid_input', { field: 'dataBase64' });
      const size = base64DecodedSize(input.dataBase64);
      if (size > MAX_VOTES_BYTES) fail('table_too_large', { file: input.name, size, maxMegabytes: MAX_VOTES_BYTES / 1024 / 1024 });
      // Claimed before the first await: two clicks in the same moment must not both start one.
      const running = runningVoteImport.get(actor.id);
      if (startingVoteImport.has(actor.id) || (running !== undefined && call.app.jobs.progress(running) !== null)) fail('import_running');
      startingVoteImport.add(actor.id);
      const folder = path.join(call.app.dataDir, IMPORTS_FOLDER, randomUUID());
      try {
        mkdirSync(folder, { recursive: true });
        const file = path.join(folder, 'votes');
        writeNewFile(file, Buffer.from(input.dataBase64, 'base64'));
        const job = await call.app.jobs.start('importBarometerVotes', { file: { name: input.name, path: file }, removeFolder: folder }, actor);
        runningVoteImport.set(actor.id, job.id);
        return job;
      } catch (error) {
        rmSync(folder, { recursive: true, force: true });
        throw error;
      } finally {
        startingVoteImport.delete(actor.id);
      }
    },
  }),
  // Ends this window's session and turns it into the kiosk (Electron: the workbench window closes, the kiosk opens).
  openKiosk: channel({
    access: OFFICE,
    input: none,
    output: out<{ navigate: string | null }>(),
    handler: ({ app, callerId }) => ({ navigate: app.kiosk.onOpen(callerId) }),
  }),
};
