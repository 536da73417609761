import { Check, Column, Entity, Index } from 'typeorm';
import { TimestampedOrganizationEntity } from '@loopwright/database';

/** A person the team interviews. Email, phone, source and notes are personal data: staff only. */
@Entity('candidates')
@Index('candidates_organization_email_key', ['organizationId', 'email'], { unique: true })
@Check('candidates_email_lowercase', 'email = lower(email)')
export class Candidate extends TimestampedOrganizationEntity {
  @Column('text')
  name: string;

  /** Stored lowercased: one candidate per email in an organization. */
  @Column('text')
  email: string;

  @Column('text', { nullable: true })
  phone: string | null;

  /** Where the candidate came from: `referral`, `linkedin`, ... */
  @Column('text', { nullable: true })
  source: string | null;

  @Column('text', { nullable: true })
  notes: string | null;
}
