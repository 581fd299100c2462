// The improvements a case is linked to, for the case view: getCase checked the case first; the improvements are
// limited to the actor's departments here (a department head learns nothing of another department's improvement).
import type { CaseImprovementLink } from '../types/cases.ts';
import type { ReadDb } from '../db/handles.ts';
import { departmentScope, scopeList, type Actor } from './actor.ts';

export async function caseImprovementLinks(db: ReadDb, actor: Actor, caseId: number): Promise<CaseImprovementLink[]> {
  const scope = departmentScope(actor);
  let query = db
    .selectFrom('improvement_cases as l')
    .innerJoin('improvements as i', 'i.id', 'l.improvement_id')
    .select(['i.id', 'i.title', 'i.status', 'i.done_on', 'l.relation'])
    .where('l.case_id', '=', caseId);
  if (scope) query = query.where('i.department_id', 'in', scopeList(scope));
  return (await query.orderBy('i.id').execute())
    .map((row) => ({ improvementId: row.id, title: row.title, status: row.status, doneOn: row.done_on, relation: row.relation }));
}
