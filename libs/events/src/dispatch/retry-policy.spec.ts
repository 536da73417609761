import { retryDelayMs, retryPolicyOf, type RetryPolicy } from './retry-policy.js';

describe('retryDelayMs', () => {
  const policy: RetryPolicy = { firstDelayMs: 5_000, maxDelayMs: 60_000, maxAttempts: 10 };

  it('doubles from the first delay after each failed attempt', () => {
    expect([1, 2, 3, 4].map((attempts) => retryDelayMs(attempts, policy))).toEqual([5_000, 10_000, 20_000, 40_000]);
  });

  it('stops growing at the cap, however many attempts failed', () => {
    expect(retryDelayMs(5, policy)).toBe(60_000);
    expect(retryDelayMs(2_000, policy)).toBe(60_000);
  });
});

describe('retryPolicyOf', () => {
  it('takes a configuration in seconds to milliseconds', () => {
    expect(retryPolicyOf({ retryFirstSeconds: 30, retryMaxSeconds: 3600, maxAttempts: 8 })).toEqual({ firstDelayMs: 30_000, maxDelayMs: 3_600_000, maxAttempts: 8 });
  });
});
