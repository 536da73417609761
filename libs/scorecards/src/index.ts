export * from './scorecards.module.js';
export { ScorecardsService } from './scorecards.service.js';
export type { ScorecardDto, AmendmentDto, QuestionAskedDto, RatingDto, EffectiveValuesDto } from './scorecard.dto.js';
export { ScorecardsDemo } from './scorecards.demo.js';
export * from './scales.js';
export { effectiveValues, effectiveRatingsSql, tallyOf, type Amendable, type AmendmentChange, type Tally } from './scorecard-math.js';
export { dueTimes, type DueHours, type DueTimes } from './due-times.js';
export type { LoopRecord, RecordedAmendment, SubmittedScorecard } from './loop-record.js';
