export * from './scorecards.module.js';
export { ScorecardsService } from './scorecards.service.js';
export type { ScorecardDto, AmendmentDto, QuestionAskedDto, RatingDto, EffectiveValuesDto } from './scorecard.dto.js';
export { RATING_VALUE, ratingValue } from './scorecard-math.js';
export { ScorecardsDemo } from './scorecards.demo.js';
