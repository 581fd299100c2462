// JSON columns are parsed through one checked helper: the stored text must have the shape the caller expects.
import { z } from 'zod';
import { CASE_KINDS } from '../vocabulary/cases.ts';

export class StoredJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoredJsonError';
  }
}

/** Parses a JSON column and checks it against the schema; a row that does not fit is a defect, not user input. */
export function readJson<S extends z.ZodType>(text: string, schema: S): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new StoredJsonError(`stored JSON is not valid: ${error instanceof Error ? error.message : String(error)}`);
  }
  const checked = schema.safeParse(value);
  if (!checked.success) throw new StoredJsonError(`stored JSON has an unexpected shape: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`).join(', ')}`);
  return checked.data;
}

/** The shapes of the JSON stored in columns (written by the services; checked again when read). */
export const stored = {
  strings: z.array(z.string()),
  numbers: z.array(z.number()),
  object: z.record(z.string(), z.unknown()),
  any: z.unknown(),
  deadlineRules: z.record(
    z.enum(CASE_KINDS),
    z.object({
      stage1: z.object({ acknowledgeDays: z.number(), respondDays: z.number() }),
      stage2: z.object({ acknowledgeDays: z.number(), respondDays: z.number() }),
    }),
  ),
  prizes: z.array(z.object({ count: z.number(), description: z.string() })),
  exclusions: z.array(
    z.object({ caseId: z.number(), reference: z.string(), reason: z.enum(['withdrawn', 'merged', 'no_contact', 'no_consent']) }),
  ),
};
