import type { Decision, Rating } from './scales.js';
import { effectiveValues, type Amendable } from './scorecard-math.js';
import type { StoredQuestion, StoredRating } from './scorecard.entity.js';

/** An amendment as a record of the loop shows it. */
export interface RecordedAmendment {
  sequence: number;
  reason: string;
  at: Date;
  ratings: StoredRating[] | null;
  recommendation: Rating | null;
  summary: string | null;
}

/** A submitted scorecard with its amendments, oldest first, and the values in effect after them (`effectiveValues`). */
export interface SubmittedScorecard {
  id: string;
  roundId: string;
  authorId: string;
  shadow: boolean;
  ratings: StoredRating[];
  questionsAsked: StoredQuestion[];
  recommendation: Rating | null;
  summary: string | null;
  submittedAt: Date;
  amendments: RecordedAmendment[];
  effective: Amendable;
}

/** What the scorecards feature holds of one loop for a report (a packet): the decision and the submitted scorecards. */
export interface LoopRecord {
  decision: { decision: Decision; note: string | null; decidedAt: Date } | null;
  scorecards: SubmittedScorecard[];
  /** Everyone who submitted a scorecard on the loop, shadows included whatever `includeShadows` (the blind rule). */
  submittedAuthorIds: string[];
}

/** The loop record as one statement returns it: JSON, so times come as strings. */
export interface LoopRecordRow {
  submitted_author_ids: string[];
  decision: { decision: Decision; note: string | null; decided_at: string } | null;
  scorecards: {
    id: string;
    round_id: string;
    author_id: string;
    shadow: boolean;
    ratings: StoredRating[];
    questions_asked: StoredQuestion[];
    recommendation: Rating | null;
    summary: string | null;
    submitted_at: string;
    amendments: {
      sequence: number;
      reason: string;
      created_at: string;
      ratings: StoredRating[] | null;
      recommendation: Rating | null;
      summary: string | null;
    }[];
  }[];
}

export function toLoopRecord(row: LoopRecordRow): LoopRecord {
  return {
    submittedAuthorIds: row.submitted_author_ids,
    decision: row.decision && { decision: row.decision.decision, note: row.decision.note, decidedAt: new Date(row.decision.decided_at) },
    scorecards: row.scorecards.map((card) => {
      const amendments = card.amendments.map((amendment) => ({
        sequence: amendment.sequence,
        reason: amendment.reason,
        at: new Date(amendment.created_at),
        ratings: amendment.ratings,
        recommendation: amendment.recommendation,
        summary: amendment.summary,
      }));
      return {
        id: card.id,
        roundId: card.round_id,
        authorId: card.author_id,
        shadow: card.shadow,
        ratings: card.ratings,
        questionsAsked: card.questions_asked,
        recommendation: card.recommendation,
        summary: card.summary,
        submittedAt: new Date(card.submitted_at),
        amendments,
        effective: effectiveValues({ ratings: card.ratings, recommendation: card.recommendation, summary: card.summary }, amendments),
      };
    }),
  };
}
