import { isRetryableStatus, retryAfterMs, webhookRetryDelayMs, WEBHOOK_MAX_ATTEMPTS } from './retry-schedule.js';

describe('the webhook retry schedule', () => {
  it('grows from 5 s to 24 h over about 8 attempts', () => {
    const middle = () => 0.5;
    const delays = Array.from({ length: WEBHOOK_MAX_ATTEMPTS - 1 }, (_, index) => webhookRetryDelayMs(index + 1, middle));
    expect(delays[0]).toBe(5_000);
    expect(delays.at(-1)).toBe(86_400_000);
    for (let index = 1; index < delays.length; index += 1) expect(delays[index]!).toBeGreaterThan(delays[index - 1]! * 4);
    expect(webhookRetryDelayMs(30, middle)).toBe(86_400_000);
  });

  it('jitters each wait by ±20 %, never past 24 h', () => {
    expect(webhookRetryDelayMs(1, () => 0)).toBe(4_000);
    expect(webhookRetryDelayMs(1, () => 0.999_999)).toBe(6_000);
    expect(webhookRetryDelayMs(7, () => 0.999_999)).toBe(86_400_000);
  });

  it('waits at least what Retry-After asks, up to 24 h', () => {
    expect(webhookRetryDelayMs(1, () => 0.5, 120_000)).toBe(120_000);
    expect(webhookRetryDelayMs(1, () => 0.5, 7 * 86_400_000)).toBe(86_400_000);
    const now = new Date('2026-06-01T10:00:00Z');
    expect(retryAfterMs('30', now)).toBe(30_000);
    expect(retryAfterMs('Mon, 01 Jun 2026 10:02:00 GMT', now)).toBe(120_000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(undefined, now)).toBeNull();
  });

  it('retries 5xx, 408, 429 and redirects, not other 4xx', () => {
    expect([500, 503, 408, 429, 302].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 410, 422].some(isRetryableStatus)).toBe(false);
  });
});
