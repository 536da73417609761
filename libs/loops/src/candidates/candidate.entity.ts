import { Check, Column, Entity, Index } from 'typeorm';
import { TimestampedOrganizationEntity } from '@loopwright/database';

/** A person the team interviews. Email, phone, source and notes are personal data: staff only. */
@Entity('candidates')
@Index('candidates_organization_email_key', ['organizationId', 'email'], { unique: true })
@Check('candidates_email_lowercase', 'email = lower(email)')
export class Candidate extends TimestampedOrganizationEntity {
  @Column('text')
  name: string;

  /** Stored lowercased: one candidate per email in an organization; null once the candidate is anonymized. */
  @Column('text', { nullable: true })
  email: string | null;

  @Column('text', { nullable: true })
  phone: string | null;

  /** Where the candidate came from: `referral`, `linkedin`, ... */
  @Column('text', { nullable: true })
  source: string | null;

  @Column('text', { nullable: true })
  notes: string | null;

  /** A legal hold: the candidate may be neither anonymized nor deleted (erasure answers 409 LEGAL_HOLD) until it is lifted. */
  @Column('boolean', { name: 'legal_hold', default: false })
  legalHold: boolean;

  /** When the candidate was anonymized (an erasure request or the retention policy); null while they are not. */
  @Column({ type: 'timestamptz', name: 'anonymized_at', precision: 3, nullable: true })
  anonymizedAt: Date | null;
}
