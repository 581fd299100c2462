// Bulk actions from the inbox: which changes exist, how many cases one call may touch, and which cases a bulk change
// leaves alone.
import type { CaseStatus, Priority } from './model.ts';

export const MAX_BULK_CASES = 500;

export const BULK_ACTIONS = ['assign', 'forward', 'set_category', 'set_priority', 'close'] as const;

export type BulkAction =
  | { action: 'assign'; handlerId: number | null }
  | { action: 'forward'; departmentId: number }
  | { action: 'set_category'; categoryId: number | null }
  | { action: 'set_priority'; priority: Priority }
  | { action: 'close' };

/** Finished cases: a selection that swept one up by mistake must not reopen its handling by the back door. */
const FINISHED: readonly CaseStatus[] = ['closed', 'withdrawn', 'merged'];

/**
 * Why a bulk change refuses a case before touching it, or null. Field changes (handler, category, priority) skip
 * finished cases — one at a time in the case view an office member still may, deliberately; forward and close are the
 * workflow's to refuse (a closed case cannot be forwarded or closed again).
 */
export function bulkRefusal(status: CaseStatus, change: BulkAction): { from: CaseStatus; action: BulkAction['action'] } | null {
  if (change.action === 'forward' || change.action === 'close') return null;
  return FINISHED.includes(status) ? { from: status, action: change.action } : null;
}
