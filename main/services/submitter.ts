// Correcting the person's contact data after the case was saved: the change and its timeline event in one transaction.
import type { Updateable } from 'kysely';
import type { CasesTable } from '../db/schema.ts';
import type { Actor } from './actor.ts';
import { loadCaseRow } from './cases.ts';
import type { ServiceContext } from './context.ts';
import { fail } from './errors.ts';
import { appendEvent } from './timeline.ts';

export interface UpdateSubmitterInput {
  caseId: number;
  /** undefined: unchanged; null: cleared (the contract turns '' into null and trims). */
  name?: string | null | undefined;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  address?: string | null | undefined;
}

export const CONTACT_FIELDS = {
  name: 'submitter_name',
  email: 'submitter_email',
  phone: 'submitter_phone',
  address: 'submitter_address',
} as const;
export type ContactField = keyof typeof CONTACT_FIELDS;

/**
 * Writes the fields that differ from what is stored and one event `contact_updated` naming them (with old and new
 * value); nothing changed writes nothing, so the same correction sent twice leaves one event. An anonymous case has no
 * contact data to correct (giving it some would lift the anonymity the person asked for).
 */
export async function updateSubmitter(ctx: ServiceContext, actor: Actor, input: UpdateSubmitterInput): Promise<void> {
  await ctx.tx(async (ctx) => {
    const { db } = ctx;
    const row = await loadCaseRow(ctx, actor, input.caseId);
    if (row.submitter_anonymous === 1) fail('submitter_anonymous', { field: 'caseId' });
    const changes: Partial<Record<ContactField, [string | null, string | null]>> = {};
    const set: Updateable<CasesTable> = {};
    for (const [field, column] of Object.entries(CONTACT_FIELDS) as [ContactField, (typeof CONTACT_FIELDS)[ContactField]][]) {
      const value = input[field];
      if (value === undefined || value === row[column]) continue;
      changes[field] = [row[column], value];
      set[column] = value;
    }
    const fields = Object.keys(changes);
    if (fields.length === 0) return;
    const stamp = ctx.now().toISOString();
    await db.updateTable('cases').set({ ...set, updated_at: stamp }).where('id', '=', row.id).execute();
    await appendEvent(db, { caseId: row.id, actorId: actor.id, type: 'contact_updated', at: stamp, data: { fields, changes } });
  });
}
