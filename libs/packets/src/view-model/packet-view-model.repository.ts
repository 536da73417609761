import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { effectiveStatusSql } from '@loopwright/loops';
import type { DataSource } from 'typeorm';

export interface PacketLoopRow {
  status: string;
  candidate_name: string;
  candidate_email: string;
  position_title: string;
  position_level: string;
  role_family: string;
  hiring_manager_id: string;
  hiring_manager_name: string | null;
  organization_name: string;
  decision: 'hire' | 'no_hire' | null;
  decision_note: string | null;
  decided_at: Date | null;
  pillars: { id: string; key: string; name: string }[];
}

export interface StoredRatingRow {
  pillarId: string;
  rating: string | null;
  notes: string | null;
}

export interface PacketRoundRow {
  id: string;
  title: string;
  pillar_ids: string[];
  starts_at: Date | null;
  ends_at: Date | null;
  interviewer_id: string | null;
  interviewer_name: string | null;
  author_id: string | null;
  author_name: string | null;
  shadow: boolean | null;
  ratings: StoredRatingRow[] | null;
  questions_asked: { questionId: string; version: number; notes: string | null }[] | null;
  recommendation: string | null;
  summary: string | null;
  submitted_at: Date | null;
  amendments: { reason: string; at: string; ratings: StoredRatingRow[] | null; recommendation: string | null; summary: string | null }[];
}

export interface PacketQuestionVersionRow {
  question_id: string;
  number: number;
  title: string;
  prompt: string;
}

/**
 * The packet's read model: a loop as a report needs it, in three statements whatever the number of rounds.
 * It reads the tables of the features below (loops, scorecards, question bank) without changing them.
 */
@Injectable()
export class PacketViewModelRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The loop's header; its status is the effective one at `now` (the injected clock's time, never SQL `now()`). */
  async loop(organizationId: string, loopId: string, now: Date): Promise<PacketLoopRow | null> {
    const rows: PacketLoopRow[] = await this.dataSource.query(
      `SELECT ${effectiveStatusSql('l', '$3::timestamptz')} AS status,
              c.name AS candidate_name, c.email AS candidate_email,
              p.title AS position_title, p.level AS position_level, p.role_family, p.hiring_manager_id, hm.name AS hiring_manager_name,
              o.name AS organization_name, d.decision, d.note AS decision_note, d.decided_at,
              coalesce((SELECT json_agg(json_build_object('id', pl.id, 'key', pl.key, 'name', pl.name) ORDER BY pl.position, pl.id)
                          FROM pillars pl WHERE pl.organization_id = l.organization_id), '[]'::json) AS pillars
         FROM loops l
         JOIN candidates c ON c.id = l.candidate_id
         JOIN positions p ON p.id = l.position_id
         JOIN organizations o ON o.id = l.organization_id
         LEFT JOIN users hm ON hm.id = p.hiring_manager_id
         LEFT JOIN loop_decisions d ON d.loop_id = l.id
        WHERE l.organization_id = $1 AND l.id = $2`,
      [organizationId, loopId, now],
    );
    return rows[0] ?? null;
  }

  /** Each round with its submitted scorecards (the interviewer's, and shadows' when asked for) and their amendments. */
  rounds(organizationId: string, loopId: string, includeShadows: boolean): Promise<PacketRoundRow[]> {
    return this.dataSource.query(
      `SELECT r.id, r.title, r.pillar_ids, r.starts_at, r.ends_at, r.interviewer_id, u.name AS interviewer_name,
              s.author_id, au.name AS author_name, s.shadow, s.ratings, s.questions_asked, s.recommendation, s.summary, s.submitted_at,
              coalesce((SELECT json_agg(json_build_object('reason', a.reason, 'at', a.created_at, 'ratings', a.ratings,
                                                          'recommendation', a.recommendation, 'summary', a.summary) ORDER BY a.sequence)
                          FROM scorecard_amendments a WHERE a.scorecard_id = s.id), '[]'::json) AS amendments
         FROM loop_rounds r
         LEFT JOIN users u ON u.id = r.interviewer_id
         LEFT JOIN scorecards s ON s.round_id = r.id AND s.organization_id = r.organization_id AND s.status = 'submitted' AND ($3 OR NOT s.shadow)
         LEFT JOIN users au ON au.id = s.author_id
        WHERE r.organization_id = $1 AND r.loop_id = $2
        ORDER BY r.position, r.id, s.shadow NULLS FIRST, au.name`,
      [organizationId, loopId, includeShadows],
    );
  }

  questionVersions(organizationId: string, refs: { questionId: string; version: number }[]): Promise<PacketQuestionVersionRow[]> {
    if (refs.length === 0) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT v.question_id, v.number, q.title, v.prompt
         FROM question_versions v JOIN questions q ON q.id = v.question_id
        WHERE v.organization_id = $1
          AND (v.question_id, v.number) IN (SELECT * FROM unnest($2::uuid[], $3::int[]))`,
      [organizationId, refs.map((ref) => ref.questionId), refs.map((ref) => ref.version)],
    );
  }
}
