// A case row as stored, loaded for an actor (out of scope is not found), and the check that a referenced row exists:
// what the case services and the workflow share (kept apart so neither imports the other).
import type { Selectable } from 'kysely';
import { selectedEngine } from '../db/dialect.ts';
import { reusable } from '../db/handles.ts';
import type { CasesTable } from '../db/schema.ts';
import { inScope, type Actor } from './actor.ts';
import { isTxContext, type ServiceContext } from './context.ts';
import { fail } from './errors.ts';

export type CaseRow = Selectable<CasesTable>;

const SELECT_ID = {
  departments: reusable((db, p: { id: number }) => db.selectFrom('departments').select('id').where('id', '=', p.id)),
  categories: reusable((db, p: { id: number }) => db.selectFrom('categories').select('id').where('id', '=', p.id)),
  users: reusable((db, p: { id: number }) => db.selectFrom('users').select('id').where('id', '=', p.id)),
};

export async function requireExisting(ctx: ServiceContext, table: 'departments' | 'categories' | 'users', id: number | null | undefined, field: string): Promise<void> {
  if (id === null || id === undefined) return;
  // Departments, categories and users are never deleted (only made inactive), so a row found once in a transaction is
  // there until it ends: the transaction remembers it (a demo batch of 500 cases checks its departments once, not 900
  // times).
  const memo = isTxContext(ctx) ? ctx.found : null;
  const key = `${table}:${id}`;
  if (memo?.has(key)) return;
  const [row] = await SELECT_ID[table](ctx.read, { id });
  if (!row) fail('not_found', { field });
  memo?.add(key);
}

const selectCaseRow = reusable((db, p: { id: number }) => db.selectFrom('cases').selectAll().where('id', '=', p.id));
/**
 * The row for a change: on PostgreSQL locked FOR UPDATE, so a second seat changing the same case waits for this
 * transaction and then reads the row as it left it (under READ COMMITTED a plain read would let both seats apply their
 * step to the same old state, and the second write would undo the first's). SQLite has one writer at a time already
 * (BEGIN IMMEDIATE) and no FOR UPDATE.
 */
const selectCaseRowForChange = reusable((db, p: { id: number }) => {
  const query = db.selectFrom('cases').selectAll().where('id', '=', p.id);
  return selectedEngine() === 'postgres' ? query.forUpdate() : query;
});

/** Loads a case row the actor may see, or fails as not found (a department head must not learn what exists elsewhere). */
export async function loadCaseRow(ctx: ServiceContext, actor: Actor, id: number): Promise<CaseRow> {
  const [row] = isTxContext(ctx) ? await selectCaseRowForChange(ctx.db, { id }) : await selectCaseRow(ctx.read, { id });
  if (!row) fail('not_found', { field: 'id' });
  if (!inScope(actor, row.department_id)) fail('not_found', { field: 'id' });
  return row;
}
