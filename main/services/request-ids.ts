// Requests already done: a write repeated under the same requestId gets the stored result back (see api/dispatch.ts).
import type { Db } from '../db/database.ts';

/** How long a request id is remembered: far longer than any retry or double click, short enough to keep the table small. */
export const REQUEST_ID_RETENTION_MS = 7 * 86_400_000;

export interface DoneRequest {
  channel: string;
  userId: number;
  result: unknown;
}

export function findRequest(db: Db, id: string): DoneRequest | undefined {
  const row = db.first(db.q.selectFrom('request_ids').select(['channel', 'user_id', 'result']).where('id', '=', id));
  if (!row) return undefined;
  return { channel: row.channel, userId: row.user_id, result: JSON.parse(row.result) as unknown };
}

/** Stores what the request returned; the caller runs this in the transaction of the request's own writes. */
export function storeRequest(db: Db, request: { id: string; channel: string; userId: number; result: unknown; at: Date }): void {
  db.run(
    db.q.insertInto('request_ids').values({
      id: request.id,
      channel: request.channel,
      user_id: request.userId,
      // undefined (a handler with nothing to return) is stored as null, which is what the window receives anyway.
      result: JSON.stringify(request.result ?? null),
      at: request.at.toISOString(),
    }),
  );
}

/** Forgets request ids older than the retention; returns how many. */
export function pruneRequests(db: Db, now: Date): number {
  const before = new Date(now.getTime() - REQUEST_ID_RETENTION_MS).toISOString();
  return db.run(db.q.deleteFrom('request_ids').where('at', '<', before)).changes;
}
