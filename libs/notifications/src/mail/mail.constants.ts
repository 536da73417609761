import type PgBoss from 'pg-boss';

/** The pg-boss queue that wakes the mail sender after a commit that enqueued mail (at most one wake-up waits). */
export const MAIL_WAKE_QUEUE = 'mail-send';
export const MAIL_WAKE_QUEUE_OPTIONS: Omit<PgBoss.Queue, 'name'> = { policy: 'short', retryLimit: 0, expireInSeconds: 300 };
