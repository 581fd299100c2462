// Slows down password guessing. A rule looks at the times of recent failures for one subject (a user name, every
// user name together, or one account's password check) and says how long the next try has to wait. Pure: the
// failures themselves are stored in the database (services/auth-throttle.ts), so a restart grants no new guesses.
export interface ThrottleRule {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

/** Per user name: five wrong passwords within 15 minutes lock that name for 5 minutes. */
export const LOGIN_THROTTLE: ThrottleRule = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 5 * 60_000 };
/** Across all user names (guessing many names with one common password): 30 failures within 15 minutes. */
export const SPRAY_THROTTLE: ThrottleRule = { maxFailures: 30, windowMs: 15 * 60_000, lockMs: 5 * 60_000 };
/** The current-password check of a signed-in account (a left-open session must not become a guessing oracle). */
export const PASSWORD_CHECK_THROTTLE: ThrottleRule = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 5 * 60_000 };

/** null when a try is allowed now, else the whole seconds to wait. */
export function retryAfterSeconds(failuresMs: readonly number[], nowMs: number, rule: ThrottleRule): number | null {
  const recent = failuresMs.filter((at) => at <= nowMs && nowMs - at < rule.windowMs);
  if (recent.length < rule.maxFailures) return null;
  const until = Math.max(...recent) + rule.lockMs;
  return until > nowMs ? Math.ceil((until - nowMs) / 1000) : null;
}

/** How a user name is counted: case and surrounding spaces do not make a new name (user names are case-insensitive). */
export function throttleName(username: string): string {
  return username.normalize('NFC').trim().toLowerCase();
}
