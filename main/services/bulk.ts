// Bulk actions from the inbox: the same change for many cases, each case in its own transaction through the very
// service a single change uses (same checks, same timeline event), so one refused case does not undo the others. The
// result says, per case, what happened.
import { MAX_BULK_CASES, type BulkAction } from '../domain/bulk.ts';
import type { Actor } from './actor.ts';
import { transitionCase } from './case-workflow.ts';
import { assignCase, updateCase } from './cases.ts';
import { isolated, type ServiceContext } from './context.ts';
import { DomainError } from './errors.ts';
import type { BulkResult } from '../api/types.ts';


async function applyOne(ctx: ServiceContext, actor: Actor, caseId: number, change: BulkAction): Promise<void> {
  switch (change.action) {
    case 'assign':
      return await assignCase(ctx, actor, caseId, change.handlerId);
    case 'forward':
      return await transitionCase(ctx, actor, { id: caseId, action: 'forward', departmentId: change.departmentId });
    case 'set_category':
      return await updateCase(ctx, actor, { id: caseId, categoryId: change.categoryId });
    case 'close':
      // Only answered cases close; the workflow refuses the others, and they are reported as refused.
      return await transitionCase(ctx, actor, { id: caseId, action: 'close' });
  }
}

export async function bulkUpdateCases(ctx: ServiceContext, actor: Actor, caseIds: readonly number[], change: BulkAction): Promise<BulkResult> {
  const result: BulkResult = { done: [], failed: [] };
  for (const caseId of [...new Set(caseIds)].slice(0, MAX_BULK_CASES)) {
    try {
      await isolated(ctx, (tx) => applyOne(tx, actor, caseId, change));
      result.done.push(caseId);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      result.failed.push({ caseId, code: error.code, ...(error.details ? { details: error.details } : {}) });
    }
  }
  return result;
}
