import { Column, Entity } from 'typeorm';
import { OrganizationSnapshot } from '../organization-snapshot.entity.js';
import type { CalibrationResult } from './calibration-model.js';

/**
 * The calibration model's result for one organization, as of `computedAt`: refreshed by the worker after scorecards
 * are submitted or amended, computed on first read when missing. The analytics routes read it, never refit.
 */
@Entity('calibration_snapshots')
export class CalibrationSnapshot extends OrganizationSnapshot {
  @Column('jsonb')
  result: CalibrationResult;
}
