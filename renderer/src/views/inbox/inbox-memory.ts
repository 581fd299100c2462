// What the inbox looked like when a case was opened from it: the workbench keeps this while the inbox is not shown, so
// "back" returns to the same view, filters, sort, search text, scroll position and row.
import type { CaseFilter, CaseSort } from './filter.ts';
import type { SavedView } from './saved-views.ts';

export interface InboxState {
  view: SavedView;
  extra: CaseFilter;
  text: string;
  sort: CaseSort;
  scrollTop: number;
  /** The row that has (or last had) the keyboard focus, by position and by case. */
  activeIndex: number;
  activeId: number | null;
}

export class InboxMemory {
  private state: InboxState | null = null;
  /** Which opening of the inbox the state belongs to (a start-screen figure opens a new one with its own filter). */
  private key: number | null = null;
  private restore: 'row' | 'search' | null = null;

  read(key: number): InboxState | null {
    return this.key === key ? this.state : null;
  }

  save(key: number, state: InboxState): void {
    this.key = key;
    this.state = state;
  }

  /** The inbox is left for a case, from a row or from the search box: on its return the focus goes back there. */
  leaveForCase(from: 'row' | 'search'): void {
    this.restore = from;
  }

  /** Where the focus should be restored now (once), if anywhere. */
  takeRestoreFocus(): 'row' | 'search' | null {
    const restore = this.restore;
    this.restore = null;
    return restore;
  }
}
