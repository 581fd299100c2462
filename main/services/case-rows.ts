// A case row as stored, loaded for an actor (out of scope is not found), and the check that a referenced row exists:
// what the case services and the workflow share (kept apart so neither imports the other).
import type { Selectable } from 'kysely';
import type { CasesTable } from '../db/schema.ts';
import { inScope, type Actor } from './actor.ts';
import type { ServiceContext } from './context.ts';
import { fail } from './errors.ts';

export type CaseRow = Selectable<CasesTable>;

export async function requireExisting(ctx: ServiceContext, table: 'departments' | 'categories' | 'users', id: number | null | undefined, field: string): Promise<void> {
  if (id === null || id === undefined) return;
  const row = (await ctx.read.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst());
  if (!row) fail('not_found', { field });
}

/** Loads a case row the actor may see, or fails as not found (a department head must not learn what exists elsewhere). */
export async function loadCaseRow(ctx: ServiceContext, actor: Actor, id: number): Promise<CaseRow> {
  const row = (await ctx.read.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst());
  if (!row) fail('not_found', { field: 'id' });
  if (!inScope(actor, row.department_id)) fail('not_found', { field: 'id' });
  return row;
}
