import { RATINGS, type PillarRating, type Rating } from './scales.js';
import type { StoredRating } from './scorecard.entity.js';
import type { SummaryCellDto } from './scorecard.dto.js';

export { RATING_VALUE, ratingValue } from './scales.js';

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

/**
 * `effectiveValues` for ratings in SQL: one row (scorecard_id, pillar_id, rating text) per pillar in effect, over two
 * relations of the caller's statement: `cards` (id, ratings jsonb) and `amendments` (scorecard_id, sequence, ratings
 * jsonb or null). As in `effectiveValues`, the last amendment naming a pillar replaces its rating whole (a null or
 * not_assessed included) and a pillar first rated in an amendment counts too. Both names are written by the code;
 * a test keeps this and `effectiveValues` agreeing.
 */
export const effectiveRatingsSql = (cards: string, amendments: string): string => `
  SELECT coalesce(m.scorecard_id, b.scorecard_id) AS scorecard_id, coalesce(m.pillar_id, b.pillar_id) AS pillar_id,
         (CASE WHEN m.scorecard_id IS NOT NULL THEN m.rating ELSE b.rating END) AS rating
    FROM (SELECT c.id AS scorecard_id, x."pillarId" AS pillar_id, x.rating
            FROM ${cards} c CROSS JOIN LATERAL jsonb_to_recordset(c.ratings) AS x("pillarId" uuid, rating text)) b
    FULL JOIN (SELECT DISTINCT ON (a.scorecard_id, x."pillarId") a.scorecard_id, x."pillarId" AS pillar_id, x.rating
                 FROM ${amendments} a CROSS JOIN LATERAL jsonb_to_recordset(a.ratings) AS x("pillarId" uuid, rating text)
                WHERE a.ratings IS NOT NULL AND a.scorecard_id IN (SELECT id FROM ${cards})
                ORDER BY a.scorecard_id, x."pillarId", a.sequence DESC) m
      ON m.scorecard_id = b.scorecard_id AND m.pillar_id = b.pillar_id`;

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

/** One interviewer's rating of one pillar, as the debrief shows it. */
export type PillarCell = SummaryCellDto;

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
  const tally = Object.fromEntries(RATINGS.map((rating) => [rating, 0])) as Tally;
  for (const recommendation of recommendations) if (recommendation) tally[recommendation] += 1;
  return tally;
}


/** Why and when a submitted value was changed. */
export interface AmendmentNote {
  reason: string;
  at: Date;
}

/** A submitted scorecard with its amendments, oldest first (as `ScorecardDto` has them). */
export interface AmendedCard extends Amendable {
  amendments: readonly (AmendmentChange & AmendmentNote)[];
}

const ratingIn = (values: Amendable, pillarId: string): PillarRating | null =>
  values.ratings.find((rating) => rating.pillarId === pillarId)?.rating ?? null;

/**
 * The amendments that changed one value of a scorecard, oldest first: a pillar's rating (`{ pillarId }`) or the
 * recommendation. An amendment that names the value but leaves it as it was does not count.
 */
export function amendmentsChanging(card: AmendedCard, value: { pillarId: string } | 'recommendation'): AmendmentNote[] {
  const read = (values: Amendable): string | null => (value === 'recommendation' ? values.recommendation : ratingIn(values, value.pillarId));
  const notes: AmendmentNote[] = [];
  let before: Amendable = card;
  for (const amendment of card.amendments) {
    const after = effectiveValues(before, [amendment]);
    if (read(after) !== read(before)) notes.push({ reason: amendment.reason, at: amendment.at });
    before = after;
  }
  return notes;
}

/** The recommendations split: at least one against (strong no, no) and one for (yes, strong yes). */
export const recommendationsSplit = (tally: Tally): boolean => tally.strong_no + tally.no > 0 && tally.yes + tally.strong_yes > 0;
