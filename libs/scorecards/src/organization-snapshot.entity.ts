import { Column, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * One organization's precomputed figures as of `computedAt`, with the `fingerprint` of the data they were computed
 * from: a refresh whose data has the same fingerprint does nothing, a read that finds another recomputes.
 */
export abstract class OrganizationSnapshot {
  @PrimaryColumn('uuid', { name: 'organization_id' })
  organizationId: string;

  @ManyToOne('Organization', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: { id: string };

  @Column({ type: 'timestamptz', name: 'computed_at', precision: 3 })
  computedAt: Date;

  @Column('text')
  fingerprint: string;
}
