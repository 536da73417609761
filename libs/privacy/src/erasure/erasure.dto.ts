import { Transform } from 'class-transformer';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { Optional } from '@loopwright/core';
import { ERASURE_MODES, type ErasureMode, type ErasureTrigger } from './erasure-request.entity.js';

const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class CreateErasureDto {
  /**
   * `anonymize` (default): the candidate becomes "Candidate #n", their contact data and every free text about them
   * are erased, ratings and decisions stay. `delete`: the candidate and everything only theirs are removed.
   */
  @Optional()
  @IsIn(ERASURE_MODES)
  mode?: ErasureMode;

  /** Why (kept with the record of the erasure: do not name the person). @example "Erasure request received 2026-11-30" */
  @Transform(trimmed)
  @IsString()
  @Matches(/\S/, { message: 'reason must not be empty' })
  @MaxLength(2_000)
  reason: string;
}

/** The record of an erasure: no personal data of the candidate. */
export class ErasureDto {
  id: string;
  candidateId: string;
  /** The n of "Candidate #n". */
  candidateNumber: number;
  mode: ErasureMode;
  trigger: ErasureTrigger;
  reason: string;
  requestedById: string | null;
  executedAt: Date;
  /** Counts of what was erased: `loops`, `rounds`, `scorecards`, `amendments`, `exports`, `mail`, `auditEvents`. */
  erased: Record<string, number>;
}
