// What each kind of background job takes: checked by the API before a job starts and again in its worker.
import { z } from 'zod';
import { TEMPLATE_LANGUAGES } from '../vocabulary/people.ts';

const year = z.number().int().min(2000).max(2200);

export const JOB_PARAMS = {
  demo: z.strictObject({ cases: z.number().int().min(1).max(2_000_000), seed: z.number().int().optional(), until: z.iso.datetime({ offset: true }).optional() }),
  youSaidWeDidXlsx: z.strictObject({ year, language: z.enum(TEMPLATE_LANGUAGES) }),
};

/** startJob's input: a kind with its own params. */
export const startJobInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('demo'), params: JOB_PARAMS.demo }),
  z.strictObject({ kind: z.literal('youSaidWeDidXlsx'), params: JOB_PARAMS.youSaidWeDidXlsx }),
]);
