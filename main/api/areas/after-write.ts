// After a write, the window gets the record as it now is: the write is awaited first, then the fresh read (never left to
// the order in which arguments are evaluated).
import { getCase } from '../../services/cases.ts';
import { getImprovement } from '../../services/improvements.ts';
import { actorOf, type Call } from '../define.ts';
import type { CaseDetail, ImprovementDetail } from '../types.ts';

/** Runs the write, then reads the case (by the given id, or the id the write returned). */
export async function detail(call: Call, write: () => Promise<unknown>, caseId?: number): Promise<CaseDetail> {
  const written = await write();
  return getCase(call.app.services, actorOf(call), caseId ?? (written as number));
}

/** Runs the write, then reads the improvement as it now is. */
export async function improvement(call: Call, write: () => Promise<unknown>, improvementId?: number): Promise<ImprovementDetail> {
  const written = await write();
  return getImprovement(call.app.services, actorOf(call), improvementId ?? (written as number));
}
