import { Injectable } from '@nestjs/common';
import { ERASED_TEXT } from '@loopwright/loops';
import type { EntityManager } from 'typeorm';
import type { StoredQuestion, StoredRating } from './scorecard.entity.js';

/** One scorecard as an access request's data export shows it: drafts included, with their free text. */
export interface ScorecardData {
  id: string;
  loopId: string;
  roundId: string;
  authorId: string;
  shadow: boolean;
  status: string;
  recommendation: string | null;
  summary: string | null;
  ratings: StoredRating[];
  questionsAsked: StoredQuestion[];
  submittedAt: Date | null;
  createdAt: Date;
  amendments: { id: string; sequence: number; authorId: string; reason: string; recommendation: string | null; summary: string | null; ratings: StoredRating[] | null; createdAt: Date }[];
}

export interface DecisionData {
  loopId: string;
  decision: string;
  note: string | null;
  forced: boolean;
  decidedById: string | null;
  decidedAt: Date;
}

/** The ids of what the scorecards feature holds about some loops (their audit events are about the candidate too). */
export interface ScorecardIds {
  scorecardIds: string[];
  amendmentIds: string[];
}

/** `notes` of each element of a jsonb array becomes "[erased]" where it held text (ratings and questions asked alike). */
const eraseNotes = (column: string): string => `COALESCE((
    SELECT jsonb_agg(CASE WHEN NULLIF(e.item ->> 'notes', '') IS NULL THEN e.item ELSE jsonb_set(e.item, '{notes}', to_jsonb($3::text)) END ORDER BY e.n)
      FROM jsonb_array_elements(${column}) WITH ORDINALITY AS e(item, n)), ${column})`;

const ERASE_SCORECARDS_SQL = `
  UPDATE scorecards
     SET ratings = ${eraseNotes('ratings')},
         questions_asked = ${eraseNotes('questions_asked')},
         summary = CASE WHEN NULLIF(summary, '') IS NULL THEN summary ELSE $3 END,
         version = version + 1
   WHERE organization_id = $1 AND loop_id = ANY($2::uuid[])`;

const ERASE_AMENDMENTS_SQL = `
  UPDATE scorecard_amendments
     SET reason = $3,
         ratings = CASE WHEN ratings IS NULL THEN NULL ELSE ${eraseNotes('ratings')} END,
         summary = CASE WHEN NULLIF(summary, '') IS NULL THEN summary ELSE $3 END
   WHERE organization_id = $1 AND loop_id = ANY($2::uuid[])`;

const ERASE_DECISIONS_SQL = `
  UPDATE loop_decisions SET note = CASE WHEN NULLIF(note, '') IS NULL THEN note ELSE $3 END
   WHERE organization_id = $1 AND loop_id = ANY($2::uuid[])`;

/**
 * What the privacy feature asks of the scorecards feature about a candidate's loops: erase the free text (ratings,
 * recommendations, decisions and times stay, so analytics keep working), delete it all, or read it all.
 */
@Injectable()
export class ScorecardErasure {
  /** The scorecards' and amendments' ids of these loops: two statements. */
  async idsOfLoops(manager: EntityManager, organizationId: string, loopIds: readonly string[]): Promise<ScorecardIds> {
    if (loopIds.length === 0) return { scorecardIds: [], amendmentIds: [] };
    const cards = await manager.query<{ id: string }[]>(`SELECT id FROM scorecards WHERE organization_id = $1 AND loop_id = ANY($2::uuid[])`, [organizationId, [...loopIds]]);
    const amendments = await manager.query<{ id: string }[]>(`SELECT id FROM scorecard_amendments WHERE organization_id = $1 AND loop_id = ANY($2::uuid[])`, [organizationId, [...loopIds]]);
    return { scorecardIds: cards.map((row) => row.id), amendmentIds: amendments.map((row) => row.id) };
  }

