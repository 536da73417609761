import type PgBoss from 'pg-boss';

/** The pg-boss queue that wakes the webhook sender after a commit that queued deliveries (at most one wake-up waits). */
export const WEBHOOK_WAKE_QUEUE = 'webhook-send';
export const WEBHOOK_WAKE_QUEUE_OPTIONS: Omit<PgBoss.Queue, 'name'> = { policy: 'short', retryLimit: 0, expireInSeconds: 300 };
