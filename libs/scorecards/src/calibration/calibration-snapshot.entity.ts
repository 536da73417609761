import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { CalibrationResult } from './calibration-model.js';

/**
 * The calibration model's result for one organization, as of `computedAt`: refreshed by the worker after scorecards
 * are submitted or amended, computed on first read when missing. The analytics routes read it, never refit.
 */
@Entity('calibration_snapshots')
export class CalibrationSnapshot {
  @PrimaryColumn('uuid', { name: 'organization_id' })
  organizationId: string;

  @ManyToOne('Organization', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: { id: string };

  @Column({ type: 'timestamptz', name: 'computed_at', precision: 3 })
  computedAt: Date;

  /** The counts and latest times of the scorecards and amendments it was computed from. */
  @Column('text')
  fingerprint: string;

  @Column('jsonb')
  result: CalibrationResult;
}
