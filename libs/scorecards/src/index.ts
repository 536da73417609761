export * from './scorecards.module.js';
export { ScorecardsService } from './scorecards.service.js';
export { DebriefService } from './debrief.service.js';
export type { OverdueGroupDto } from './scorecard.dto.js';
export type { ScorecardDto, AmendmentDto, QuestionAskedDto, RatingDto, EffectiveValuesDto } from './scorecard.dto.js';
export { RATING_VALUE, ratingValue } from './scorecard-math.js';
export { AmendScorecardDto, AmendedRatingDto, QuestionAskedInputDto, RatingInputDto, SaveScorecardDto, SubmitScorecardDto } from './scorecard-input.dto.js';
export { PILLAR_RATINGS, RATINGS, type PillarRating, type Rating } from './scorecard.entity.js';
export { MIN_SUMMARY_LENGTH, type MissingItem } from './scorecard-math.js';
