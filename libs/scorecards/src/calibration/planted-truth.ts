import { cellKey } from './mixed-model.js';
import type { CalibrationInput, CalibrationResult, CalibrationRound } from './calibration-model.js';
import { seededRandom, shuffle, type Random } from './random.js';
import { pearson } from './statistics.js';

/** A simulated history with known truth: who is lenient, which questions say nothing, which one leaked and when. */
export interface PlantedTruthOptions {
  seed: number;
  interviewers: number;
  candidates: number;
  pillars: number;
  questionsPerPillar: number;
  questionsPerRound: number;
  uselessQuestions: number;
  /** Whether each question asked carries its own rating (else analytics read the pillar's). */
  questionRatings: boolean;
  /** How much easier the leaked question gets (rating points, before rounding). */
  leakEffect: number;
  days: number;
}

/** The full-size history of the issue: 40 interviewers, 500 candidates, 4 pillars, 2,000 scorecards. */
export const FULL_SIZE: PlantedTruthOptions = {
  seed: 1,
  interviewers: 40,
  candidates: 500,
  pillars: 4,
  questionsPerPillar: 6,
  questionsPerRound: 2,
  uselessQuestions: 5,
  questionRatings: true,
  leakEffect: 0.8,
  days: 365,
};

export interface PlantedTruth {
  input: CalibrationInput;
  pillars: string[];
  interviewers: string[];
  /** `interviewer pillar` → planted leniency, on the latent scale (before rounding and clamping to 1..4). */
  leniency: Map<string, number>;
  /**
   * `interviewer pillar` → the same leniency in rating points: over the pillar ratings the interviewer gave, the mean of
   * E[rating with their leniency] − E[rating without it] (the question noise integrated out exactly). This is what an
   * offset on the observed 1..4 scale estimates: clamping makes it 0.7–0.9 × the latent leniency, less at the ends.
   */
  ratingPointLeniency: Map<string, number>;
  /** Candidate → planted ability (latent scale), for diagnosing how much of it the offsets still carry. */
  ability: Map<string, number>;
  /** Pillar → its planted mean (latent scale). */
  pillarMean: Map<string, number>;
  questions: string[];
  useless: Set<string>;
  leaked: string;
  leakSince: number;
}

const START = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
const clampRating = (latent: number): number => Math.min(4, Math.max(1, Math.round(latent)));

/** Φ(x), by Abramowitz–Stegun 7.1.26 (error below 1.5e-7): plenty for a simulation's truth. */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** E[clampRating(X)] for X ~ N(mean, sd²): 1 + P(X ≥ 1.5) + P(X ≥ 2.5) + P(X ≥ 3.5). */
const expectedRating = (mean: number, sd: number): number =>
  1 + normalCdf((mean - 1.5) / sd) + normalCdf((mean - 2.5) / sd) + normalCdf((mean - 3.5) / sd);

/** Picks one of `weights`' indexes with probability proportional to its weight. */
function pick(weights: readonly number[], random: Random): number {
  let rest = random.next() * weights.reduce((sum, weight) => sum + weight, 0);
  for (let i = 0; i < weights.length; i += 1) if ((rest -= weights[i]!) <= 0) return i;
  return weights.length - 1;
}

/**
 * Ability ~ N(0, 0.75) and a pillar deviation ~ N(0, 0.3) per candidate; leniency = N(0, 0.45) per interviewer +
 * N(0, 0.2) per pillar; senior interviewers see stronger candidates (the confounding raw offsets suffer from). A
 * question's latent = pillar mean + leniency + (ability + deviation, or for a useless question noise of the same
 * spread) + N(0, 0.5), + the leak effect for the leaked question after 60% of the period; ratings are rounded and
 * clamped to 1..4, the pillar's from the mean of its questions' latents. Hire when the pillar ratings average 2.75+.
 */
