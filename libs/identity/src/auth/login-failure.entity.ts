import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Failed logins by email, kept in PostgreSQL so the lockout holds across API processes. */
@Entity('login_failures')
@Index('login_failures_email_time_idx', ['email', 'failedAt'])
export class LoginFailure {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  email: string;

  @Column('timestamptz', { name: 'failed_at', default: () => 'now()' })
  failedAt: Date;
}
