/** What the calibration snapshot adds to the analytics responses. */

export class AdjustedIntervalDto {
  low: number;
  high: number;
}

export class AdjustedOverallDto {
  /** Ratings over all pillars. */
  count: number;
  /** The interviewer's leniency over all pillars (pillar offsets weighted by their ratings); null without a fit. */
  adjustedOffset: number | null;
  /** 95%: adjustedOffset ± t(0.975, count − 1) × its prediction standard error from the mixed model. */
  adjustedConfidenceInterval: AdjustedIntervalDto | null;
  /** At least 12 ratings (the rule of `adjustedEnoughData`). */
  enoughData: boolean;
}

export class DiscriminationDto {
  /** Pearson r. */
  value: number;
  /** 95% by Fisher's z; null under 4 pairs. */
  interval: AdjustedIntervalDto | null;
  /** Pairs the correlation is over. */
  count: number;
}

export class PossibleLeakDto {
  /** The round time of the first rating after the change. */
  since: Date;
  /** Mean adjusted rating after minus before (rating points). */
  effect: number;
  /** Permutation p-value of the change-point statistic (the question passed Benjamini–Hochberg at 5% across questions). */
  pValue: number;
}
