import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { Candidate } from './candidate.entity.js';
import { OrganizationEntity } from '@loopwright/database';

/** A declared conflict of interest: this user knows or referred the candidate and is never assigned to their rounds. */
@Entity('candidate_conflicts')
@Index('candidate_conflicts_candidate_user_key', ['candidateId', 'userId'], { unique: true })
@Index('candidate_conflicts_user_idx', ['userId'])
export class CandidateConflict extends OrganizationEntity {
  @Column('uuid', { name: 'candidate_id' })
  candidateId: string;

  @ManyToOne(() => Candidate, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'candidate_id' })
  candidate?: Relation<Candidate>;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: { id: string };

  @Column('text')
  reason: string;

  /** Who declared it (the user themself, an admin or a recruiter); null for the system. */
  @Column('uuid', { name: 'declared_by_id', nullable: true })
  declaredById: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'declared_by_id' })
  declaredBy?: { id: string };

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
