import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { poolQuery, SqlParams, withRowsVersionSql } from '@loopwright/database';
import type { PositionStatus, RoleFamily } from '../positions/position.entity.js';
import type { LoopStatus } from './loop.entity.js';
import type { AssignmentFacts } from './assignment-rules.js';
import { effectiveStatusSql } from './loop-status.js';

/** A loop with its candidate, position and its template's pillars. */
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
  /** The pillars the template's rounds assess (deleted pillars included); null without a template (or when it was deleted). */
  template_pillar_ids: string[] | null;
}

/** A round with its shadows and planned question versions. */
export interface RoundRow {
  id: string;
  loop_id: string;
  position: number;
  title: string;
  pillar_ids: string[];
  duration_minutes: number;
  starts_at: Date | null;
  ends_at: Date | null;
  /** When the round got its current times (feedback is due counted from the later of this and its end). */
  scheduled_at: Date | null;
  interviewer_id: string | null;
  scorecard_status: string;
  shadow_ids: string[];
  questions: { questionId: string; version: number }[];
  /** The seats whose person said they did not attend (interviewer first). */
  not_attended: NotAttendedRow[];
}

/** A seat whose person said they did not attend (as JSON: `at` an ISO string). */
export interface NotAttendedRow {
  userId: string;
  shadow: boolean;
  at: string;
}

/** The loops side of the assignment facts of one user (`seatFacts`). */
export interface SeatFactsRow {
  user_id: string;
  conflict: boolean;
  in_loop_round: AssignmentFacts['inLoopRound'];
  interviews_in_loop: boolean;
  overlapping_round: { loopId: string; roundId: string; title: string; startsAt: string; endsAt: string } | null;
  week_load: number;
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

const HEADER_COLUMNS = `l.id, l.organization_id, l.status, l.candidate_id, l.position_id, l.template_id, l.created_at, l.updated_at,
  c.name AS candidate_name, c.email AS candidate_email, c.phone AS candidate_phone, c.source AS candidate_source, c.notes AS candidate_notes,
  p.title AS position_title, p.role_family, p.level AS position_level, p.hiring_manager_id, p.status AS position_status,
  (SELECT array_agg(DISTINCT tp.pillar_id)
     FROM loop_template_rounds tr CROSS JOIN LATERAL unnest(tr.pillar_ids) AS tp(pillar_id)
    WHERE tr.template_id = l.template_id AND tr.organization_id = l.organization_id) AS template_pillar_ids`;

/** The seats of round `r` whose person said they did not attend, as JSON (`NotAttendedRow`), interviewer first. */
export const NOT_ATTENDED_SQL = `coalesce((SELECT json_agg(json_build_object('userId', x.user_id, 'shadow', x.shadow, 'at', x.at) ORDER BY x.shadow, x.user_id)
    FROM (SELECT r.interviewer_id AS user_id, false AS shadow, r.interviewer_not_attended_at AS at
           WHERE r.interviewer_id IS NOT NULL AND r.interviewer_not_attended_at IS NOT NULL
          UNION ALL
          SELECT s.user_id, true, s.not_attended_at FROM round_shadows s WHERE s.round_id = r.id AND s.not_attended_at IS NOT NULL) x), '[]'::json)`;

const ROUND_COLUMNS = `r.id AS round_id, r.position AS round_position, r.title AS round_title, r.pillar_ids AS round_pillar_ids,
  r.duration_minutes AS round_duration_minutes, r.starts_at AS round_starts_at, r.ends_at AS round_ends_at, r.scheduled_at AS round_scheduled_at,
  r.interviewer_id AS round_interviewer_id, r.scorecard_status AS round_scorecard_status,
  coalesce((SELECT array_agg(s.user_id ORDER BY s.user_id) FROM round_shadows s WHERE s.round_id = r.id), '{}'::uuid[]) AS round_shadow_ids,
  coalesce((SELECT json_agg(json_build_object('questionId', q.question_id, 'version', q.version) ORDER BY q.position)
              FROM round_questions q WHERE q.round_id = r.id), '[]'::json) AS round_questions,
  ${NOT_ATTENDED_SQL} AS round_not_attended`;

type DetailRow = LoopHeaderRow & {
  round_id: string | null;
  round_position: number;
  round_title: string;
  round_pillar_ids: string[];
  round_duration_minutes: number;
  round_starts_at: Date | null;
  round_ends_at: Date | null;
  round_scheduled_at: Date | null;
  round_interviewer_id: string | null;
  round_scorecard_status: string;
  round_shadow_ids: string[];
  round_questions: { questionId: string; version: number }[];
  round_not_attended: NotAttendedRow[];
};

/** Loops and their rounds, always within one organization; every read is one statement. */
@Injectable()
export class LoopsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The statement of `detail`, its values bound through `params`: one row per round (one for a loop without rounds),
   * none outside the organization. Also what the loop's version is made of (`LoopsService.loopForReportVersionSql`).
   */
  detailSql(params: SqlParams, organizationId: string, loopId: string): string {
    return `SELECT ${HEADER_COLUMNS}, ${ROUND_COLUMNS}
         FROM loops l
         JOIN candidates c ON c.id = l.candidate_id
         JOIN positions p ON p.id = l.position_id
         LEFT JOIN loop_rounds r ON r.loop_id = l.id AND r.organization_id = l.organization_id
        WHERE l.organization_id = ${params.add(organizationId)} AND l.id = ${params.add(loopId)}
        ORDER BY r.position, r.id`;
  }

