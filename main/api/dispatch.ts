// The one handle() path for every call: known channel, signed-in user, role, payload, then the handler; always an ApiResult.
// A write with a requestId runs once: repeated, it returns the stored result (api/request-ids.ts).
import { SqliteError } from 'better-sqlite3';
import type { z } from 'zod';
import type { AppContext } from '../app-context.ts';
import { DomainError, fail } from '../services/errors.ts';
import { findRequest, pruneRequests, storeRequest } from '../services/request-ids.ts';
import { sessionUser } from '../services/users.ts';
import type { ChannelName } from './channels.ts';
import { contract } from './contract.ts';
import { handlers, type Call } from './handlers.ts';
import { isAllowed, PERMISSIONS } from './permissions.ts';
import { takeRequestId } from './request-ids.ts';
import type { ApiError, ApiResult, SessionUser } from './types.ts';

/** What the calling window can do for a handler: Electron's printToPDF of that window. The test transport has none. */
export interface CallerWindow {
  printToPdf(): Promise<Uint8Array>;
}

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
  return Object.hasOwn(contract, channel);
}

function describeIssues(error: z.ZodError): Record<string, unknown> {
  const issues = error.issues.slice(0, 10).map((issue) => ({ path: issue.path.map(String).join('.'), code: issue.code }));
  // The first refused input is named as the field (e.g. "subject", "submitter.email"), so the UI can show it there.
  const field = issues.find((issue) => issue.path !== '')?.path;
  return field ? { issues, field } : { issues };
}

/** How often stored request ids are pruned (when a request id is stored, at most this often). */
const PRUNE_EVERY_MS = 3_600_000;

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

export function createDispatcher(app: AppContext, log: (message: string, error: unknown) => void = console.error): Dispatch {
  let prunedAt = Number.NEGATIVE_INFINITY;

  /** The handler and the storing of its result in one transaction; the same request again returns the stored result. */
  const once = (channel: ChannelName, user: SessionUser | null, requestId: string, run: () => unknown): unknown => {
    const { db } = app;
    const owner = user ?? fail('not_authenticated');
    const value = db.transaction(() => {
      const done = findRequest(db, requestId);
      if (done) {
        // Another user's or another action's request id is never answered with its result.
        if (done.channel !== channel || done.userId !== owner.id) fail('request_id_reused', { field: 'requestId' });
        return done.result;
      }
      const result = run();
      // Only synchronous handlers can share the transaction (REQUEST_ID_CHANNELS lists only those).
      if (isPromiseLike(result)) throw new Error(`${channel} is asynchronous and cannot take a requestId`);
      storeRequest(db, { id: requestId, channel, userId: owner.id, result, at: app.services.now() });
      return result;
    });
    const now = app.services.now();
    if (now.getTime() - prunedAt >= PRUNE_EVERY_MS) {
      prunedAt = now.getTime();
      pruneRequests(db, now);
    }
    return value;
  };

  const currentUser = (callerId: string): SessionUser | null => {
    const userId = app.sessions.get(callerId);
    if (userId === undefined) return null;
    const user = sessionUser(app.db, userId);
    if (!user) app.sessions.delete(callerId);
    return user;
  };

  return async (callerId, channel, payload, window) => {
    if (typeof channel !== 'string' || !isChannel(channel)) return failure('unknown_channel', { channel: String(channel).slice(0, 100) });
    const user = currentUser(callerId);
    const access = PERMISSIONS[channel];
    if (!isAllowed(access, user?.role ?? null)) return failure(user ? 'forbidden' : 'not_authenticated');
    if (user?.mustChangePassword && !BEFORE_PASSWORD_CHANGE.includes(channel)) return failure('password_change_required');
    const split = takeRequestId(channel, payload);
    if (!split.ok) return failure('invalid_input', describeIssues(split.error));
    const parsed = contract[channel].input.safeParse(split.payload);
    if (!parsed.success) return failure('invalid_input', describeIssues(parsed.error));
    const call: Call = { app, callerId, user, window };
    try {
      const handler = handlers[channel] as (call: Call, input: unknown) => unknown;
      const { requestId } = split;
      if (requestId !== undefined) return { ok: true, value: once(channel, user, requestId, () => handler(call, parsed.data)) };
      return { ok: true, value: await handler(call, parsed.data) };
    } catch (error) {
      if (error instanceof DomainError) return failure(error.code, error.details);
      if (error instanceof SqliteError && error.code.startsWith('SQLITE_CONSTRAINT')) return failure('conflict', { constraint: error.code });
      log(`ombudsdesk: ${channel} failed`, error);
      return failure('internal');
    }
  };
}
