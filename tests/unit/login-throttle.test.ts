import { describe, expect, it } from 'vitest';
import { retryAfterSeconds, throttleName } from '../../main/domain/login-throttle.ts';

describe('login throttle rule', () => {
  const rule = { maxFailures: 3, windowMs: 60_000, lockMs: 30_000 };

  it('locks after too many failures within the window, counting from the last one, then lets it try again', () => {
    expect(retryAfterSeconds([0, 1_000], 1_500, rule)).toBeNull();
    expect(retryAfterSeconds([0, 1_000, 2_000], 2_500, rule)).toBe(30);
    expect(retryAfterSeconds([2_000, 0, 1_000], 31_999, rule)).toBe(1);
    expect(retryAfterSeconds([0, 1_000, 2_000], 32_000, rule)).toBeNull();
  });

  it('ignores failures outside the window and any stamped in the future', () => {
    expect(retryAfterSeconds([0, 1, 70_000], 70_001, rule)).toBeNull();
    expect(retryAfterSeconds([70_000, 70_001, 999_999], 70_002, rule)).toBeNull();
  });

  it('counts a user name regardless of case and surrounding spaces', () => {
    expect(throttleName(' Petra ')).toBe(throttleName('PETRA'));
  });
});
