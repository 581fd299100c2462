// How dispatch takes a write's optional requestId out of the payload before the channel's own schema (which channels are
// writes, each area says: `write: true`).
// A write repeated with the same requestId (a double click, a retry after a lost answer) returns the first call's stored
// result instead of running again; see createDispatcher in dispatch.ts and services/request-ids.ts.
import { z } from 'zod';
import { isWrite, type ChannelName } from './registry.ts';

export type { RequestIdChannel, RequestIdField } from './registry.ts';

const requestIdSchema = z.strictObject({ requestId: z.uuid() });

export type SplitPayload = { ok: true; payload: unknown; requestId?: string } | { ok: false; error: z.ZodError };

/** The payload without its requestId, and the requestId (validated); payloads of other channels pass unchanged. */
export function takeRequestId(channel: ChannelName, payload: unknown): SplitPayload {
  if (!isWrite(channel) || typeof payload !== 'object' || payload === null || Array.isArray(payload) || !Object.hasOwn(payload, 'requestId')) {
    return { ok: true, payload };
  }
  const { requestId, ...rest } = payload as Record<string, unknown>;
  const checked = requestIdSchema.safeParse({ requestId });
  if (!checked.success) return { ok: false, error: checked.error };
  return { ok: true, payload: rest, requestId: checked.data.requestId.toLowerCase() };
}
