// The inbox's saved views: each is a filter main understands; "Mine" and "Due this week" depend on who and when.
import type { CaseFilter } from './filter.ts';
import { OPEN_STATUSES } from '../../../../main/vocabulary/cases.ts';

export const SAVED_VIEWS = ['new', 'overdue', 'dueThisWeek', 'mine', 'forwarded', 'all'] as const;
export type SavedView = (typeof SAVED_VIEWS)[number];

/** Friday of the current week as YYYY-MM-DD (local date). */
export function endOfWorkWeek(today: Date): string {
  const friday = new Date(today);
  const day = friday.getDay();
  friday.setDate(friday.getDate() + (day === 6 ? 6 : day === 0 ? 5 : 5 - day));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${friday.getFullYear()}-${pad(friday.getMonth() + 1)}-${pad(friday.getDate())}`;
}

export function filterForView(view: SavedView, userId: number, today: Date): CaseFilter {
  switch (view) {
    case 'new':
      return { statuses: ['new'] };
    case 'overdue':
      return { overdue: true };
    case 'dueThisWeek':
      return { dueBefore: endOfWorkWeek(today) };
    case 'mine':
      return { handlerId: userId, statuses: [...OPEN_STATUSES] };
    case 'forwarded':
      return { statuses: ['forwarded'] };
    case 'all':
      return {};
  }
}
