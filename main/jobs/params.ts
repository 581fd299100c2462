// What each kind of background job takes: checked by the API before a job starts and again in its worker.
import { z } from 'zod';
import { tableMappingSchema } from '../services/table-imports.ts';
import { CASE_CHANNELS, CASE_KINDS, CASE_ORIGINS, CASE_STATUSES } from '../vocabulary/cases.ts';
import { IMPROVEMENT_STATUSES } from '../vocabulary/improvements.ts';
import { TEMPLATE_LANGUAGES } from '../vocabulary/people.ts';

const year = z.number().int().min(2000).max(2200);
const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** The inbox's filter (listCases takes the same; main/api/areas/cases.ts uses this one). */
export const caseFilterSchema = z.strictObject({
  statuses: z.array(z.enum(CASE_STATUSES)).max(CASE_STATUSES.length).optional(),
  kinds: z.array(z.enum(CASE_KINDS)).max(CASE_KINDS.length).optional(),
  channels: z.array(z.enum(CASE_CHANNELS)).max(CASE_CHANNELS.length).optional(),
  origins: z.array(z.enum(CASE_ORIGINS)).max(CASE_ORIGINS.length).optional(),
  departmentIds: z.array(id).max(500).optional(),
  handlerId: id.optional(),
  overdue: z.boolean().optional(),
  dueBefore: z.iso.date().optional(),
  dueOn: z.iso.date().optional(),
  returnedSince: z.iso.datetime({ offset: true }).optional(),
  receivedFrom: z.iso.date().optional(),
  receivedTo: z.iso.date().optional(),
  text: z.string().trim().max(200).optional(),
  reference: z.string().trim().max(20).optional(),
});

export const caseSortSchema = z.strictObject({
  column: z.enum(['reference', 'receivedAt', 'responseDue', 'status', 'kind', 'subject', 'priority']),
  direction: z.enum(['asc', 'desc']),
});

const exportFormat = z.enum(['xlsx', 'csv']);

export const JOB_PARAMS = {
  demo: z.strictObject({ cases: z.number().int().min(1).max(2_000_000), seed: z.number().int().optional(), until: z.iso.datetime({ offset: true }).optional() }),
  youSaidWeDidXlsx: z.strictObject({ year, language: z.enum(TEMPLATE_LANGUAGES) }),
  reportXlsx: z.strictObject({ period: z.string().regex(/^\d{4}(-Q[1-4])?$/), departmentId: id.nullish(), language: z.enum(TEMPLATE_LANGUAGES) }),
  // The inbox with its filter and sort, or the improvements list with its filter: every matching row the caller may see.
  tableExport: z.discriminatedUnion('table', [
    z.strictObject({ table: z.literal('cases'), filter: caseFilterSchema.default({}), sort: caseSortSchema.optional(), format: exportFormat, language: z.enum(TEMPLATE_LANGUAGES) }),
    z.strictObject({
      table: z.literal('improvements'),
      filter: z.strictObject({ statuses: z.array(z.enum(IMPROVEMENT_STATUSES)).max(IMPROVEMENT_STATUSES.length).optional(), departmentIds: z.array(id).max(500).optional(), doneYear: year.optional() }).default({}),
      format: exportFormat,
      language: z.enum(TEMPLATE_LANGUAGES),
    }),
  ]),
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
  // Web votes (CSV, XLSX) main wrote under the imports folder (importWebVotes in main/api/areas/barometer.ts).
  importBarometerVotes: z.strictObject({
    file: z.strictObject({ name: z.string().min(1).max(1000), path: z.string().min(1).max(4096) }),
    /** Votes per transaction (tests use small batches). */
    batchSize: z.number().int().min(1).max(5000).optional(),
    removeFolder: z.string().max(4096).nullable().optional(),
  }),
  // The mailbox's settings and password are not params: main hands them to the worker in memory (runner secrets).
  pollMailbox: z.strictObject({ trigger: z.enum(['button', 'timer']), mailbox: z.string().max(2000) }),
};

/** startJob's input: a kind with its own params. */
export const startJobInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('demo'), params: JOB_PARAMS.demo }),
  z.strictObject({ kind: z.literal('youSaidWeDidXlsx'), params: JOB_PARAMS.youSaidWeDidXlsx }),
  z.strictObject({ kind: z.literal('reportXlsx'), params: JOB_PARAMS.reportXlsx }),
  z.strictObject({ kind: z.literal('tableExport'), params: JOB_PARAMS.tableExport }),
]);