export function plantedTruth(options: PlantedTruthOptions): PlantedTruth {
  const random = seededRandom(options.seed);
  const pillars = Array.from({ length: options.pillars }, (_, p) => `pillar-${p}`);
  const interviewers = Array.from({ length: options.interviewers }, (_, i) => `interviewer-${i}`);
  const seniority = interviewers.map(() => random.normal());
  const leniency = new Map<string, number>();
  for (const interviewer of interviewers) {
    const own = 0.45 * random.normal();
    for (const pillar of pillars) leniency.set(cellKey(interviewer, pillar), own + 0.2 * random.normal());
  }
  const pillarMean = new Map(pillars.map((pillar) => [pillar, 2.5 + 0.2 * random.normal()]));
  const questionsOf = new Map(
    pillars.map((pillar) => [pillar, Array.from({ length: options.questionsPerPillar }, (_, q) => `${pillar}-question-${q}`)]),
  );
  const questions = pillars.flatMap((pillar) => questionsOf.get(pillar)!);
  const pillarOf = new Map(pillars.flatMap((pillar) => questionsOf.get(pillar)!.map((question) => [question, pillar] as const)));
  // Useless ones spread over the pillars (question 0 of pillar 0, 1, 2, ..., then question 1 ...); the leak after them.
  const spread = Array.from({ length: options.questionsPerPillar }, (_, q) => pillars.map((pillar) => questionsOf.get(pillar)![q]!)).flat();
  const useless = new Set(spread.slice(0, options.uselessQuestions));
  const leaked = spread[options.uselessQuestions]!;
  const leakSince = START + Math.round(options.days * 0.6) * DAY;
  const ratingPointSum = new Map<string, number>();
  const ratingPointCount = new Map<string, number>();
  const rounds: CalibrationRound[] = [];
  const decisions = new Map<string, number>();
  const abilityOf = new Map<string, number>();
  for (let c = 0; c < options.candidates; c += 1) {
    const candidate = `candidate-${c}`;
    const ability = 0.75 * random.normal();
    abilityOf.set(candidate, ability);
    const at = START + random.below(options.days) * DAY;
    const seen = new Set<number>();
    const values: number[] = [];
    for (const pillar of pillars) {
      const deviation = 0.3 * random.normal();
      const weights = seniority.map((s, i) => (seen.has(i) ? 0 : Math.exp(0.8 * s * (ability / 0.75))));
      const chosen = pick(weights, random);
      seen.add(chosen);
      const interviewer = interviewers[chosen]!;
      const cell = cellKey(interviewer, pillar);
      const base = pillarMean.get(pillar)! + leniency.get(cell)!;
      const asked = shuffle([...questionsOf.get(pillar)!], random).slice(0, options.questionsPerRound);
      let signalSum = 0;
      const latents = asked.map((question) => {
        const signal = useless.has(question) ? Math.sqrt(0.75 ** 2 + 0.3 ** 2) * random.normal() : ability + deviation;
        const leak = question === leaked && at >= leakSince ? options.leakEffect : 0;
        signalSum += signal + leak;
        return base + signal + 0.5 * random.normal() + leak;
      });
      const withoutLeniency = pillarMean.get(pillar)! + signalSum / asked.length;
      const noise = 0.5 / Math.sqrt(asked.length);
      const effect = expectedRating(withoutLeniency + leniency.get(cell)!, noise) - expectedRating(withoutLeniency, noise);
      ratingPointSum.set(cell, (ratingPointSum.get(cell) ?? 0) + effect);
      ratingPointCount.set(cell, (ratingPointCount.get(cell) ?? 0) + 1);
      const value = clampRating(latents.reduce((sum, latent) => sum + latent, 0) / latents.length);
      values.push(value);
      rounds.push({
        candidate,
        interviewer,
        at,
        pillars: [{ pillar, value }],
        questions: asked.map((question, q) => ({
          question,
          pillar: pillarOf.get(question)!,
          value: options.questionRatings ? clampRating(latents[q]!) : null,
        })),
      });
    }
    decisions.set(candidate, values.reduce((sum, value) => sum + value, 0) / values.length >= 2.75 ? 1 : 0);
  }
  const ratingPointLeniency = new Map([...ratingPointSum].map(([cell, sum]) => [cell, sum / ratingPointCount.get(cell)!]));
  return {
    input: { rounds, decisions },
    pillars,
    interviewers,
    leniency,
    ratingPointLeniency,
    ability: abilityOf,
    pillarMean,
    questions,
    useless,
    leaked,
    leakSince,
  };
}

/** How close the adjusted offsets came to one definition of the planted leniency. */
export interface OffsetFigures {
  /** Pearson r of the adjusted offsets with the planted leniency, per pillar. */
  adjustedR: Record<string, number | null>;
  /** Over pillars: the interviewer's average offset against the average planted leniency. */
  overallR: number | null;
  /** Share of `enoughData` cells whose adjusted interval holds the planted leniency (centred per pillar as the fit is). */
  coverage: number;
  cellsWithEnoughData: number;
  /** The same for the cells with an interval but fewer ratings than `enoughData` needs (why the minimum is 12). */
  coverageWithTooFew: number;
  cellsWithTooFew: number;
  /**
   * The standard deviation of (offset − truth) / standard error over the `enoughData` cells: 1 when the standard errors
   * are right, above 1 when the intervals are too narrow (coverage alone is noisy: ±2.4 points at 80 cells).
   */
  errorSpread: number;
}

