import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { tooManyAttempts } from './auth.errors.js';

export const MAX_FAILED_LOGINS = 10;
export const LOCKOUT_WINDOW_MINUTES = 15;

/**
 * Brute-force protection: after 10 failed logins for one email within 15 minutes, that email is
 * refused (429) until the failures age out of the window. Kept in PostgreSQL, so it holds across processes.
 */
@Injectable()
export class LoginThrottle {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async assertNotLocked(email: string): Promise<void> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS failures,
              ceil(extract(epoch FROM (min(failed_at) + make_interval(mins => $2)) - now()))::int AS retry_after
         FROM (SELECT failed_at FROM login_failures
                WHERE email = $1 AND failed_at > now() - make_interval(mins => $2)
                ORDER BY failed_at DESC LIMIT $3) recent`,
      [email, LOCKOUT_WINDOW_MINUTES, MAX_FAILED_LOGINS],
    )) as { failures: number; retry_after: number | null }[];
    if (row && row.failures >= MAX_FAILED_LOGINS) throw tooManyAttempts(Math.max(1, row.retry_after ?? 1));
  }

  async recordFailure(email: string): Promise<void> {
    await this.dataSource.query(
      `WITH pruned AS (DELETE FROM login_failures WHERE email = $1 AND failed_at < now() - interval '1 day')
       INSERT INTO login_failures (id, email) VALUES (gen_random_uuid(), $1)`,
      [email],
    );
  }

  async clear(email: string): Promise<void> {
    await this.dataSource.query('DELETE FROM login_failures WHERE email = $1', [email]);
  }
}
