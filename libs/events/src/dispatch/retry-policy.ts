/** How a delivery whose subscriber failed is retried. */
export interface RetryPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  /** After this many failed attempts the delivery is given up (`failed`) and the aggregate's next events proceed. */
  maxAttempts: number;
}

/** The policy of a retry configuration in seconds (`EVENTS_RETRY_*`, `MAIL_RETRY_*`). */
export function retryPolicyOf(config: { retryFirstSeconds: number; retryMaxSeconds: number; maxAttempts: number }): RetryPolicy {
  return { firstDelayMs: config.retryFirstSeconds * 1000, maxDelayMs: config.retryMaxSeconds * 1000, maxAttempts: config.maxAttempts };
}

/** The wait after the `attempts`-th failed attempt (1-based): first, 2×first, 4×first, … capped at `maxDelayMs`. */
export function retryDelayMs(attempts: number, policy: RetryPolicy): number {
  const exponent = Math.max(0, attempts - 1);
  // 2^exponent overflows to Infinity long after any cap, and Math.min takes care of it.
  return Math.min(policy.firstDelayMs * 2 ** exponent, policy.maxDelayMs);
}
