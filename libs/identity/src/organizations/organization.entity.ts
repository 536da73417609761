import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The tenant: a hiring team. Every team-owned row carries its id. */
@Entity('organizations')
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  /** Hours after a round's end (or its recording, when that came later) when the rating, then the write-up, are due. */
  @Column('int', { name: 'rating_due_hours', default: 1 })
  ratingDueHours: number;

  @Column('int', { name: 'writeup_due_hours', default: 24 })
  writeupDueHours: number;

  /** The team's IANA time zone: where a new member's `timezone` starts. */
  @Column('text', { default: 'UTC' })
  timezone: string;

  /**
   * Days after a candidate's last loop closed when the nightly retention job anonymizes them; null: never (the
   * default).
   */
  @Column('int', { name: 'candidate_retention_days', nullable: true })
  candidateRetentionDays: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
