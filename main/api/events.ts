// One-way events from main to the windows, typed like the request map: which windows hear an event is decided here,
// by who is signed in there (a job's progress reaches only the windows of the user who started it).
import type { EventName } from './channels.ts';
import type { JobRecord } from './types.ts';

export interface EventMap {
  /** A background job moved on, or ended: the whole record, so a window can draw it without asking. */
  jobProgress: JobRecord;
  /**
   * Cases another seat changed (PostgreSQL: every seat's committed changes, this one's included), limited to the cases
   * the user may see; `all` when they cannot be named (a large import, a reconnect): reload what is shown.
   */
  casesChanged: { all: boolean; caseIds: number[] };
}

export type EventSink = (name: EventName, payload: unknown) => void;

export interface EventHub {
  /** A window (by caller id) listens; returns how to stop. A caller has one sink: attaching again replaces it. */
  attach(callerId: string, sink: EventSink): () => void;
  /** Every window where this user is signed in. */
  toUser<N extends EventName>(userId: number, name: N, payload: EventMap[N]): void;
}

export function createEventHub(sessions: ReadonlyMap<string, number>): EventHub {
  const sinks = new Map<string, EventSink>();
  return {
    attach(callerId, sink) {
      sinks.set(callerId, sink);
      return () => {
        if (sinks.get(callerId) === sink) sinks.delete(callerId);
      };
    },
    toUser(userId, name, payload) {
      for (const [callerId, sink] of sinks) {
        if (sessions.get(callerId) !== userId) continue;
        try {
          sink(name, payload);
        } catch {
          // A window that went away while we sent: it detaches when it is destroyed.
        }
      }
    },
  };
}

/** What window.ombudsdeskEvents offers the renderer (the preload; in tests, the loopback transport's event stream). */
export interface OmbudsdeskEvents {
  on<N extends EventName>(name: N, listener: (payload: EventMap[N]) => void): () => void;
}
