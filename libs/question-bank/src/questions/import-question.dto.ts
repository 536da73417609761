import { IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { QuestionContentDto } from './create-question.dto.js';
import { Optional } from './question-input.js';

/** One question of an import: the same fields as a new question, with the pillar named by `pillar` (key) or `pillarId`. */
export class ImportQuestionDto extends QuestionContentDto {
  /** The pillar's key, e.g. `system-design`; or give `pillarId`. */
  @ValidateIf((row: ImportQuestionDto, value: unknown) => value !== undefined || row.pillarId === undefined)
  @IsString({ message: 'pillar (a pillar key) or pillarId is required' })
  @MaxLength(100)
  pillar?: string;

  /** The pillar's id; or give `pillar`. */
  @Optional()
  @IsUUID()
  pillarId?: string;
}
