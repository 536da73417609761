import { ApiProperty } from '@nestjs/swagger';
import { AdjustedIntervalDto, AdjustedOverallDto, DiscriminationDto, PossibleLeakDto } from './calibration/calibration.dto.js';
import type { Decision } from './loop-decision.entity.js';
import { RATINGS, type PillarRating, type Rating, type ScorecardStatus } from './scorecard.entity.js';

export class RatingDto {
  pillarId: string;
  rating: PillarRating | null;
  notes: string | null;
}

export class QuestionAskedDto {
  questionId: string;
  /** The pinned question version. */
  version: number;
  pillarId: string;
  notes: string | null;
  /** The interviewer's own rating of this question's answer (`strong_no` … `strong_yes`); null when not rated. */
  @ApiProperty({ enum: RATINGS, nullable: true })
  rating: Rating | null;
  title?: string;
  prompt?: string;
}

export class AmendmentDto {
  id: string;
  sequence: number;
  authorId: string;
  reason: string;
  ratings: RatingDto[] | null;
  recommendation: Rating | null;
  summary: string | null;
  at: Date;
}

export class EffectiveValuesDto {
  ratings: RatingDto[];
  recommendation: Rating | null;
  summary: string | null;
}

export class ScorecardDto {
  id: string;
  roundId: string;
  loopId: string;
  authorId: string;
  author?: { id: string; name: string };
  roundTitle?: string;
  shadow: boolean;
  status: ScorecardStatus;
  version: number;
  /** As saved (drafts) or as submitted (never changed afterwards). */
  ratings: RatingDto[];
  questionsAsked: QuestionAskedDto[];
  recommendation: Rating | null;
  summary: string | null;
  submittedAt: Date | null;
  ratingDueAt: Date | null;
  writeupDueAt: Date | null;
  amended: boolean;
  amendments: AmendmentDto[];
  /** The submitted values with the amendments applied in order. */
  effective: EffectiveValuesDto;
  /**
   * Present (true) only on `GET /api/rounds/:roundId/scorecard` when its author no longer holds a seat on the round
   * (the round got another interviewer, or the shadow was removed, while this was a draft): the draft is kept for its
   * author to read, nobody else sees it, and it can no longer be saved or submitted.
   */
  detached?: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A loop's submitted scorecards: all of them in one page (a loop has few), so `nextCursor` is always null. */
export class ScorecardPageDto {
  items: ScorecardDto[];
  /** Always null: every scorecard of the loop is in `items`. */
  nextCursor: string | null;
}

export class SummaryCellDto {
  roundId: string;
  roundTitle: string;
  interviewer: { id: string; name: string };
  shadow: boolean;
  rating: PillarRating;
  value: number | null;
  notes: string | null;
}

export class SummaryPillarDto {
  pillar: { id: string; key: string; name: string };
  ratings: SummaryCellDto[];
  mean: number | null;
  spread: number | null;
  standardDeviation: number | null;
  disagreement: boolean;
  disagreements: { a: { roundId: string; interviewerId: string }; b: { roundId: string; interviewerId: string }; difference: number }[];
}

export class MissingScorecardDto {
  roundId: string;
  roundTitle: string;
  interviewerId: string;
  /** Who owes the scorecard, with their name (as the pillar cells carry it). */
  interviewer: { id: string; name: string };
  shadow: boolean;
  @ApiProperty({ enum: ['not_started', 'draft', 'submitted'] })
  status: string;
  ratingDueAt: Date | null;
  writeupDueAt: Date | null;
  late: boolean;
}

/** `GET /api/loops/:id/summary`: the debrief of a loop, per pillar, with the tally, missing and late scorecards and the decision. */
export class DebriefSummaryDto {
  loopId: string;
  includeShadows: boolean;
  pillars: SummaryPillarDto[];
  tally: { strong_no: number; no: number; yes: number; strong_yes: number };
  /** Each submitted scorecard's (effective) recommendation, with its interviewer's name as the pillar cells carry it. */
  recommendations: { roundId: string; interviewerId: string; interviewer: { id: string; name: string }; shadow: boolean; recommendation: Rating | null }[];
  missing: MissingScorecardDto[];
  late: MissingScorecardDto[];
  decision: DecisionDto | null;
}

export class DecisionDto {
  loopId: string;
  decision: Decision;
  note: string | null;
  forced: boolean;
  missingRoundIds: string[];
  decidedById: string | null;
  decidedAt: Date;
}

export class OverdueItemDto {
  roundId: string;
  loopId: string;
  roundTitle: string;
  candidateName: string;
  shadow: boolean;
  endsAt: Date;
  ratingDueAt: Date;
  writeupDueAt: Date;
  @ApiProperty({ enum: ['not_started', 'draft', 'submitted'] })
  scorecardStatus: string;
}

export class OverdueGroupDto {
  interviewer: { id: string; name: string };
  ratingOverdue: OverdueItemDto[];
  writeupOverdue: OverdueItemDto[];
}

export class ConfidenceIntervalDto {
  low: number;
  high: number;
}

export class InterviewerPillarStatsDto {
  pillar: { id: string; key: string; name: string };
  count: number;
  meanRating: number | null;
  organizationMean: number | null;
  /** Mean minus the organization's mean for the pillar; null below `minCount` ratings. */
  offset: number | null;
  /** 95% confidence interval of the offset; null below `minCount` ratings. */
  confidenceInterval: ConfidenceIntervalDto | null;
  enoughData: boolean;
  strongShare: number | null;
  /** The interviewer's own leniency on the pillar, with the candidates' abilities taken out (from the snapshot of `computedAt`); null before the first fit includes them. */
  adjustedOffset: number | null;
  /** 95%: adjustedOffset ± t(0.975, count − 1) × its prediction standard error from the mixed model. */
  adjustedConfidenceInterval: AdjustedIntervalDto | null;
  /** At least 12 ratings, whatever `minCount` says: from about 12 on, a pillar's own ratings outweigh the pull towards the interviewer's other pillars. */
  adjustedEnoughData: boolean;
}

export class InterviewerStatsDto {
  interviewer: { id: string; name: string };
  submitted: number;
  /**
   * Share submitted within the write-up due hours, counted from the later of the round's end and when the round got
   * that time (a round recorded after the fact is not late from the start); null with no timed round.
   */
  onTimeRate: number | null;
  /** Median hours from that same moment to submission. */
  medianHoursToSubmit: number | null;
  pillars: InterviewerPillarStatsDto[];
  /** The adjusted offset over all pillars. */
  overall: AdjustedOverallDto;
}

export class InterviewerAnalyticsDto {
  minCount: number;
  /** When the calibration snapshot the adjusted figures come from was computed. */
  computedAt: Date;
  items: InterviewerStatsDto[];
}

export class QuestionStatsItemDto {
  question: { id: string; title: string; pillarId: string };
  timesAsked: number;
  /** Times asked with a rating: the question's own where given, else the pillar's (in effect after amendments). */
  ratedCount: number;
  /** Of `ratedCount`, how many carry the question's own rating (`questionsAsked[].rating`). */
  questionRatingCount: number;
  /** Mean of those ratings (1..4). */
  meanRating: number | null;
  decided: { count: number; hires: number; noHires: number };
  /** Point-biserial correlation of the rating (1..4) with the decision (hire 1, no_hire 0); null with too few decided loops or no variation. */
  correlation: number | null;
  /** Ratings the question had of its own (the others count its pillar's rating). */
  ownRatings: number;
  /** Correlation of its rating (or the pillar's) with the candidate's adjusted ratings in the loop's other rounds; null with too few. */
  discrimination: DiscriminationDto | null;
  /** The same rating's correlation with the decision (hire 1, no hire 0). */
  decisionDiscrimination: DiscriminationDto | null;
  /** The discrimination interval's upper end is below `lowSignalThreshold`: the question tells little; consider retiring it. */
  lowSignal: boolean;
  /** 1 = the most discriminating question of the organization; null without a discrimination. */
  signalRank: number | null;
  /** Its adjusted ratings rose from a date on (a leaked question?): consider retiring it. */
  possibleLeak: PossibleLeakDto | null;
}

export class QuestionAnalyticsDto {
  minCount: number;
  /** When the calibration snapshot the signal figures come from was computed. */
  computedAt: Date;
  lowSignalThreshold: number;
  items: QuestionStatsItemDto[];
}
