import type PgBoss from 'pg-boss';

/**
 * The pg-boss queue that wakes the dispatcher after a commit that recorded events. `short`: at most one wake-up
 * waits at a time (any number may run), so a burst of commits costs one job, and none is lost while one runs.
 */
export const DISPATCH_WAKE_QUEUE = 'domain-events-dispatch';
export const DISPATCH_WAKE_QUEUE_OPTIONS: Omit<PgBoss.Queue, 'name'> = { policy: 'short', retryLimit: 0, expireInSeconds: 300 };