  /**
   * Scorecard notes (per pillar and per question), summaries, amendment reasons and summaries and decision notes of
   * these loops become "[erased]"; drafts get a new version, so an open editor's next save is refused, not merged.
   */
  async eraseFreeTextOfLoops(manager: EntityManager, organizationId: string, loopIds: readonly string[]): Promise<void> {
    if (loopIds.length === 0) return;
    const params = [organizationId, [...loopIds], ERASED_TEXT];
    await manager.query(ERASE_SCORECARDS_SQL, params);
    await manager.query(ERASE_AMENDMENTS_SQL, params);
    await manager.query(ERASE_DECISIONS_SQL, params);
  }

  /** Deletes the scorecards, amendments and decisions of these loops (before the loops themselves go). */
  async deleteForLoops(manager: EntityManager, organizationId: string, loopIds: readonly string[]): Promise<void> {
    if (loopIds.length === 0) return;
    const params = [organizationId, [...loopIds]];
    await manager.query(`DELETE FROM scorecard_amendments WHERE organization_id = $1 AND loop_id = ANY($2::uuid[])`, params);
    await manager.query(`DELETE FROM scorecards WHERE organization_id = $1 AND loop_id = ANY($2::uuid[])`, params);
    await manager.query(`DELETE FROM loop_decisions WHERE organization_id = $1 AND loop_id = ANY($2::uuid[])`, params);
  }

  /** Every scorecard (drafts too) with its amendments, and the decisions, of these loops: three statements. */
  async dataOfLoops(manager: EntityManager, organizationId: string, loopIds: readonly string[]): Promise<{ scorecards: ScorecardData[]; decisions: DecisionData[] }> {
    if (loopIds.length === 0) return { scorecards: [], decisions: [] };
    const params = [organizationId, [...loopIds]];
    const cards = await manager.query<
      { id: string; loop_id: string; round_id: string; author_id: string; shadow: boolean; status: string; recommendation: string | null; summary: string | null; ratings: StoredRating[]; questions_asked: StoredQuestion[]; submitted_at: Date | null; created_at: Date }[]
    >(
      `SELECT id, loop_id, round_id, author_id, shadow, status, recommendation, summary, ratings, questions_asked, submitted_at, created_at
         FROM scorecards WHERE organization_id = $1 AND loop_id = ANY($2::uuid[]) ORDER BY created_at, id`,
      params,
    );
    const amendments = await manager.query<
      { id: string; scorecard_id: string; sequence: number; author_id: string; reason: string; recommendation: string | null; summary: string | null; ratings: StoredRating[] | null; created_at: Date }[]
    >(
      `SELECT id, scorecard_id, sequence, author_id, reason, recommendation, summary, ratings, created_at
         FROM scorecard_amendments WHERE organization_id = $1 AND loop_id = ANY($2::uuid[]) ORDER BY scorecard_id, sequence`,
      params,
    );
    const decisions = await manager.query<{ loop_id: string; decision: string; note: string | null; forced: boolean; decided_by_id: string | null; decided_at: Date }[]>(
      `SELECT loop_id, decision, note, forced, decided_by_id, decided_at FROM loop_decisions WHERE organization_id = $1 AND loop_id = ANY($2::uuid[]) ORDER BY decided_at`,
      params,
    );
    return {
      scorecards: cards.map((card) => ({
        id: card.id,
        loopId: card.loop_id,
        roundId: card.round_id,
        authorId: card.author_id,
        shadow: card.shadow,
        status: card.status,
        recommendation: card.recommendation,
        summary: card.summary,
        ratings: card.ratings,
        questionsAsked: card.questions_asked,
        submittedAt: card.submitted_at,
        createdAt: card.created_at,
        amendments: amendments
          .filter((amendment) => amendment.scorecard_id === card.id)
          .map((amendment) => ({
            id: amendment.id,
            sequence: amendment.sequence,
            authorId: amendment.author_id,
            reason: amendment.reason,
            recommendation: amendment.recommendation,
            summary: amendment.summary,
            ratings: amendment.ratings,
            createdAt: amendment.created_at,
          })),
      })),
      decisions: decisions.map((row) => ({
        loopId: row.loop_id,
        decision: row.decision,
        note: row.note,
        forced: row.forced,
        decidedById: row.decided_by_id,
        decidedAt: row.decided_at,
      })),
    };
  }
}
