// What each kind of background job takes: checked by the API before a job starts and again in its worker.
import { z } from 'zod';
import { TEMPLATE_LANGUAGES } from '../vocabulary/people.ts';

const year = z.number().int().min(2000).max(2200);

export const JOB_PARAMS = {
  demo: z.strictObject({ cases: z.number().int().min(1).max(2_000_000), seed: z.number().int().optional(), until: z.iso.datetime({ offset: true }).optional() }),
  youSaidWeDidXlsx: z.strictObject({ year, language: z.enum(TEMPLATE_LANGUAGES) }),
  // Mail files already on disk: written by main into the data folder's imports folder (from a window), or named on the
  // command line. Never in startJob's input: a window cannot name files to read (see main/api/areas/imports.ts).
  importMail: z.strictObject({
    source: z.string().max(2000),
    files: z
      .array(z.strictObject({ name: z.string().min(1).max(1000), path: z.string().min(1).max(4096), lastModified: z.number().int().nonnegative().nullable().optional() }))
      .min(1)
      .max(1000),
    /** A folder main made for this import's files, removed when the job ends. */
    removeFolder: z.string().max(4096).nullable().optional(),
  }),
  // The mailbox's settings and password are not params: main hands them to the worker in memory (runner secrets).
  pollMailbox: z.strictObject({ trigger: z.enum(['button', 'timer']), mailbox: z.string().max(2000) }),
};

/** startJob's input: a kind with its own params. */
export const startJobInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('demo'), params: JOB_PARAMS.demo }),
  z.strictObject({ kind: z.literal('youSaidWeDidXlsx'), params: JOB_PARAMS.youSaidWeDidXlsx }),
]);
