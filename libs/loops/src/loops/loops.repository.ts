import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { SqlParams } from '@loopwright/database';
import type { PositionStatus, RoleFamily } from '../positions/position.entity.js';
import type { LoopStatus } from './loop.entity.js';
import type { AssignmentFacts } from './assignment-rules.js';
import { effectiveStatusSql, type PillarRef } from './loop-status.js';

/** A loop with its candidate, position, the organization's pillars and its template's pillars: one statement. */
export interface LoopHeaderRow {
  id: string;
  organization_id: string;
  status: LoopStatus;
  candidate_id: string;
  position_id: string;
  template_id: string | null;
  created_at: Date;
  updated_at: Date;
  candidate_name: string;
  candidate_email: string;
  candidate_phone: string | null;
  candidate_source: string | null;
  candidate_notes: string | null;
  position_title: string;
  role_family: RoleFamily;
  position_level: string;
  hiring_manager_id: string;
  position_status: PositionStatus;
  pillars: PillarRef[];
  /** null without a template (or when it was deleted). */
  template_pillar_ids: string[] | null;
}

/** A round with its interviewer's name, shadows and planned questions: one statement for any number of rounds. */
export interface RoundRow {
  id: string;
  loop_id: string;
  position: number;
  title: string;
  pillar_ids: string[];
  duration_minutes: number;
  starts_at: Date | null;
  ends_at: Date | null;
  interviewer_id: string | null;
  interviewer_name: string | null;
  scorecard_status: string;
  shadow_ids: string[];
  shadows: { id: string; name: string }[];
  questions: { questionId: string; version: number; title: string; pillarId: string }[];
}

export interface LoopListRow {
  id: string;
  /** The effective status (`effectiveStatusSql`). */
  status: LoopStatus;
  candidate_id: string;
  candidate_name: string;
  position_id: string;
  position_title: string;
  template_id: string | null;
  round_count: number;
  created_at: Date;
  updated_at: Date;
}

export interface LoopFilters {
  positionId?: string;
  candidateId?: string;
  status?: LoopStatus;
  after?: { createdAt: string; id: string } | null;
  limit: number;
  now: Date;
}

const ROUND_COLUMNS = `r.id, r.loop_id, r.position, r.title, r.pillar_ids, r.duration_minutes, r.starts_at, r.ends_at, r.interviewer_id,
  u.name AS interviewer_name, r.scorecard_status,
  coalesce((SELECT array_agg(s.user_id ORDER BY s.user_id) FROM round_shadows s WHERE s.round_id = r.id), '{}'::uuid[]) AS shadow_ids,
  coalesce((SELECT json_agg(json_build_object('id', s.user_id, 'name', su.name) ORDER BY s.user_id)
              FROM round_shadows s JOIN users su ON su.id = s.user_id WHERE s.round_id = r.id), '[]'::json) AS shadows,
  coalesce((SELECT json_agg(json_build_object('questionId', q.question_id, 'version', q.version, 'title', qq.title, 'pillarId', qq.pillar_id) ORDER BY q.position)
              FROM round_questions q JOIN questions qq ON qq.id = q.question_id WHERE q.round_id = r.id), '[]'::json) AS questions`;


