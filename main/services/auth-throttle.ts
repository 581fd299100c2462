// Failed sign-ins and password checks, stored in the database and judged by the rules in domain/login-throttle.ts.
import { LOGIN_THROTTLE, PASSWORD_CHECK_THROTTLE, retryAfterSeconds, SPRAY_THROTTLE, throttleName, type ThrottleRule } from '../domain/login-throttle.ts';
import type { ReadDb } from '../db/handles.ts';
import type { ServiceContext } from './context.ts';
import { fail } from './errors.ts';

export interface ThrottleSubject {
  key: string;
  rule: ThrottleRule;
}

export const loginSubjects = (username: string): ThrottleSubject[] => [
  { key: `login:${throttleName(username)}`, rule: LOGIN_THROTTLE },
  { key: 'login:*', rule: SPRAY_THROTTLE },
];

/** Failures older than this count for no rule. */
const KEEP_MS = Math.max(...[LOGIN_THROTTLE, SPRAY_THROTTLE, PASSWORD_CHECK_THROTTLE].map((rule) => rule.windowMs + rule.lockMs));

export const passwordCheckSubjects = (userId: number): ThrottleSubject[] => [{ key: `password:${userId}`, rule: PASSWORD_CHECK_THROTTLE }];

/** Fails with too_many_attempts (and the seconds to wait) while any of the subjects is locked. */
export async function assertNotThrottled(db: ReadDb, subjects: readonly ThrottleSubject[], nowMs: number): Promise<void> {
  let wait: number | null = null;
  for (const { key, rule } of subjects) {
    const times = (await db.selectFrom('auth_failures').select('at_ms').where('subject', '=', key).where('at_ms', '>', nowMs - rule.windowMs).execute())
      .map((row) => row.at_ms);
    const seconds = retryAfterSeconds(times, nowMs, rule);
    if (seconds !== null) wait = Math.max(wait ?? 0, seconds);
  }
  if (wait !== null) fail('too_many_attempts', { retryAfterSeconds: wait });
}

/** Records one failure for each subject, and forgets failures too old to count for any rule. */
export async function recordFailure(ctx: ServiceContext, subjects: readonly ThrottleSubject[], nowMs: number): Promise<void> {
  await ctx.tx(async ({ db }) => {
    for (const { key } of subjects) await db.insertInto('auth_failures').values({ subject: key, at_ms: nowMs }).execute();
    await db.deleteFrom('auth_failures').where('at_ms', '<', nowMs - KEEP_MS).execute();
  });
}

/** After a success: that subject's failures no longer count (the shared every-name count stays). */
export async function clearFailures(ctx: ServiceContext, subject: ThrottleSubject): Promise<void> {
  await ctx.tx(({ db }) => db.deleteFrom('auth_failures').where('subject', '=', subject.key).execute());
}
