import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ratingValue, ratingValueSql, type PillarRating } from '../scales.js';
import { effectiveRatingsSql } from '../scorecard-math.js';
import { computeCalibration, type CalibrationInput, type CalibrationRound } from './calibration-model.js';
import { CalibrationSnapshot } from './calibration-snapshot.entity.js';

/** The scorecards the model reads: submitted, non-shadow, of one organization (`$1`). */
const COUNTED = `s.organization_id = $1 AND s.status = 'submitted' AND NOT s.shadow`;

interface CardRow {
  id: string;
  loop_id: string;
  author_id: string;
  at: number;
  questions_asked: { questionId: string; pillarId: string; rating?: unknown }[];
}

/** A question's own rating where the scorecard has one: the pillar scale's key ('yes') or its value (3). */
function questionValue(rating: unknown): number | null {
  if (typeof rating === 'number') return Number.isInteger(rating) && rating >= 1 && rating <= 4 ? rating : null;
  return typeof rating === 'string' ? ratingValue(rating as PillarRating) : null;
}

/**
 * The organization's calibration snapshot: read by the analytics routes, refreshed by the worker's subscriber.
 * `fingerprint` says which scorecards a snapshot was computed from, so a refresh whose data has not changed since
 * (the later events of a burst the first refresh already covered) does nothing.
 */
@Injectable()
export class CalibrationSnapshots {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The snapshot, computed now when the organization has none yet. */
  async current(organizationId: string, manager: EntityManager = this.dataSource.manager): Promise<CalibrationSnapshot> {
    const stored = await manager.findOne(CalibrationSnapshot, { where: { organizationId } });
    return stored ?? this.refresh(organizationId, manager);
  }

  /** Refits unless the snapshot was computed from exactly the scorecards and amendments there are now. */
  async refreshIfChanged(organizationId: string, manager: EntityManager): Promise<void> {
    const stored = await manager.findOne(CalibrationSnapshot, { where: { organizationId } });
    if (stored && stored.fingerprint === (await this.fingerprint(organizationId, manager))) return;
    await this.refresh(organizationId, manager);
  }

  async refresh(organizationId: string, manager: EntityManager = this.dataSource.manager): Promise<CalibrationSnapshot> {
    const fingerprint = await this.fingerprint(organizationId, manager);
    const snapshot = manager.create(CalibrationSnapshot, {
      organizationId,
      computedAt: new Date(),
      fingerprint,
      result: computeCalibration(await this.input(organizationId, manager)),
    });
    await manager.upsert(CalibrationSnapshot, snapshot, ['organizationId']);
    return snapshot;
  }

  /** How many counted scorecards, amendments and decisions there are and the latest of each: what a refit would read. */
  private async fingerprint(organizationId: string, manager: EntityManager): Promise<string> {
    const [row] = await manager.query<{ fingerprint: string }[]>(
      `SELECT (SELECT count(*) || '/' || coalesce(max(s.submitted_at)::text, '') FROM scorecards s WHERE ${COUNTED}) || ' ' ||
              (SELECT count(*) || '/' || coalesce(max(a.created_at)::text, '') FROM scorecard_amendments a WHERE a.organization_id = $1) || ' ' ||
              (SELECT count(*) || '/' || coalesce(max(d.decided_at)::text, '') FROM loop_decisions d WHERE d.organization_id = $1) AS fingerprint`,
      [organizationId],
    );
    return row!.fingerprint;
  }

  /** The model's input: each counted scorecard's pillar values with amendments applied (`effectiveRatingsSql`). */
  private async input(organizationId: string, manager: EntityManager): Promise<CalibrationInput> {
    const cards = await manager.query<CardRow[]>(
      `SELECT s.id, s.loop_id, s.author_id, s.questions_asked,
              (extract(epoch FROM coalesce(s.round_ends_at, s.submitted_at)) * 1000)::float8 AS at
         FROM scorecards s WHERE ${COUNTED}`,
      [organizationId],
    );
    const values = await manager.query<{ scorecard_id: string; pillar_id: string; v: number | null }[]>(
      `WITH sc AS (SELECT s.id, s.ratings FROM scorecards s WHERE ${COUNTED}),
            am AS (SELECT a.scorecard_id, a.sequence, a.ratings FROM scorecard_amendments a WHERE a.organization_id = $1)
       SELECT e.scorecard_id, e.pillar_id, ${ratingValueSql('e.rating')} AS v FROM (${effectiveRatingsSql('sc', 'am')}) e`,
      [organizationId],
    );
    const decisions = await manager.query<{ loop_id: string; decision: string }[]>(
      `SELECT d.loop_id, d.decision FROM loop_decisions d WHERE d.organization_id = $1`,
      [organizationId],
    );
    const pillarsOf = new Map<string, { pillar: string; value: number }[]>();
    for (const row of values) {
      if (row.v === null) continue;
      pillarsOf.set(row.scorecard_id, [...(pillarsOf.get(row.scorecard_id) ?? []), { pillar: row.pillar_id, value: Number(row.v) }]);
    }
    const rounds: CalibrationRound[] = cards.map((card) => ({
      candidate: card.loop_id,
      interviewer: card.author_id,
      at: Number(card.at),
      pillars: pillarsOf.get(card.id) ?? [],
      questions: (card.questions_asked ?? []).map((asked) => ({
        question: asked.questionId,
        pillar: asked.pillarId,
        value: questionValue(asked.rating),
      })),
    }));
    return { rounds, decisions: new Map(decisions.map((row) => [row.loop_id, row.decision === 'hire' ? 1 : 0])) };
  }
}
