/** Attempts per message before it is given up (`failed`). */
export const WEBHOOK_MAX_ATTEMPTS = 8;
const FIRST_DELAY_MS = 5_000;
const MAX_DELAY_MS = 24 * 3_600_000;
/** 5 s growing to 24 h over the 7 waits between 8 attempts: ×5.09 each time (5 s, 25 s, 2 min, 11 min, 56 min, 4.7 h, 24 h). */
const GROWTH = (MAX_DELAY_MS / FIRST_DELAY_MS) ** (1 / (WEBHOOK_MAX_ATTEMPTS - 2));

/** The randomness of the jitter (0 ≤ value < 1); tests pass a fixed one. */
export type Jitter = () => number;

/**
 * The wait after the `attempts`-th failed attempt (1-based): exponential from 5 s to 24 h, each ±20 % at random (so
 * that receivers back from an outage are not hit by every retry at once). A `Retry-After` the receiver sent is waited
 * at least, up to 24 h.
 */
export function webhookRetryDelayMs(attempts: number, jitter: Jitter = Math.random, retryAfterMs: number | null = null): number {
  const base = Math.min(FIRST_DELAY_MS * GROWTH ** Math.max(0, attempts - 1), MAX_DELAY_MS);
  const jittered = Math.round(base * (0.8 + 0.4 * jitter()));
  return Math.min(Math.max(jittered, retryAfterMs ?? 0), MAX_DELAY_MS);
}

/** `Retry-After` in seconds or as an HTTP date, in milliseconds from `now`; null when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now: Date): number | null {
  if (!header) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now.getTime()) : null;
}

/** Whether a response status is worth another attempt: 5xx, 408, 429 and redirects (not followed); other 4xx are final. */
export const isRetryableStatus = (status: number): boolean => status >= 500 || status === 408 || status === 429 || (status >= 300 && status < 400);
