// Requests already done: a write repeated under the same requestId gets the stored result back (see api/dispatch.ts).
import type { ReadDb, WriteDb } from '../db/handles.ts';
import { readJson, stored } from '../db/json.ts';

/** How long a request id is remembered: far longer than any retry or double click, short enough to keep the table small. */
export const REQUEST_ID_RETENTION_MS = 7 * 86_400_000;

export interface DoneRequest {
  channel: string;
  userId: number;
  result: unknown;
}

export async function findRequest(db: ReadDb, id: string): Promise<DoneRequest | undefined> {
  const row = (await db.selectFrom('request_ids').select(['channel', 'user_id', 'result']).where('id', '=', id).executeTakeFirst());
  if (!row) return undefined;
  return { channel: row.channel, userId: row.user_id, result: readJson(row.result, stored.any) };
}

/**
 * Claims a request id at the start of the request's transaction (its result is stored by storeRequest at the end):
 * false when the id is taken already. A second transaction with the same id waits on the first one's row until it
 * ends (PostgreSQL's unique index; SQLite runs one writer at a time anyway), then finds it committed (false: read its
 * result) or rolled back (true: do the work itself). So a double click on two seats' worth of connections writes once.
 */
export async function claimRequest(db: WriteDb, request: { id: string; channel: string; userId: number; at: Date }): Promise<boolean> {
  const inserted = await db.insertInto('request_ids').values({
      id: request.id,
      channel: request.channel,
      user_id: request.userId,
      result: 'null',
      at: request.at.toISOString(),
    }).onConflict((oc) => oc.column('id').doNothing()).returning('id').execute();
  return inserted.length === 1;
}

/** Stores what the claimed request returned; the caller runs this in the transaction of the request's own writes. */
export async function storeRequest(db: WriteDb, request: { id: string; result: unknown }): Promise<void> {
  // undefined (a handler with nothing to return) is stored as null, which is what the window receives anyway.
  await db.updateTable('request_ids').set({ result: JSON.stringify(request.result ?? null) }).where('id', '=', request.id).execute();
}

/** Forgets request ids older than the retention; returns how many. */
export async function pruneRequests(db: WriteDb, now: Date): Promise<number> {
  const before = new Date(now.getTime() - REQUEST_ID_RETENTION_MS).toISOString();
  const result = await db.deleteFrom('request_ids').where('at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