export interface PlantedTruthScore extends OffsetFigures {
  /** The figures against the latent leniency (the top-level ones) and against its effect in rating points. */
  ratingPoint: OffsetFigures;
  /** Pearson r of the raw offsets (the interviewer's mean − the pillar's) with the planted latent leniency. */
  rawR: Record<string, number | null>;
  /** Ranks of the useless questions (1 = most discriminating) and how many of them are `lowSignal`. */
  uselessRanks: number[];
  uselessLowSignal: number;
  cleanLowSignal: number;
  questionCount: number;
  leakFlagged: boolean;
  /** Clean questions flagged as a possible leak. */
  falseLeakFlags: number;
}

function offsetFigures(truth: PlantedTruth, result: CalibrationResult, leniency: ReadonlyMap<string, number>): OffsetFigures {
  const adjustedR: Record<string, number | null> = {};
  let covered = 0;
  let cells = 0;
  let coveredWithTooFew = 0;
  let cellsWithTooFew = 0;
  const errors: number[] = [];
  for (const pillar of truth.pillars) {
    const raters = truth.input.rounds.flatMap((round) => round.pillars.filter((p) => p.pillar === pillar).map(() => round.interviewer));
    const fitted = result.interviewers.filter((cell) => cell.pillar === pillar);
    // The fit centres offsets over each pillar's ratings: the truth it estimates is centred the same way.
    const truthCentre = raters.reduce((sum, interviewer) => sum + leniency.get(cellKey(interviewer, pillar))!, 0) / raters.length;
    const planted = fitted.map((cell) => leniency.get(cellKey(cell.interviewer, pillar))!);
    adjustedR[pillar] = pearson(
      fitted.map((cell) => cell.adjustedOffset),
      planted,
    );
    fitted.forEach((cell, index) => {
      if (!cell.adjustedConfidenceInterval) return;
      const value = planted[index]! - truthCentre;
      const hit = cell.adjustedConfidenceInterval.low <= value && value <= cell.adjustedConfidenceInterval.high ? 1 : 0;
      if (cell.enoughData) {
        cells += 1;
        covered += hit;
        if (cell.standardError) errors.push((cell.adjustedOffset - value) / cell.standardError);
      } else {
        cellsWithTooFew += 1;
        coveredWithTooFew += hit;
      }
    });
  }
  const overall = result.interviewers.filter((cell) => cell.pillar === null);
  const overallR = pearson(
    overall.map((cell) => cell.adjustedOffset),
    overall.map(
      (cell) =>
        truth.pillars.reduce((sum, pillar) => sum + (leniency.get(cellKey(cell.interviewer, pillar)) ?? 0), 0) / truth.pillars.length,
    ),
  );
  return {
    adjustedR,
    overallR,
    coverage: cells === 0 ? 0 : covered / cells,
    cellsWithEnoughData: cells,
    coverageWithTooFew: cellsWithTooFew === 0 ? 0 : coveredWithTooFew / cellsWithTooFew,
    cellsWithTooFew,
    errorSpread: Math.sqrt(errors.reduce((sum, error) => sum + error * error, 0) / Math.max(1, errors.length)),
  };
}

/** How close a calibration result came to the planted truth. */
export function scorePlantedTruth(truth: PlantedTruth, result: CalibrationResult): PlantedTruthScore {
  const rawR: Record<string, number | null> = {};
  for (const pillar of truth.pillars) {
    const ratings = truth.input.rounds.flatMap((round) =>
      round.pillars.filter((p) => p.pillar === pillar).map((p) => ({ interviewer: round.interviewer, value: p.value })),
    );
    const organizationMean = ratings.reduce((sum, r) => sum + r.value, 0) / ratings.length;
    const fitted = result.interviewers.filter((cell) => cell.pillar === pillar);
    rawR[pillar] = pearson(
      fitted.map((cell) => {
        const own = ratings.filter((r) => r.interviewer === cell.interviewer);
        return own.reduce((sum, r) => sum + r.value, 0) / own.length - organizationMean;
      }),
      fitted.map((cell) => truth.leniency.get(cellKey(cell.interviewer, pillar))!),
    );
  }
  const useless = result.questions.filter((q) => truth.useless.has(q.question));
  const clean = result.questions.filter((q) => !truth.useless.has(q.question));
  return {
    ...offsetFigures(truth, result, truth.leniency),
    ratingPoint: offsetFigures(truth, result, truth.ratingPointLeniency),
    rawR,
    uselessRanks: useless.map((q) => q.rank ?? 0).sort((a, b) => a - b),
    uselessLowSignal: useless.filter((q) => q.lowSignal).length,
    cleanLowSignal: clean.filter((q) => q.lowSignal).length,
    questionCount: result.questions.length,
    leakFlagged: result.questions.some((q) => q.question === truth.leaked && q.possibleLeak !== null),
    falseLeakFlags: result.questions.filter((q) => q.question !== truth.leaked && q.possibleLeak !== null).length,
  };
}
