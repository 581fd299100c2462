// Department scope for what one record says about others: the cases linked to an improvement, the improvements linked
// to a case, the case another was merged into, and the timeline events that name any of them. A department head must
// learn nothing of another department through a link: not a reference, a title, a person, nor that it exists.
import type { Db } from '../db/database.ts';
import { departmentScope, scopeList, type Actor } from './actor.ts';

type Visibility = (ids: readonly number[]) => Set<number>;

function visible(db: Db, actor: Actor, table: 'cases' | 'improvements'): Visibility {
  const scope = departmentScope(actor);
  return (ids) => {
    const unique = [...new Set(ids)];
    if (scope === null || unique.length === 0) return new Set(unique);
    const rows = db.all(db.q.selectFrom(table).select('id').where('id', 'in', unique).where('department_id', 'in', scopeList(scope)));
    return new Set(rows.map((row) => row.id));
  };
}

/** The ids among these cases that the actor may see. */
export const visibleCases = (db: Db, actor: Actor): Visibility => visible(db, actor, 'cases');
/** The ids among these improvements that the actor may see. */
export const visibleImprovements = (db: Db, actor: Actor): Visibility => visible(db, actor, 'improvements');
