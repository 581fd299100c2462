import { describe, expect, it } from 'vitest';
import { createLoginThrottle } from '../../main/domain/login-throttle.ts';

describe('login throttle', () => {
  const options = { maxFailures: 3, windowMs: 60_000, lockMs: 30_000 };

  it('locks a username after too many failures within the window, then lets it try again', () => {
    const throttle = createLoginThrottle(options);
    for (const at of [0, 1_000, 2_000]) {
      expect(throttle.retryAfter('Petra', at)).toBeNull();
      throttle.failed('petra ', at);
    }
    expect(throttle.retryAfter('PETRA', 2_500)).toBe(30);
    expect(throttle.retryAfter('jonas', 2_500)).toBeNull();
    expect(throttle.retryAfter('petra', 32_000)).toBeNull();
  });

  it('forgets failures outside the window and after a success', () => {
    const throttle = createLoginThrottle(options);
    throttle.failed('a', 0);
    throttle.failed('a', 1);
    throttle.failed('a', 70_000);
    expect(throttle.retryAfter('a', 70_001)).toBeNull();
    throttle.failed('a', 70_002);
    throttle.succeeded('a');
    throttle.failed('a', 70_003);
    expect(throttle.retryAfter('a', 70_004)).toBeNull();
  });
});
