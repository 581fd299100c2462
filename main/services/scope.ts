// Department scope for what one record says about others: the cases linked to an improvement, the improvements linked
// to a case, the case another was merged into, and the timeline events that name any of them. A department head must
// learn nothing of another department through a link: not a reference, a title, a person, nor that it exists.
import type { ReadDb } from '../db/handles.ts';
import { departmentScope, scopeList, type Actor } from './actor.ts';

type Visibility = (ids: readonly number[]) => Promise<Set<number>>;

function visible(db: ReadDb, actor: Actor, table: 'cases' | 'improvements'): Visibility {
  const scope = departmentScope(actor);
  return async (ids) => {
    const unique = [...new Set(ids)];
    if (scope === null || unique.length === 0) return new Set(unique);
    const rows = (await db.selectFrom(table).select('id').where('id', 'in', unique).where('department_id', 'in', scopeList(scope)).execute());
    return new Set(rows.map((row) => row.id));
  };
}

/** The ids among these cases that the actor may see. */
export const visibleCases = (db: ReadDb, actor: Actor): Visibility => visible(db, actor, 'cases');
/** The ids among these improvements that the actor may see. */
export const visibleImprovements = (db: ReadDb, actor: Actor): Visibility => visible(db, actor, 'improvements');
