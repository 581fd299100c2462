// What each kind of background job takes: checked by the API before a job starts and again in its worker.
import { z } from 'zod';
import { tableMappingSchema } from '../services/table-imports.ts';
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
  // A spreadsheet or form export written by main into the imports folder: its header and first rows for the mapping dialog.
  previewTable: z.strictObject({ file: z.strictObject({ name: z.string().min(1).max(1000), path: z.string().min(1).max(4096) }), sheet: z.string().max(200).nullable() }),
  importTable: z.strictObject({
    source: z.string().max(2000),
    file: z.strictObject({ name: z.string().min(1).max(1000), path: z.string().min(1).max(4096) }),
    sheet: z.string().max(200).nullable(),
    mapping: tableMappingSchema,
    /** Rows per transaction (tests use small batches). */
    batchSize: z.number().int().min(1).max(5000).optional(),
    removeFolder: z.string().max(4096).nullable().optional(),
  }),
  importOpen311: z.strictObject({
    source: z.string().max(2000),
    files: z.array(z.strictObject({ name: z.string().min(1).max(1000), path: z.string().min(1).max(4096) })).min(1).max(100),
    removeFolder: z.string().max(4096).nullable().optional(),
  }),
  open311Poll: z.strictObject({
    url: z.string().url().max(2000),
    jurisdictionId: z.string().max(200).nullable(),
    startDate: z.iso.datetime({ offset: true }).nullable(),
    endDate: z.iso.datetime({ offset: true }).nullable(),
  }),
};

/** startJob's input: a kind with its own params. */
export const startJobInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('demo'), params: JOB_PARAMS.demo }),
  z.strictObject({ kind: z.literal('youSaidWeDidXlsx'), params: JOB_PARAMS.youSaidWeDidXlsx }),
]);
