import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { NOT_BLANK, Nullable, Optional } from '@loopwright/core';
import { DECISIONS, type Decision } from './loop-decision.entity.js';
import { PILLAR_RATINGS, RATINGS, type PillarRating, type Rating } from './scorecard.entity.js';

const MAX_NOTES = 20_000;

const booleanQuery = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

/**
 * A pillar's rating in a draft: the rating may still be missing, the notes are the evidence. Merged into the saved
 * rating of the same pillar: `rating` or `notes` left out keep what was saved, `null` clears it.
 */
export class RatingInputDto {
  /** A pillar of the round. */
  @IsUUID()
  pillarId: string;

  /**
   * `strong_no`, `no`, `yes`, `strong_yes` or `not_assessed` (which needs notes to submit); `null` clears a saved
   * rating (undecided again); left out keeps it.
   */
  @Nullable()
  @IsIn(PILLAR_RATINGS)
  rating?: PillarRating | null;

  @Nullable()
  @IsString()
  @MaxLength(MAX_NOTES)
  notes?: string | null;
}

/**
 * A question asked, merged into the saved list by `questionId`: a new one is added (last), a saved one gets its
 * `notes` and `rating` changed (left out: kept; null: cleared) and keeps the version first recorded; `remove: true` takes it off
 * the list.
 */
export class QuestionAskedInputDto {
  /** A question of the organization; its version is the one the round planned, else the current one. */
  @IsUUID()
  questionId: string;

  @Nullable()
  @IsString()
  @MaxLength(MAX_NOTES)
  notes?: string | null;

  /**
   * Optional: the rating of the answer to this question, on the pillars' scale (`strong_no`, `no`, `yes`,
   * `strong_yes`); `null` clears it, left out keeps it. The pillar's rating stays the one the submission needs.
   */
  @Nullable()
  @IsIn(RATINGS)
  rating?: Rating | null;

  /** `true` removes this question from the saved list (its notes and rating with it); neither may be given with it. */
  @Optional()
  @IsBoolean()
  remove?: boolean;
}

/**
 * A draft save: the `version` it was based on, and the fields to set (left out: kept; null: cleared). `ratings` and
 * `questionsAsked` are merged, never replaced: per pillar and per question, the entries given change and every other
 * saved entry stays (send only the pillar you changed).
 */
export class SaveScorecardDto {
  @IsInt()
  @Min(1)
  version: number;

  /** Merged per pillar into the saved ratings (each pillar at most once); `[]` changes nothing. */
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RatingInputDto)
  ratings?: RatingInputDto[];

  /** Merged per question into the saved list (each question at most once); `remove: true` drops one. */
  @Optional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => QuestionAskedInputDto)
  questionsAsked?: QuestionAskedInputDto[];

  @Nullable()
  @IsIn(RATINGS)
  recommendation?: Rating | null;

  @Nullable()
  @IsString()
  @MaxLength(MAX_NOTES)
  summary?: string | null;
}

export class SubmitScorecardDto {
  @IsInt()
  @Min(1)
  version: number;
}

/** A changed pillar rating in an amendment: the rating is required. */
export class AmendedRatingDto {
  @IsUUID()
  pillarId: string;

  @IsIn(PILLAR_RATINGS)
  rating: PillarRating;

  @Nullable()
  @IsString()
  @MaxLength(MAX_NOTES)
  notes?: string | null;
}

export class AmendScorecardDto {
  /** Why the submitted scorecard changes. */
  @IsString()
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  @MaxLength(2000)
  reason: string;

  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AmendedRatingDto)
  ratings?: AmendedRatingDto[];

  @Optional()
  @IsIn(RATINGS)
  recommendation?: Rating;

  @Optional()
  @IsString()
  @MaxLength(MAX_NOTES)
  summary?: string;
}

export class DecisionInputDto {
  @IsIn(DECISIONS)
  decision: Decision;

  /** Required with `force`. */
  @Nullable()
  @IsString()
  @MaxLength(5000)
  note?: string | null;

  /** Decide although scheduled rounds lack a submitted scorecard (a note must say why). */
  @Optional()
  @IsBoolean()
  force?: boolean;
}

export class IncludeShadowsQueryDto {
  /** Include shadows' (trainees') scorecards. */
  @Optional()
  @Transform(booleanQuery)
  @IsBoolean()
  includeShadows?: boolean;
}

export class ScorecardListQueryDto extends IncludeShadowsQueryDto {
  /** `json` (default) or `csv` (one row per scorecard and pillar, for spreadsheets). */
  @Optional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class AnalyticsQueryDto {
  /** Ratings needed before an offset and its confidence interval are given (default 5). */
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(1000)
  minCount?: number;

  /** Only the scorecards of this position's loops (cancelled loops left out). */
  @Optional()
  @IsUUID()
  positionId?: string;

  /** Only scorecards submitted at or after this time (ISO 8601). */
  @Optional()
  @IsISO8601({ strict: true })
  from?: string;

  /** Only scorecards submitted before this time (ISO 8601); later than `from`. */
  @Optional()
  @IsISO8601({ strict: true })
  to?: string;
}
