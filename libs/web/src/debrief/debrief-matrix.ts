import type { LoopDto, LoopRoundDto } from '@loopwright/loops';
import { amendmentsChanging, RATING_LABELS, type DebriefSummaryDto, type ScorecardDto } from '@loopwright/scorecards';
import type { ZonedTime } from '../time/zoned-time.js';

export interface MatrixCellView {
  text: string;
  /** Nothing to read here (the round does not cover the pillar, or its scorecard is not in). */
  empty: boolean;
  /** The value was changed after submission: the note (number, anchor) that says why and when. */
  amendment: { number: number; href: string } | null;
}

export interface MatrixRowView {
  pillar: string;
  cells: MatrixCellView[];
  mean: string;
  spread: string;
  /** In words when the pillar's ratings are 2 or more points apart; null otherwise. */
  disagreement: string | null;
}

export interface AmendmentLineView {
  id: string;
  number: number;
  /** `Recommendation, Coding` or `Practical coding, Coding`. */
  subject: string;
  changes: { reason: string; at: ZonedTime }[];
}

/** The ratings matrix: a row per pillar the loop covers, a column per round (in order), then the recommendations. */
export interface MatrixView {
  rounds: { title: string; interviewer: string | null }[];
  rows: MatrixRowView[];
  recommendations: MatrixCellView[];
  amendments: AmendmentLineView[];
}

const EMPTY = (text: string): MatrixCellView => ({ text, empty: true, amendment: null });

/** The main interviewers' submitted scorecards only (shadows stay out of the debrief, as in the summary). */
export function buildMatrix(loop: LoopDto, summary: DebriefSummaryDto, scorecards: ScorecardDto[], at: (date: Date) => ZonedTime): MatrixView {
  const cardOf = new Map(scorecards.filter((card) => !card.shadow).map((card) => [card.roundId, card]));
  const amendments: AmendmentLineView[] = [];
  const marked = (text: string, subject: string, changes: { reason: string; at: Date }[]): MatrixCellView => {
    if (changes.length === 0) return { text, empty: false, amendment: null };
    const number = amendments.length + 1;
    const id = `amendment-${number}`;
    amendments.push({ id, number, subject, changes: changes.map((change) => ({ reason: change.reason, at: at(change.at) })) });
    return { text, empty: false, amendment: { number, href: `#${id}` } };
  };
  const ratingCell = (round: LoopRoundDto, pillar: { id: string; name: string }): MatrixCellView => {
    if (!round.pillarIds.includes(pillar.id)) return EMPTY('Not in this round');
    const card = cardOf.get(round.id);
    if (!card) return EMPTY('Not submitted');
    const rating = card.effective.ratings.find((item) => item.pillarId === pillar.id)?.rating;
    if (!rating) return EMPTY('Not rated');
    return marked(RATING_LABELS[rating], `${pillar.name}, ${round.title}`, amendmentsChanging(card, { pillarId: pillar.id }));
  };

  const rows = summary.pillars.map((row) => ({
    pillar: row.pillar.name,
    cells: loop.rounds.map((round) => ratingCell(round, row.pillar)),
    mean: row.mean === null ? 'None' : String(row.mean),
    spread: row.spread === null ? 'None' : String(row.spread),
    disagreement: row.disagreement ? `${row.spread} points apart` : null,
  }));
  const recommendations = loop.rounds.map((round) => {
    const card = cardOf.get(round.id);
    if (!card) return EMPTY('Not submitted');
    const recommendation = card.effective.recommendation;
    if (!recommendation) return EMPTY('None');
    return marked(RATING_LABELS[recommendation], `Recommendation, ${round.title}`, amendmentsChanging(card, 'recommendation'));
  });
  return {
    rounds: loop.rounds.map((round) => ({ title: round.title, interviewer: round.interviewer?.name ?? null })),
    rows,
    recommendations,
    amendments,
  };
}