/** Loops and their rounds, always within one organization; every read is one statement. */
@Injectable()
export class LoopsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async header(organizationId: string, loopId: string, manager: EntityManager = this.dataSource.manager): Promise<LoopHeaderRow | null> {
    const rows = await manager.query<LoopHeaderRow[]>(
      `SELECT l.id, l.organization_id, l.status, l.candidate_id, l.position_id, l.template_id, l.created_at, l.updated_at,
              c.name AS candidate_name, c.email AS candidate_email, c.phone AS candidate_phone, c.source AS candidate_source, c.notes AS candidate_notes,
              p.title AS position_title, p.role_family, p.level AS position_level, p.hiring_manager_id, p.status AS position_status,
              (SELECT coalesce(json_agg(json_build_object('id', pl.id, 'key', pl.key) ORDER BY pl.position, pl.id), '[]'::json)
                 FROM pillars pl WHERE pl.organization_id = l.organization_id) AS pillars,
              (SELECT array_agg(DISTINCT tp.pillar_id)
                 FROM loop_template_rounds tr CROSS JOIN LATERAL unnest(tr.pillar_ids) AS tp(pillar_id)
                 JOIN pillars tpl ON tpl.id = tp.pillar_id
                WHERE tr.template_id = l.template_id AND tr.organization_id = l.organization_id) AS template_pillar_ids
         FROM loops l
         JOIN candidates c ON c.id = l.candidate_id
         JOIN positions p ON p.id = l.position_id
        WHERE l.organization_id = $1 AND l.id = $2`,
      [organizationId, loopId],
    );
    return rows[0] ?? null;
  }

  rounds(organizationId: string, loopIds: string[], manager: EntityManager = this.dataSource.manager): Promise<RoundRow[]> {
    if (loopIds.length === 0) return Promise.resolve([]);
    return manager.query<RoundRow[]>(
      `SELECT ${ROUND_COLUMNS}
         FROM loop_rounds r LEFT JOIN users u ON u.id = r.interviewer_id
        WHERE r.organization_id = $1 AND r.loop_id = ANY($2::uuid[])
        ORDER BY r.loop_id, r.position, r.id`,
      [organizationId, loopIds],
    );
  }

  /** One page of loops (`limit + 1` rows), newest first, in one statement. */
  list(organizationId: string, filters: LoopFilters): Promise<LoopListRow[]> {
    const params = new SqlParams();
    const now = `${params.add(filters.now)}::timestamptz`;
    const where = [`l.organization_id = ${params.add(organizationId)}`];
    if (filters.positionId) where.push(`l.position_id = ${params.add(filters.positionId)}`);
    if (filters.candidateId) where.push(`l.candidate_id = ${params.add(filters.candidateId)}`);
    if (filters.status) where.push(`${effectiveStatusSql('l', now)} = ${params.add(filters.status)}`);
    if (filters.after)
      where.push(`(l.created_at, l.id) < (${params.add(filters.after.createdAt)}::timestamptz, ${params.add(filters.after.id)}::uuid)`);
    return this.dataSource.query<LoopListRow[]>(
      `SELECT l.id, ${effectiveStatusSql('l', now)} AS status, l.candidate_id, c.name AS candidate_name, l.position_id,
              p.title AS position_title, l.template_id, l.created_at, l.updated_at,
              (SELECT count(*) FROM loop_rounds r WHERE r.loop_id = l.id)::int AS round_count
         FROM loops l
         JOIN candidates c ON c.id = l.candidate_id
         JOIN positions p ON p.id = l.position_id
        WHERE ${where.join(' AND ')}
        ORDER BY l.created_at DESC, l.id DESC
        LIMIT ${params.add(filters.limit + 1)}`,
      params.values,
    );
  }

  /** The loop with its position's hiring manager; locked for a change of its rounds when `lock`. */
  async loopForChange(
    manager: EntityManager,
    organizationId: string,
    loopId: string,
    lock: boolean,
  ): Promise<{ id: string; status: LoopStatus; candidate_id: string; hiring_manager_id: string; role_family: RoleFamily } | null> {
    const rows = await manager.query<
      { id: string; status: LoopStatus; candidate_id: string; hiring_manager_id: string; role_family: RoleFamily }[]
    >(
      `SELECT l.id, l.status, l.candidate_id, p.hiring_manager_id, p.role_family
         FROM loops l JOIN positions p ON p.id = l.position_id
        WHERE l.organization_id = $1 AND l.id = $2${lock ? ' FOR UPDATE OF l' : ''}`,
      [organizationId, loopId],
    );
    return rows[0] ?? null;
  }

  /**
   * The facts the assignment rules need, for the given users (or every active interviewer of the organization when
   * `userIds` is null), for one round of a loop and an optional time slot: ONE statement. The ISO week is the
   * user's, in their time zone.
   */
  async assignmentFacts(
    manager: EntityManager,
    organizationId: string,
    context: {
      userIds: string[] | null;
      candidateId: string;
      loopId: string;
      roundId: string | null;
      startsAt: Date | null;
      endsAt: Date | null;
    },
  ): Promise<AssignmentFacts[]> {
    const rows = await manager.query<
      {
        id: string;
        name: string;
        email: string;
        active: boolean;
        roles: string[];
        weekly_interview_limit: number | null;
        levels: Record<string, string>;
        conflict: boolean;
        in_loop_round: AssignmentFacts['inLoopRound'];
        interviews_in_loop: boolean;
        overlapping_round: AssignmentFacts['overlappingRound'];
        week_load: number;
      }[]
    >(
      `SELECT u.id, u.name, u.email, u.active, u.roles, u.weekly_interview_limit,
              coalesce((SELECT json_object_agg(q.pillar_id, q.level) FROM user_qualifications q
                         WHERE q.user_id = u.id AND q.organization_id = u.organization_id), '{}'::json) AS levels,
              EXISTS (SELECT 1 FROM candidate_conflicts cc WHERE cc.candidate_id = $3 AND cc.user_id = u.id) AS conflict,
              (SELECT json_build_object('roundId', r.id, 'title', r.title, 'as', CASE WHEN r.interviewer_id = u.id THEN 'interviewer' ELSE 'shadow' END)
                 FROM loop_rounds r
                WHERE r.loop_id = $4 AND r.id IS DISTINCT FROM $5::uuid
                  AND (r.interviewer_id = u.id OR EXISTS (SELECT 1 FROM round_shadows s WHERE s.round_id = r.id AND s.user_id = u.id))
                ORDER BY (r.interviewer_id = u.id) DESC, r.position LIMIT 1) AS in_loop_round,
              EXISTS (SELECT 1 FROM loop_rounds r
                       WHERE r.loop_id = $4 AND r.id IS DISTINCT FROM $5::uuid AND r.interviewer_id = u.id) AS interviews_in_loop,
              (SELECT json_build_object('loopId', r.loop_id, 'roundId', r.id, 'title', r.title, 'startsAt', r.starts_at, 'endsAt', r.ends_at)
                 FROM loop_rounds r
                WHERE $6::timestamptz IS NOT NULL AND r.interviewer_id = u.id AND r.id IS DISTINCT FROM $5::uuid AND r.starts_at IS NOT NULL
                  AND tstzrange(r.starts_at, r.ends_at) && tstzrange($6::timestamptz, $7::timestamptz)
                ORDER BY r.starts_at, r.id LIMIT 1) AS overlapping_round,
              (CASE WHEN $6::timestamptz IS NULL THEN 0 ELSE (
                 SELECT count(*) FROM loop_rounds r
                  WHERE r.interviewer_id = u.id AND r.id IS DISTINCT FROM $5::uuid AND r.starts_at IS NOT NULL
                    AND date_trunc('week', r.starts_at AT TIME ZONE u.timezone) = date_trunc('week', $6::timestamptz AT TIME ZONE u.timezone)) END)::int AS week_load
         FROM users u
        WHERE u.organization_id = $1
          AND (CASE WHEN $2::uuid[] IS NULL THEN u.active AND 'interviewer' = ANY(u.roles) ELSE u.id = ANY($2::uuid[]) END)
        ORDER BY u.name, u.id`,
      [organizationId, context.userIds, context.candidateId, context.loopId, context.roundId, context.startsAt, context.endsAt],
    );
    return rows.map((row) => ({
      userId: row.id,
      name: row.name,
      email: row.email,
      active: row.active,
      roles: row.roles,
      levels: row.levels,
      weeklyLimit: row.weekly_interview_limit,
      conflict: row.conflict,
      inLoop: row.in_loop_round !== null,
      inLoopRound: row.in_loop_round,
      interviewsInLoop: row.interviews_in_loop,
      overlapping: row.overlapping_round !== null,
      overlappingRound: row.overlapping_round && {
        ...row.overlapping_round,
        startsAt: new Date(row.overlapping_round.startsAt).toISOString(),
        endsAt: new Date(row.overlapping_round.endsAt).toISOString(),
      },
      weekLoad: row.week_load,
    }));
  }

  /** Questions of the organization among `ids`: pillar, status and current version (for a hand-made plan). */
  questionsById(
    manager: EntityManager,
    organizationId: string,
    ids: string[],
  ): Promise<{ id: string; pillar_id: string; status: string; current_version: number }[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.query(
      `SELECT id, pillar_id, status, current_version FROM questions WHERE organization_id = $1 AND id = ANY($2::uuid[])`,
      [organizationId, ids],
    );
  }

  /**
   * The loops (of `loopIds`, or of a position) where the user holds a seat: interviewer or shadow of a round. One
   * statement.
   */
  async loopsWithSeat(organizationId: string, userId: string, scope: { loopIds?: string[]; positionId?: string }, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows = await manager.query<{ loop_id: string }[]>(
      `SELECT DISTINCT r.loop_id
         FROM loop_rounds r JOIN loops l ON l.id = r.loop_id
        WHERE r.organization_id = $1
          AND (r.interviewer_id = $2 OR EXISTS (SELECT 1 FROM round_shadows s WHERE s.round_id = r.id AND s.user_id = $2))
          AND ($3::uuid[] IS NULL OR r.loop_id = ANY($3::uuid[])) AND ($4::uuid IS NULL OR l.position_id = $4)`,
      [organizationId, userId, scope.loopIds ?? null, scope.positionId ?? null],
    );
    return rows.map((row) => row.loop_id);
  }

  /** Serializes assignments of one interviewer until the transaction ends (the rules read, then write). */
  async lockInterviewer(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('loopwright:interviewer'), hashtext($1))`, [userId]);
  }
}
