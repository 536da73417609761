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
  /** `interviewer pillar` → planted leniency. */
  leniency: Map<string, number>;
  questions: string[];
  useless: Set<string>;
  leaked: string;
  leakSince: number;
}

const START = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
const clampRating = (latent: number): number => Math.min(4, Math.max(1, Math.round(latent)));

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
  const rounds: CalibrationRound[] = [];
  const decisions = new Map<string, number>();
  for (let c = 0; c < options.candidates; c += 1) {
    const candidate = `candidate-${c}`;
    const ability = 0.75 * random.normal();
    const at = START + random.below(options.days) * DAY;
    const seen = new Set<number>();
    const values: number[] = [];
    for (const pillar of pillars) {
      const deviation = 0.3 * random.normal();
      const weights = seniority.map((s, i) => (seen.has(i) ? 0 : Math.exp(0.8 * s * (ability / 0.75))));
      const chosen = pick(weights, random);
      seen.add(chosen);
      const interviewer = interviewers[chosen]!;
      const base = pillarMean.get(pillar)! + leniency.get(cellKey(interviewer, pillar))!;
      const asked = shuffle([...questionsOf.get(pillar)!], random).slice(0, options.questionsPerRound);
      const latents = asked.map((question) => {
        const signal = useless.has(question) ? Math.sqrt(0.75 ** 2 + 0.3 ** 2) * random.normal() : ability + deviation;
        return base + signal + 0.5 * random.normal() + (question === leaked && at >= leakSince ? options.leakEffect : 0);
      });
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
  return { input: { rounds, decisions }, pillars, interviewers, leniency, questions, useless, leaked, leakSince };
}

export interface PlantedTruthScore {
  /** Pearson r of the adjusted (and raw) offsets with the planted leniency, per pillar. */
  adjustedR: Record<string, number | null>;
  rawR: Record<string, number | null>;
  /** Over pillars: the interviewer's average offset against the average planted leniency. */
  overallR: number | null;
  /** Share of `enoughData` cells whose adjusted interval holds the planted leniency (centred per pillar as the fit is). */
  coverage: number;
  cellsWithEnoughData: number;
  /** The same for the cells with an interval but fewer ratings than `enoughData` needs (why the minimum is 12). */
  coverageWithTooFew: number;
  cellsWithTooFew: number;
  /** Ranks of the useless questions (1 = most discriminating) and how many of them are `lowSignal`. */
  uselessRanks: number[];
  uselessLowSignal: number;
  cleanLowSignal: number;
  questionCount: number;
  leakFlagged: boolean;
  /** Clean questions flagged as a possible leak. */
  falseLeakFlags: number;
}

/** How close a calibration result came to the planted truth. */
export function scorePlantedTruth(truth: PlantedTruth, result: CalibrationResult): PlantedTruthScore {
  const adjustedR: Record<string, number | null> = {};
  const rawR: Record<string, number | null> = {};
  let covered = 0;
  let cells = 0;
  let coveredWithTooFew = 0;
  let cellsWithTooFew = 0;
  for (const pillar of truth.pillars) {
    const ratings = truth.input.rounds.flatMap((round) =>
      round.pillars.filter((p) => p.pillar === pillar).map((p) => ({ interviewer: round.interviewer, value: p.value })),
    );
    const organizationMean = ratings.reduce((sum, r) => sum + r.value, 0) / ratings.length;
    const fitted = result.interviewers.filter((cell) => cell.pillar === pillar);
    // The fit centres offsets over each pillar's ratings: the truth it estimates is centred the same way.
    const truthCentre = ratings.reduce((sum, r) => sum + truth.leniency.get(cellKey(r.interviewer, pillar))!, 0) / ratings.length;
    const planted = fitted.map((cell) => truth.leniency.get(cellKey(cell.interviewer, pillar))!);
    adjustedR[pillar] = pearson(
      fitted.map((cell) => cell.adjustedOffset),
      planted,
    );
    rawR[pillar] = pearson(
      fitted.map((cell) => {
        const own = ratings.filter((r) => r.interviewer === cell.interviewer);
        return own.reduce((sum, r) => sum + r.value, 0) / own.length - organizationMean;
      }),
      planted,
    );
    fitted.forEach((cell, index) => {
      if (!cell.adjustedConfidenceInterval) return;
      const value = planted[index]! - truthCentre;
      const hit = cell.adjustedConfidenceInterval.low <= value && value <= cell.adjustedConfidenceInterval.high ? 1 : 0;
      if (cell.enoughData) {
        cells += 1;
        covered += hit;
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
        truth.pillars.reduce((sum, pillar) => sum + truth.leniency.get(cellKey(cell.interviewer, pillar))!, 0) / truth.pillars.length,
    ),
  );
  const useless = result.questions.filter((q) => truth.useless.has(q.question));
  const clean = result.questions.filter((q) => !truth.useless.has(q.question));
  return {
    adjustedR,
    rawR,
    overallR,
    coverage: cells === 0 ? 0 : covered / cells,
    cellsWithEnoughData: cells,
    coverageWithTooFew: cellsWithTooFew === 0 ? 0 : coveredWithTooFew / cellsWithTooFew,
    cellsWithTooFew,
    uselessRanks: useless.map((q) => q.rank ?? 0).sort((a, b) => a - b),
    uselessLowSignal: useless.filter((q) => q.lowSignal).length,
    cleanLowSignal: clean.filter((q) => q.lowSignal).length,
    questionCount: result.questions.length,
    leakFlagged: result.questions.some((q) => q.question === truth.leaked && q.possibleLeak !== null),
    falseLeakFlags: result.questions.filter((q) => q.question !== truth.leaked && q.possibleLeak !== null).length,
  };
}
