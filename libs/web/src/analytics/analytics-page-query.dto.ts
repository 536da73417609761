import { IsIn, IsOptional } from 'class-validator';
import { QUESTION_SORT_KEYS, SORT_DIRECTIONS, type QuestionSortKey, type SortDirection } from './analytics.view.js';

/** The analytics page's query: how the question table is sorted (the header links set it). */
export class AnalyticsPageQueryDto {
  @IsOptional()
  @IsIn(QUESTION_SORT_KEYS)
  sort?: QuestionSortKey;

  @IsOptional()
  @IsIn(SORT_DIRECTIONS)
  dir?: SortDirection;
}
