/**
 * A sender's claim on an outbox table (`mail_outbox`, `slack_outbox`): the due rows, queued ones whose time has come and
 * ones another sender claimed whose lease ran out (that sender was killed mid-send), taken with SKIP LOCKED so senders
 * skip each other's; committed at once as `sending` with the lease end in next_attempt_at and one more attempt.
 * Parameters: $1 now, $2 the lease end, $3 the batch size.
 */
export const claimDueSql = (table: 'mail_outbox' | 'slack_outbox', returning: string): string => `
  UPDATE ${table} m SET status = 'sending', attempts = m.attempts + 1, next_attempt_at = $2
   WHERE m.id IN (SELECT id FROM ${table}
                   WHERE status IN ('queued', 'sending') AND next_attempt_at <= $1
                   ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
  RETURNING ${returning}`;
