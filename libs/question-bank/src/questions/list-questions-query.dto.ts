import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PageQueryDto } from '@loopwright/core';
import { QUESTION_ROLES, type QuestionRole } from './question.entity.js';

export const STATUS_FILTERS = ['active', 'retired', 'all'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export class ListQuestionsQueryDto extends PageQueryDto {
  /**
   * Full-text search over title, tags and prompt (web-search syntax: `"exact phrase"`, `or`, `-exclude`).
   * Results are ranked, title matches first; without `q` the newest questions come first.
   */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  /** A pillar key (`coding`) or id. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  pillar?: string;

  /** Questions carrying this tag (case-insensitive). */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString()
  @MaxLength(40)
  tag?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5)
  difficulty?: number;

  /** `active` (default), `retired` or `all`. */
  @IsOptional()
  @IsIn(STATUS_FILTERS)
  status: StatusFilter = 'active';

  /** Questions suited to this role: tagged with it, or with no role at all. */
  @IsOptional()
  @IsIn(QUESTION_ROLES)
  role?: QuestionRole;
}

export class ExportQuestionsQueryDto {
  /** `json` (default: an array that `POST /api/questions/import` accepts) or `csv`. */
  @IsOptional()
  @IsIn(['json', 'csv'])
  format: 'json' | 'csv' = 'json';

  /** `active` (default), `retired` or `all`. */
  @IsOptional()
  @IsIn(STATUS_FILTERS)
  status: StatusFilter = 'active';

  /** Only this pillar (key or id). */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  pillar?: string;
}
