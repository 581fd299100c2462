// Bulk actions from the inbox: the same change for many cases, each case in its own transaction through the very
// service a single change uses (same checks, same timeline event), so one refused case does not undo the others. The
// result says, per case, what happened: changed, already as asked (unchanged, no event), or refused with its reason.
import { bulkRefusal, MAX_BULK_CASES, type BulkAction } from '../domain/bulk.ts';
import type { CaseStatus } from '../domain/model.ts';
import type { Actor } from './actor.ts';
import { transitionCase } from './case-workflow.ts';
import { assignCase, loadCaseRow, updateCase } from './cases.ts';
import { isolated, type ServiceContext } from './context.ts';
import { DomainError, fail } from './errors.ts';
import type { BulkResult } from '../types/cases.ts';

/** Applies the change to one case; false when the case already was as asked (nothing written). */
async function applyOne(ctx: ServiceContext, actor: Actor, caseId: number, change: BulkAction): Promise<boolean> {
  const row = await loadCaseRow(ctx, actor, caseId); // not found / out of scope is refused like a single change
  const refusal = bulkRefusal(row.status as CaseStatus, change);
  if (refusal) fail('invalid_transition', refusal);
  switch (change.action) {
    case 'assign':
      return assignCase(ctx, actor, caseId, change.handlerId);
    case 'forward':
      await transitionCase(ctx, actor, { id: caseId, action: 'forward', departmentId: change.departmentId });
      return true;
    case 'set_category':
      return updateCase(ctx, actor, { id: caseId, categoryId: change.categoryId });
    case 'set_priority':
      return updateCase(ctx, actor, { id: caseId, priority: change.priority });
    case 'close':
      // Only answered cases close; the workflow refuses the others, and they are reported as refused.
      await transitionCase(ctx, actor, { id: caseId, action: 'close' });
      return true;
  }
}

export async function bulkUpdateCases(ctx: ServiceContext, actor: Actor, caseIds: readonly number[], change: BulkAction): Promise<BulkResult> {
  const result: BulkResult = { done: [], unchanged: [], failed: [] };
  for (const caseId of [...new Set(caseIds)].slice(0, MAX_BULK_CASES)) {
    try {
      // Each case on its own (a refused one undoes only itself): the check and the change see the same row.
      const changed = await isolated(ctx, (tx) => applyOne(tx, actor, caseId, change));
      (changed ? result.done : result.unchanged).push(caseId);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      result.failed.push({ caseId, code: error.code, ...(error.details ? { details: error.details } : {}) });
    }
  }
  return result;
}
