// Bulk actions from the inbox: which changes exist and how many cases one call may touch.
export const MAX_BULK_CASES = 500;

export const BULK_ACTIONS = ['assign', 'forward', 'set_category', 'close'] as const;

export type BulkAction =
  | { action: 'assign'; handlerId: number | null }
  | { action: 'forward'; departmentId: number }
  | { action: 'set_category'; categoryId: number | null }
  | { action: 'close' };
