// After the draw: winners are notified, or decline, or cannot be reached; then the next reserve in ranking order takes
// the freed place. The ranking itself never changes; the current winners follow from it and the follow-up log alone.

export const FOLLOW_UP_TYPES = ['notified', 'declined', 'unreachable'] as const;
export type FollowUpType = (typeof FOLLOW_UP_TYPES)[number];

export interface FollowUp {
  type: FollowUpType;
  reference: string;
}

export interface WinnerSlot {
  /** Prize place, 1-based. */
  place: number;
  reference: string;
  notified: boolean;
  /** Rank (1-based) in the drawn order; above the number of prizes for a reserve who moved up. */
  rank: number;
}

export interface FollowUpState {
  winners: WinnerSlot[];
  /** Who gave up a place, in order, and why. */
  dropped: { reference: string; type: 'declined' | 'unreachable'; place: number }[];
  /** Reserves still waiting, in order. */
  reserves: string[];
}

export function followUpState(ranking: readonly string[], winnerCount: number, log: readonly FollowUp[]): FollowUpState {
  const k = Math.min(winnerCount, ranking.length);
  const winners: WinnerSlot[] = ranking.slice(0, k).map((reference, i) => ({ place: i + 1, reference, notified: false, rank: i + 1 }));
  const dropped: FollowUpState['dropped'] = [];
  let next = k;
  for (const entry of log) {
    const index = winners.findIndex((slot) => slot.reference === entry.reference);
    if (index < 0) continue; // refused by checkFollowUp before it is ever stored
    const slot = winners[index]!;
    if (entry.type === 'notified') {
      slot.notified = true;
      continue;
    }
    dropped.push({ reference: slot.reference, type: entry.type, place: slot.place });
    if (next < ranking.length) {
      winners[index] = { place: slot.place, reference: ranking[next]!, notified: false, rank: next + 1 };
      next += 1;
    } else {
      winners.splice(index, 1);
    }
  }
  return { winners, dropped, reserves: ranking.slice(next) };
}

/** Why this follow-up cannot be recorded now, or null. */
export function checkFollowUp(state: FollowUpState, entry: FollowUp): 'not_a_winner' | 'already_notified' | null {
  const slot = state.winners.find((w) => w.reference === entry.reference);
  if (!slot) return 'not_a_winner';
  if (entry.type === 'notified' && slot.notified) return 'already_notified';
  return null;
}
