import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Failed logins by organization and email, kept in PostgreSQL so the lockout holds across API processes.
 * `organizationId` is null for an email no active user has (so an unknown email locks like a known one).
 */
@Entity('login_failures')
@Index('login_failures_email_time_idx', ['email', 'failedAt'])
export class LoginFailure {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organization_id', nullable: true })
  organizationId: string | null;

  @Column('text')
  email: string;

  @Column('timestamptz', { name: 'failed_at', default: () => 'now()' })
  failedAt: Date;
}