  /**
   * The loop with its candidate, position and rounds (shadows, planned question versions), in ONE statement; null
   * outside the organization. `withVersion`: with the version of the rows read (`withRowsVersionSql`), same statement.
   */
  async detail(
    organizationId: string,
    loopId: string,
    manager: EntityManager = this.dataSource.manager,
    options: { withVersion?: boolean } = {},
  ): Promise<{ header: LoopHeaderRow; rounds: RoundRow[]; version: string | null } | null> {
    const params = new SqlParams();
    const select = this.detailSql(params, organizationId, loopId);
    const rows = await poolQuery<(DetailRow & { rows_version?: string })[]>(
      manager,
      options.withVersion ? withRowsVersionSql(select, 'round_position, round_id') : select,
      params.values,
    );
    const first = rows[0];
    if (!first) return null;
    const header: LoopHeaderRow = {
      id: first.id,
      organization_id: first.organization_id,
      status: first.status,
      candidate_id: first.candidate_id,
      position_id: first.position_id,
      template_id: first.template_id,
      created_at: first.created_at,
      updated_at: first.updated_at,
      candidate_name: first.candidate_name,
      candidate_email: first.candidate_email,
      candidate_phone: first.candidate_phone,
      candidate_source: first.candidate_source,
      candidate_notes: first.candidate_notes,
      position_title: first.position_title,
      role_family: first.role_family,
      position_level: first.position_level,
      hiring_manager_id: first.hiring_manager_id,
      position_status: first.position_status,
      template_pillar_ids: first.template_pillar_ids,
    };
    const rounds = rows.flatMap((row): RoundRow[] =>
      row.round_id === null
        ? []
        : [
            {
              id: row.round_id,
              loop_id: row.id,
              position: row.round_position,
              title: row.round_title,
              pillar_ids: row.round_pillar_ids,
              duration_minutes: row.round_duration_minutes,
              starts_at: row.round_starts_at,
              ends_at: row.round_ends_at,
              scheduled_at: row.round_scheduled_at,
              interviewer_id: row.round_interviewer_id,
              scorecard_status: row.round_scorecard_status,
              shadow_ids: row.round_shadow_ids,
              questions: row.round_questions,
              not_attended: row.round_not_attended,
            },
          ],
    );
    return { header, rounds, version: first.rows_version ?? null };
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
   * What the assignment rules need to know of the loops side, for the given users (with their time zones), rounds of
   * one loop each with an optional time slot: conflicts with the candidate, other seats in the loop, the first
   * overlapping round and the load of the slot's ISO week (in the user's time zone). ONE statement for any number of
   * users and slots; each row names its slot by `slot` (the index in `slots`).
   */
  async seatFacts(
    manager: EntityManager,
    organizationId: string,
    context: {
      users: { id: string; timezone: string }[];
      candidateId: string;
      loopId: string;
      slots: { roundId: string | null; startsAt: Date | null; endsAt: Date | null }[];
    },
  ): Promise<(SeatFactsRow & { slot: number })[]> {
    if (context.users.length === 0 || context.slots.length === 0) return [];
    return manager.query<(SeatFactsRow & { slot: number })[]>(
      `SELECT u.id AS user_id, (sl.n - 1)::int AS slot,
              EXISTS (SELECT 1 FROM candidate_conflicts cc WHERE cc.organization_id = $1 AND cc.candidate_id = $4 AND cc.user_id = u.id) AS conflict,
              (SELECT json_build_object('roundId', r.id, 'title', r.title, 'as', CASE WHEN r.interviewer_id = u.id THEN 'interviewer' ELSE 'shadow' END)
                 FROM loop_rounds r
                WHERE r.organization_id = $1 AND r.loop_id = $5 AND r.id IS DISTINCT FROM sl.round_id
                  AND (r.interviewer_id = u.id OR EXISTS (SELECT 1 FROM round_shadows s WHERE s.round_id = r.id AND s.user_id = u.id))
                ORDER BY (r.interviewer_id = u.id) DESC, r.position LIMIT 1) AS in_loop_round,
              EXISTS (SELECT 1 FROM loop_rounds r
                       WHERE r.organization_id = $1 AND r.loop_id = $5 AND r.id IS DISTINCT FROM sl.round_id AND r.interviewer_id = u.id) AS interviews_in_loop,
              (SELECT json_build_object('loopId', r.loop_id, 'roundId', r.id, 'title', r.title, 'startsAt', r.starts_at, 'endsAt', r.ends_at)
                 FROM loop_rounds r
                WHERE sl.starts_at IS NOT NULL AND r.organization_id = $1 AND r.interviewer_id = u.id AND r.id IS DISTINCT FROM sl.round_id
                  AND r.starts_at IS NOT NULL AND tstzrange(r.starts_at, r.ends_at) && tstzrange(sl.starts_at, sl.ends_at)
                ORDER BY r.starts_at, r.id LIMIT 1) AS overlapping_round,
              (CASE WHEN sl.starts_at IS NULL THEN 0 ELSE (
                 SELECT count(*) FROM loop_rounds r
                  WHERE r.organization_id = $1 AND r.interviewer_id = u.id AND r.id IS DISTINCT FROM sl.round_id AND r.starts_at IS NOT NULL
                    AND date_trunc('week', r.starts_at AT TIME ZONE u.timezone) = date_trunc('week', sl.starts_at AT TIME ZONE u.timezone)) END)::int AS week_load
         FROM unnest($2::uuid[], $3::text[]) AS u(id, timezone)
        CROSS JOIN unnest($6::uuid[], $7::timestamptz[], $8::timestamptz[]) WITH ORDINALITY AS sl(round_id, starts_at, ends_at, n)`,
      [
        organizationId,
        context.users.map((user) => user.id),
        context.users.map((user) => user.timezone),
        context.candidateId,
        context.loopId,
        context.slots.map((slot) => slot.roundId),
        context.slots.map((slot) => slot.startsAt),
        context.slots.map((slot) => slot.endsAt),
      ],
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
