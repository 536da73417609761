import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export const MAX_FAILED_LOGINS = 10;
export const LOCKOUT_WINDOW_MINUTES = 15;

/**
 * Brute-force protection: after 10 failed logins for one email of one organization within 15 minutes, that
 * user is refused (429) until the failures age out of the window; the same email in another organization is
 * not affected. An email no user has is counted under no organization. Kept in PostgreSQL, across processes.
 */
@Injectable()
export class LoginThrottle {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The locked organizations of this email (`null` for the unknown-email key), with seconds until each unlocks. */
  async lockedOrganizations(email: string): Promise<Map<string | null, number>> {
    const rows = (await this.dataSource.query(
      `SELECT organization_id,
              ceil(extract(epoch FROM (min(failed_at) + make_interval(mins => $2)) - now()))::int AS retry_after
         FROM (SELECT organization_id, failed_at,
                      row_number() OVER (PARTITION BY organization_id ORDER BY failed_at DESC) AS recency
                 FROM login_failures
                WHERE email = $1 AND failed_at > now() - make_interval(mins => $2)) recent
        WHERE recency <= $3
        GROUP BY organization_id
       HAVING count(*) >= $3`,
      [email, LOCKOUT_WINDOW_MINUTES, MAX_FAILED_LOGINS],
    )) as { organization_id: string | null; retry_after: number | null }[];
    return new Map(rows.map((row) => [row.organization_id, Math.max(1, row.retry_after ?? 1)]));
  }

  async recordFailure(email: string, organizationIds: readonly (string | null)[]): Promise<void> {
    await this.dataSource.query(
      `WITH pruned AS (DELETE FROM login_failures WHERE email = $1 AND failed_at < now() - interval '1 day')
       INSERT INTO login_failures (id, organization_id, email) SELECT gen_random_uuid(), organization_id, $1 FROM unnest($2::uuid[]) AS organization_id`,
      [email, organizationIds],
    );
  }

  async clear(email: string, organizationId: string): Promise<void> {
    await this.dataSource.query('DELETE FROM login_failures WHERE email = $1 AND organization_id = $2', [email, organizationId]);
  }
}
