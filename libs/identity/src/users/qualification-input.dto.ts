import { IsIn, IsUUID } from 'class-validator';
import { QUALIFICATION_LEVELS, type QualificationLevel } from './user-qualification.entity.js';

export class QualificationInputDto {
  @IsUUID()
  pillarId: string;

  /** `shadow` (may shadow rounds on this pillar) or `qualified` (may lead them). */
  @IsIn(QUALIFICATION_LEVELS)
  level: QualificationLevel;
}
