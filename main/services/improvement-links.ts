// The improvements a case is linked to, for the case view: getCase checked the case first; the improvements are
// limited to the actor's departments here (a department head learns nothing of another department's improvement).
import type { ImprovementStatus, LinkRelation } from '../domain/improvements.ts';
import type { CaseImprovementLink } from '../api/types.ts';
import type { Db } from '../db/database.ts';
import { departmentScope, scopeList, type Actor } from './actor.ts';

export function caseImprovementLinks(db: Db, actor: Actor, caseId: number): CaseImprovementLink[] {
  const scope = departmentScope(actor);
  let query = db.q
    .selectFrom('improvement_cases as l')
    .innerJoin('improvements as i', 'i.id', 'l.improvement_id')
    .select(['i.id', 'i.title', 'i.status', 'i.done_on', 'l.relation'])
    .where('l.case_id', '=', caseId);
  if (scope) query = query.where('i.department_id', 'in', scopeList(scope));
  return db
    .all(query.orderBy('i.id'))
    .map((row) => ({ improvementId: row.id, title: row.title, status: row.status as ImprovementStatus, doneOn: row.done_on, relation: row.relation as LinkRelation }));
}
