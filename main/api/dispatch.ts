// The one handle() path for every call: known channel, signed-in user, role, payload, then the handler; always an ApiResult.
import { SqliteError } from 'better-sqlite3';
import type { z } from 'zod';
import type { AppContext } from '../app-context.ts';
import { DomainError } from '../services/errors.ts';
import { sessionUser } from '../services/users.ts';
import type { ChannelName } from './channels.ts';
import { contract } from './contract.ts';
import { handlers, type Call } from './handlers.ts';
import { isAllowed, PERMISSIONS } from './permissions.ts';
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
  return {
    issues: error.issues.slice(0, 10).map((issue) => ({ path: issue.path.map(String).join('.'), code: issue.code })),
  };
}

export function createDispatcher(app: AppContext, log: (message: string, error: unknown) => void = console.error): Dispatch {
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
    const parsed = contract[channel].input.safeParse(payload);
    if (!parsed.success) return failure('invalid_input', describeIssues(parsed.error));
    const call: Call = { app, callerId, user, window };
    try {
      const handler = handlers[channel] as (call: Call, input: unknown) => unknown;
      return { ok: true, value: await handler(call, parsed.data) };
    } catch (error) {
      if (error instanceof DomainError) return failure(error.code, error.details);
      if (error instanceof SqliteError && error.code.startsWith('SQLITE_CONSTRAINT')) return failure('conflict', { constraint: error.code });
      log(`ombudsdesk: ${channel} failed`, error);
      return failure('internal');
    }
  };
}
