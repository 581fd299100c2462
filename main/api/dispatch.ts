// The one handle() path for every call: known channel, signed-in user, role, payload, then the handler; always an ApiResult.
// A write with a requestId runs once: repeated, it returns the stored result (api/request-ids.ts).
import type { z } from 'zod';
import type { AppContext } from '../app-context.ts';
import { DomainError, fail } from '../services/errors.ts';
import { claimRequest, findRequest, pruneRequests, storeRequest } from '../services/request-ids.ts';
import { sessionUser } from '../services/users.ts';
import { isAllowed, OFFICE, type Call, type CallerWindow, type ChannelSpec } from './define.ts';
import { channels, describeUser, isKioskChannel, PERMISSIONS, type ChannelName } from './registry.ts';
import { takeRequestId } from './request-ids.ts';
import type { ApiError, ApiResult, SessionUser } from './types.ts';
import type { TxContext } from '../services/context.ts';

export type { CallerWindow };

export type Dispatch = (callerId: string, channel: string, payload: unknown, window?: CallerWindow) => Promise<ApiResult<unknown>>;

/** Channels a user who must first choose a new password may still use. */
const BEFORE_PASSWORD_CHANGE: readonly ChannelName[] = ['appInfo', 'login', 'logout', 'currentUser', 'changePassword'];

const failure = (code: ApiError['code'], details?: Record<string, unknown>): ApiResult<never> => ({
  ok: false,
  error: details ? { code, details } : { code },
});

export function forbiddenSender(): ApiResult<never> {
  return failure('forbidden_sender');
}

function isChannel(channel: string): channel is ChannelName {
  return Object.hasOwn(channels, channel);
}

function describeIssues(error: z.ZodError): Record<string, unknown> {
  const issues = error.issues.slice(0, 10).map((issue) => ({ path: issue.path.map(String).join('.'), code: issue.code }));
  // The first refused input is named as the field (e.g. "subject", "submitter.email"), so the UI can show it there.
  const field = issues.find((issue) => issue.path !== '')?.path;
  return field ? { issues, field } : { issues };
}

/** How often stored request ids are pruned (when a request id is stored, at most this often). */
const PRUNE_EVERY_MS = 3_600_000;

export function createDispatcher(app: AppContext, log: (message: string, error: unknown) => void = console.error): Dispatch {
  let prunedAt = Number.NEGATIVE_INFINITY;

  /** The handler and the storing of its result in one transaction; the same request again returns the stored result. */
  /**
   * The handler, with the services bound to one transaction, and the storing of its result in that same transaction;
   * the same request again returns the stored result.
   */
  const once = async (channel: ChannelName, user: SessionUser | null, requestId: string, run: (services: TxContext) => Promise<unknown>): Promise<unknown> => {
    const owner = user ?? fail('not_authenticated');
    const value = await app.services.tx(async (tx) => {
      const claimed = await claimRequest(tx.db, { id: requestId, channel, userId: owner.id, at: tx.now() });
      const done = claimed ? undefined : await findRequest(tx.db, requestId);
      if (done) {
        // Another user's or another action's request id is never answered with its result.
        if (done.channel !== channel || done.userId !== owner.id) fail('request_id_reused', { field: 'requestId' });
        return done.result;
      }
      const result = await run(tx);
      await storeRequest(tx.db, { id: requestId, result });
      return result;
    });
    // Old request ids are forgotten by a connection that may delete them: SQLite's, the owner's, an office seat's. A seat
    // under a department head's or the executive's own login role may not (migration 0022); the office's seats prune.
    const now = app.services.now();
    const mayPrune = app.engine.seatUserId === null || OFFICE.includes(owner.role);
    if (mayPrune && now.getTime() - prunedAt >= PRUNE_EVERY_MS) {
      prunedAt = now.getTime();
      // Housekeeping after the request's own transaction committed: a failure here must not turn the done write into
      // an error (the window would offer to send it again).
      await app.services.tx(({ db }) => pruneRequests(db, now)).catch((error: unknown) => log('ombudsdesk: pruning request ids failed', error));
    }
    return value;
  };

  const currentUser = async (callerId: string): Promise<SessionUser | null> => {
    const userId = app.sessions.get(callerId);
    if (userId === undefined) return null;
    const user = await sessionUser(app.services.read, userId);
    if (!user) app.sessions.delete(callerId);
    return user && describeUser(user);
  };

  return async (callerId, channel, payload, window) => {
    if (typeof channel !== 'string' || !isChannel(channel)) return failure('unknown_channel', { channel: String(channel).slice(0, 100) });
    // A kiosk window reaches the kiosk channels and nothing else; no other window reaches those.
    if (app.kiosk.isKiosk(callerId) !== isKioskChannel(channel)) return forbiddenSender();
    const user = await currentUser(callerId);
    const access = PERMISSIONS[channel];
    if (!isAllowed(access, user?.role ?? null)) return failure(user ? 'forbidden' : 'not_authenticated');
    if (user?.mustChangePassword && !BEFORE_PASSWORD_CHANGE.includes(channel)) return failure('password_change_required');
    const split = takeRequestId(channel, payload);
    if (!split.ok) return failure('invalid_input', describeIssues(split.error));
    const spec = channels[channel] as ChannelSpec;
    const parsed = spec.input.safeParse(split.payload);
    if (!parsed.success) return failure('invalid_input', describeIssues(parsed.error));
    const call: Call = { app, callerId, user, window, describe: describeUser };
    try {
      const handler = spec.handler as (call: Call, input: unknown) => unknown;
      const { requestId } = split;
      if (requestId !== undefined) {
        // The handler sees the services bound to the transaction, so its writes and the stored result commit together.
        const value = await once(channel, user, requestId, async (services) => handler({ ...call, app: { ...app, services } }, parsed.data));
        return { ok: true, value };
      }
      return { ok: true, value: await handler(call, parsed.data) };
    } catch (error) {
      if (error instanceof DomainError) return failure(error.code, error.details);
      const mapped = app.engine.mapError(error);
      if (mapped) return failure(mapped.code, mapped.details);
      log(`ombudsdesk: ${channel} failed`, error);
      return failure('internal');
    }
  };
}
