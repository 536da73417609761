import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { AUTH_SQL_TAG } from '@loopwright/database';
import type { DataSource } from 'typeorm';

/** Expired windows are deleted by every this many increments of a process (one cheap indexed DELETE). */
export const PRUNE_EVERY = 500;

interface ThrottlerStorageRecord {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

/** What counting one hit answers: the window's hits so far and its seconds left. */
export interface WindowHit {
  hits: number;
  seconds_left: number;
}

/**
 * The atomic upsert that counts one hit of the rows `source` gives (`SELECT <key>, <ttl in ms>`), starting a new window
 * when the old one expired; returns `hits` and `seconds_left`. Also run inside the token lookup (one statement for both).
 */
export function countHitSql(source: string): string {
  return `INSERT INTO rate_limit_windows AS w (key, hits, expires_at)
       SELECT hit.key, 1, now() + make_interval(secs => hit.ttl_ms::double precision / 1000) FROM (${source}) AS hit (key, ttl_ms)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN w.expires_at <= now() THEN 1 ELSE w.hits + 1 END,
         expires_at = CASE WHEN w.expires_at <= now() THEN EXCLUDED.expires_at ELSE w.expires_at END
       RETURNING w.hits, greatest(1, ceil(extract(epoch FROM w.expires_at - now())))::int AS seconds_left`;
}

/**
 * Fixed windows in PostgreSQL, so that a limit holds across API processes: one atomic upsert per request
 * counts the hit (starting a new window when the old one expired) and returns the count and the time left.
 * A key over its limit stays blocked until its window ends.
 */
@Injectable()
export class PostgresThrottlerStorage implements ThrottlerStorage {
  private increments = 0;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async increment(key: string, ttl: number, limit: number, _blockDuration: number, _throttlerName: string): Promise<ThrottlerStorageRecord> {
    const [row] = (await this.dataSource.query(`${AUTH_SQL_TAG} ${countHitSql('SELECT $1::text, $2::double precision')}`, [key, ttl])) as WindowHit[];
    return this.counted(row ?? { hits: 1, seconds_left: Math.ceil(ttl / 1000) }, limit);
  }

  /** A hit counted elsewhere (the token lookup's statement) as the throttler's record; keeps the pruning going. */
  async counted(hit: WindowHit, limit: number): Promise<ThrottlerStorageRecord> {
    this.increments += 1;
    if (this.increments % PRUNE_EVERY === 0) await this.prune();
    const { hits, seconds_left: secondsLeft } = hit;
    return { totalHits: hits, timeToExpire: secondsLeft, isBlocked: hits > limit, timeToBlockExpire: hits > limit ? secondsLeft : 0 };
  }

  async prune(): Promise<void> {
    await this.dataSource.query(`${AUTH_SQL_TAG} DELETE FROM rate_limit_windows WHERE expires_at < now()`);
  }
}
