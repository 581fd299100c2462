// The improvements a case is linked to, for the case view (no access check here: getCase checked the case first).
import type { ImprovementStatus, LinkRelation } from '../domain/improvements.ts';
import type { CaseImprovementLink } from '../api/types.ts';
import type { Db } from '../db/database.ts';

export function caseImprovementLinks(db: Db, caseId: number): CaseImprovementLink[] {
  return db
    .all(
      db.q
        .selectFrom('improvement_cases as l')
        .innerJoin('improvements as i', 'i.id', 'l.improvement_id')
        .select(['i.id', 'i.title', 'i.status', 'i.done_on', 'l.relation'])
        .where('l.case_id', '=', caseId)
        .orderBy('i.id'),
    )
    .map((row) => ({ improvementId: row.id, title: row.title, status: row.status as ImprovementStatus, doneOn: row.done_on, relation: row.relation as LinkRelation }));
}
