import type { PillarRating, Rating, StoredRating } from './scorecard.entity.js';

/** strong_no = 1 ... strong_yes = 4; `not_assessed` (and no rating) has no value. */
export const RATING_VALUE: Record<Rating, number> = { strong_no: 1, no: 2, yes: 3, strong_yes: 4 };

export const ratingValue = (rating: PillarRating | null | undefined): number | null =>
  rating && rating !== 'not_assessed' ? RATING_VALUE[rating] : null;

export const MIN_SUMMARY_LENGTH = 20;

/** Two ratings of one pillar this far apart (or further) are flagged as a disagreement. */
export const DISAGREEMENT_POINTS = 2;

export interface Amendable {
  ratings: StoredRating[];
  recommendation: Rating | null;
  summary: string | null;
}

export interface AmendmentChange {
  ratings: StoredRating[] | null;
  recommendation: Rating | null;
  summary: string | null;
}

/** The values in effect: the submitted ones with each amendment applied in order (a pillar's rating replaced whole). */
export function effectiveValues(submitted: Amendable, amendments: readonly AmendmentChange[]): Amendable {
  const ratings = submitted.ratings.map((rating) => ({ ...rating }));
  let { recommendation, summary } = submitted;
  for (const amendment of amendments) {
    for (const changed of amendment.ratings ?? []) {
      const index = ratings.findIndex((rating) => rating.pillarId === changed.pillarId);
      if (index >= 0) ratings[index] = { ...changed };
      else ratings.push({ ...changed });
    }
    recommendation = amendment.recommendation ?? recommendation;
    summary = amendment.summary ?? summary;
  }
  return { ratings, recommendation, summary };
}

export interface MissingItem {
  field: string;
  pillarId?: string;
  problem: string;
}

/** What a scorecard still lacks before it can be submitted; empty when complete. */
export function missingForSubmit(pillarIds: readonly string[], card: Amendable): MissingItem[] {
  const missing: MissingItem[] = [];
  for (const pillarId of pillarIds) {
    const rating = card.ratings.find((item) => item.pillarId === pillarId);
    if (!rating?.rating) missing.push({ field: 'ratings', pillarId, problem: 'this pillar is not rated' });
    else if (rating.rating === 'not_assessed' && !rating.notes?.trim())
      missing.push({ field: 'ratings', pillarId, problem: 'not_assessed needs a note saying why' });
  }
  if (!card.recommendation) missing.push({ field: 'recommendation', problem: 'a recommendation is required' });
  if ((card.summary?.trim().length ?? 0) < MIN_SUMMARY_LENGTH)
    missing.push({ field: 'summary', problem: `a summary of at least ${MIN_SUMMARY_LENGTH} characters is required` });
  return missing;
}

export interface PillarCell {
  roundId: string;
  roundTitle: string;
  interviewer: { id: string; name: string };
  shadow: boolean;
  rating: PillarRating;
  value: number | null;
  notes: string | null;
}

export interface PillarStats {
  mean: number | null;
  spread: number | null;
  standardDeviation: number | null;
  disagreement: boolean;
  disagreements: { a: { roundId: string; interviewerId: string }; b: { roundId: string; interviewerId: string }; difference: number }[];
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

/** Mean on 1..4, spread (max − min), population standard deviation, and each pair of interviewers 2+ points apart. */
export function pillarStats(cells: readonly PillarCell[]): PillarStats {
  const rated = cells.filter((cell): cell is PillarCell & { value: number } => cell.value !== null);
  if (rated.length === 0) return { mean: null, spread: null, standardDeviation: null, disagreement: false, disagreements: [] };
  const values = rated.map((cell) => cell.value);
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
  const disagreements: PillarStats['disagreements'] = [];
  for (let i = 0; i < rated.length; i += 1) {
    for (let j = i + 1; j < rated.length; j += 1) {
      const a = rated[i]!;
      const b = rated[j]!;
      const difference = Math.abs(a.value - b.value);
      if (difference >= DISAGREEMENT_POINTS && a.interviewer.id !== b.interviewer.id)
        disagreements.push({
          a: { roundId: a.roundId, interviewerId: a.interviewer.id },
          b: { roundId: b.roundId, interviewerId: b.interviewer.id },
          difference,
        });
    }
  }
  return {
    mean: round2(mean),
    spread: Math.max(...values) - Math.min(...values),
    standardDeviation: round2(Math.sqrt(variance)),
    disagreement: disagreements.length > 0,
    disagreements,
  };
}

export type Tally = Record<Rating, number>;

export function tallyOf(recommendations: readonly (Rating | null)[]): Tally {
  const tally: Tally = { strong_no: 0, no: 0, yes: 0, strong_yes: 0 };
  for (const recommendation of recommendations) if (recommendation) tally[recommendation] += 1;
  return tally;
}

