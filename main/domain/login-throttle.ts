// Slows down password guessing: after too many failures for one username, sign-in waits for a while.
export interface LoginThrottleOptions {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleOptions = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 5 * 60_000 };

export interface LoginThrottle {
  /** null when a try is allowed, else the seconds to wait. */
  retryAfter(username: string, nowMs: number): number | null;
  failed(username: string, nowMs: number): void;
  succeeded(username: string): void;
}

export function createLoginThrottle(options: LoginThrottleOptions = DEFAULT_LOGIN_THROTTLE): LoginThrottle {
  const failures = new Map<string, number[]>();
  const key = (username: string) => username.trim().toLowerCase();
  const recent = (username: string, nowMs: number) =>
    (failures.get(key(username)) ?? []).filter((at) => nowMs - at < options.windowMs);
  return {
    retryAfter(username, nowMs) {
      const times = recent(username, nowMs);
      if (times.length < options.maxFailures) return null;
      const until = times[times.length - 1]! + options.lockMs;
      return until > nowMs ? Math.ceil((until - nowMs) / 1000) : null;
    },
    failed(username, nowMs) {
      failures.set(key(username), [...recent(username, nowMs), nowMs].slice(-options.maxFailures));
    },
    succeeded(username) {
      failures.delete(key(username));
    },
  };
}
