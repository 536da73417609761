import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PERIODS, QUESTION_SORT_KEYS, SORT_DIRECTIONS, type Period, type QuestionSortKey, type SortDirection } from './analytics.view.js';

/** The analytics page's query: the filters (its form) and how the question table is sorted (the header links). */
export class AnalyticsPageQueryDto {
  /** The form's "All positions" sends an empty value. */
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  @IsOptional()
  @IsUUID()
  position?: string;

  @IsOptional()
  @IsIn(PERIODS)
  period?: Period;

  @IsOptional()
  @IsIn(QUESTION_SORT_KEYS)
  sort?: QuestionSortKey;

  @IsOptional()
  @IsIn(SORT_DIRECTIONS)
  dir?: SortDirection;
}
