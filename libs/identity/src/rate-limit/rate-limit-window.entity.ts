import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One rate-limit counter per key (throttler, route and IP, or user) and window, shared by every API process. */
@Entity('rate_limit_windows')
@Index('rate_limit_windows_expires_idx', ['expiresAt'])
export class RateLimitWindow {
  @PrimaryColumn('text')
  key: string;

  @Column('int')
  hits: number;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;
}
