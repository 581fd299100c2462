// Departments and categories: small named lists the office maintains.
import type { Category, Department } from '../types/settings.ts';
import type { ServiceContext } from './context.ts';
import { fail } from './errors.ts';

type NamedTable = 'departments' | 'categories';

async function listNamed(ctx: ServiceContext, table: NamedTable): Promise<Department[]> {
  return (await ctx.read.selectFrom(table).select(['id', 'name', 'active']).orderBy('name').execute())
    .map((row) => ({ id: row.id, name: row.name, active: row.active === 1 }));
}

async function saveNamed(
  ctx: ServiceContext,
  table: NamedTable,
  input: { id?: number | undefined; name: string; active: boolean },
): Promise<Department> {
  return ctx.tx(async (ctx) => {
    const { db } = ctx;
    const clash = (await db.selectFrom(table).select('id').where('name', '=', input.name).executeTakeFirst());
    if (clash && clash.id !== input.id) fail('conflict', { field: 'name' });
    if (input.id === undefined) {
      const row = (await db
          .insertInto(table)
          .values({ name: input.name, active: input.active ? 1 : 0, created_at: ctx.now().toISOString() })
          .returning(['id', 'name', 'active']).executeTakeFirst())!;
      return { id: row.id, name: row.name, active: row.active === 1 };
    }
    const result = await db.updateTable(table).set({ name: input.name, active: input.active ? 1 : 0 }).where('id', '=', input.id).executeTakeFirst();
    if (result.numUpdatedRows === 0n) fail('not_found', { field: 'id' });
    return { id: input.id, name: input.name, active: input.active };
  });
}

export const listDepartments = (ctx: ServiceContext): Promise<Department[]> => listNamed(ctx, 'departments');
export const saveDepartment = (ctx: ServiceContext, input: { id?: number | undefined; name: string; active: boolean }): Promise<Department> =>
  saveNamed(ctx, 'departments', input);
export const listCategories = (ctx: ServiceContext): Promise<Category[]> => listNamed(ctx, 'categories');
export const saveCategory = (ctx: ServiceContext, input: { id?: number | undefined; name: string; active: boolean }): Promise<Category> =>
  saveNamed(ctx, 'categories', input);
