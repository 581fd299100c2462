// Live refresh: which of the cases another seat changed a user may hear about. Department heads learn only of their
// departments' cases (a changed case's id is a fact about it too); everyone else reads every case.
import type { ReadDb } from '../db/handles.ts';
import { departmentScope, scopeList, type Actor } from './actor.ts';

export async function visibleCaseIds(db: ReadDb, actor: Actor, caseIds: readonly number[]): Promise<number[]> {
  const scope = departmentScope(actor);
  if (scope === null || caseIds.length === 0) return [...caseIds];
  const rows = await db
    .selectFrom('cases')
    .select('id')
    .where('id', 'in', [...caseIds])
    .where('department_id', 'in', scopeList(scope))
    .execute();
  return rows.map((row) => row.id).sort((a, b) => a - b);
}
