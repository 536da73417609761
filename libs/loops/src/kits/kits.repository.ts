import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PillarsService, type CatalogPillar } from '@loopwright/question-bank';
import type { DataSource, EntityManager } from 'typeorm';
import type { RoleFamily } from '../positions/position.entity.js';
import type { LoopStatus } from '../loops/loop.entity.js';
import { poolQuery, SqlParams } from '@loopwright/database';
import { effectiveStatusSql } from '../loops/loop-status.js';

/** A round with its loop, candidate, position and planned question references: one statement. */
export interface RoundContextRow {
  id: string;
  loop_id: string;
  title: string;
  pillar_ids: string[];
  starts_at: Date | null;
  ends_at: Date | null;
  /** When the round got its current times. */
  scheduled_at: Date | null;
  interviewer_id: string | null;
  scorecard_status: string;
  /** When the interviewer said they did not attend; null when they did not say so. */
  interviewer_not_attended_at: Date | null;
  /** `notAttendedAt` an ISO string (JSON) or null. */
  shadows: { userId: string; scorecardStatus: string; notAttendedAt: string | null }[];
  loop_status: LoopStatus;
  /** Who started the loop (a recruiter, usually); null once that user is gone. */
  loop_created_by_id: string | null;
  candidate_id: string;
  candidate_name: string;
  position_id: string;
  position_title: string;
  role_family: RoleFamily;
  position_level: string;
  hiring_manager_id: string;
  questions: { questionId: string; version: number }[];
}

export interface AssignmentRow {
  id: string;
  loop_id: string;
  title: string;
  starts_at: Date | null;
  ends_at: Date | null;
  scheduled_at: Date | null;
  scorecard_status: string;
  shadow: boolean;
  bucket: number;
  sort_key: number;
  loop_status: LoopStatus;
  candidate_id: string;
  candidate_name: string;
  position_id: string;
  position_title: string;
  /** The round's pillars in the organization's order (the question bank's `pillarsSql`). */
  pillars: CatalogPillar[];
}

/** A timed round a user interviews or shadows, for their calendar feed. */
export interface CalendarRoundRow {
  id: string;
  title: string;
  starts_at: Date;
  ends_at: Date;
  shadow: boolean;
  candidate_name: string;
}

/** Reads for interview kits and "my assignments", scoped by organization; each method is one statement. */
@Injectable()
export class KitsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pillars: PillarsService,
  ) {}

  async roundContext(
    organizationId: string,
    roundId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<RoundContextRow | null> {
    const rows = await poolQuery<RoundContextRow[]>(
      manager,
      `SELECT r.id, r.loop_id, r.title, r.pillar_ids, r.starts_at, r.ends_at, r.scheduled_at, r.interviewer_id, r.scorecard_status,
              r.interviewer_not_attended_at,
              coalesce((SELECT json_agg(json_build_object('userId', s.user_id, 'scorecardStatus', s.scorecard_status, 'notAttendedAt', s.not_attended_at)
                                        ORDER BY s.user_id)
                          FROM round_shadows s WHERE s.round_id = r.id), '[]'::json) AS shadows,
              l.status AS loop_status, l.created_by_id AS loop_created_by_id, c.id AS candidate_id, c.name AS candidate_name,
              p.id AS position_id, p.title AS position_title, p.role_family, p.level AS position_level, p.hiring_manager_id,
              coalesce((SELECT json_agg(json_build_object('questionId', q.question_id, 'version', q.version) ORDER BY q.position)
                          FROM round_questions q WHERE q.round_id = r.id), '[]'::json) AS questions
         FROM loop_rounds r
         JOIN loops l ON l.id = r.loop_id
         JOIN candidates c ON c.id = l.candidate_id
         JOIN positions p ON p.id = l.position_id
        WHERE r.organization_id = $1 AND r.id = $2`,
      [organizationId, roundId],
    );
    return rows[0] ?? null;
  }

  /**
   * The rounds a user interviews or shadows (cancelled loops left out), one page (`limit + 1` rows): the ones not
   * yet ended first, soonest first (untimed ones last), then the past ones, latest first. Upcoming and past rounds,
   * as interviewer and as shadow, are four branches each limited before the joins and the loop's effective status, so
   * a long history costs an index range, not a sort of all of it. Each row's pillars come from the question bank's
   * `pillarsSql`, applied to the page after its LIMIT: one statement naming no foreign table.
   */
  assignments(
    organizationId: string,
    userId: string,
    now: Date,
    limit: number,
    after: { bucket: number; sortKey: number; id: string } | null,
  ): Promise<AssignmentRow[]> {
    const params = new SqlParams();
    const org = params.add(organizationId);
    const user = params.add(userId);
    const at = `${params.add(now)}::timestamptz`;
    const pageSize = params.add(limit + 1);
    const upcomingKey = `(CASE WHEN r.ends_at IS NULL THEN 1e15 ELSE extract(epoch FROM r.starts_at) END)::float8`;
    const pastKey = `(-extract(epoch FROM r.starts_at))::float8`;
    const keysetOf = (sortKey: string, bucket: number): string => {
      if (!after || after.bucket !== bucket) return '';
      const key = `${params.add(after.sortKey)}::float8`;
      // The past key is -epoch(starts_at): the bound on starts_at itself lets the index range start at the cursor.
      const range = bucket === 1 ? ` AND r.starts_at <= to_timestamp(-${key}) + interval '1 millisecond'` : '';
      return ` AND (${sortKey}, r.id) > (${key}, ${params.add(after.id)}::uuid)${range}`;
    };
    const buckets = [
      {
        bucket: 0,
        included: !after || after.bucket <= 0,
        sortKey: upcomingKey,
        // Not ended yet. No round lasts over 8 hours (loop_rounds_at_most_8_hours), so such a round starts after
        // now - 8 hours: the bound on starts_at keeps the index range off the history.
        where: `(r.ends_at IS NULL OR r.ends_at > ${at}) AND (r.starts_at IS NULL OR r.starts_at > ${at} - interval '8 hours')`,
        orderBy: `${upcomingKey}, r.id`,
      },
      {
        bucket: 1,
        included: !after || after.bucket <= 1,
        sortKey: pastKey,
        where: `r.ends_at <= ${at} AND r.starts_at < ${at}`,
        orderBy: `r.starts_at DESC, r.id`,
      },
    ].filter((each) => each.included);
    const seats = [
      { shadow: false, from: 'loop_rounds r', scorecardStatus: 'r.scorecard_status', who: `r.organization_id = ${org} AND r.interviewer_id = ${user}` },
      {
        shadow: true,
        from: 'round_shadows s JOIN loop_rounds r ON r.id = s.round_id',
        scorecardStatus: 's.scorecard_status',
        who: `s.organization_id = ${org} AND s.user_id = ${user}`,
      },
    ];
    const branches = buckets.flatMap(({ bucket, sortKey, where, orderBy }) => {
      const keyset = keysetOf(sortKey, bucket);
      return seats.map(
        (seat) => `(SELECT r.id, r.loop_id, r.title, r.pillar_ids, r.starts_at, r.ends_at, r.scheduled_at, ${seat.scorecardStatus} AS scorecard_status,
                           ${seat.shadow} AS shadow, ${bucket} AS bucket, ${sortKey} AS sort_key
                      FROM ${seat.from}
                      JOIN loops l ON l.id = r.loop_id AND l.status <> 'cancelled'
                     WHERE ${seat.who} AND ${where}${keyset}
                     ORDER BY ${orderBy}
                     LIMIT ${pageSize})`,
      );
    });
    if (branches.length === 0) return Promise.resolve([]);
    return poolQuery<AssignmentRow[]>(
      this.dataSource.manager,
      `SELECT page.id, page.loop_id, page.title, page.starts_at, page.ends_at, page.scheduled_at, page.scorecard_status, page.shadow, page.bucket, page.sort_key,
              ${effectiveStatusSql('l', at)} AS loop_status, c.id AS candidate_id, c.name AS candidate_name, p.id AS position_id,
              p.title AS position_title, ${this.pillars.pillarsSql(params, organizationId, 'page.pillar_ids')} AS pillars
         FROM (SELECT * FROM (${branches.join('\n UNION ALL ')}) mine ORDER BY mine.bucket, mine.sort_key, mine.id LIMIT ${pageSize}) page
         JOIN loops l ON l.id = page.loop_id
         JOIN candidates c ON c.id = l.candidate_id
         JOIN positions p ON p.id = l.position_id
        ORDER BY page.bucket, page.sort_key, page.id`,
      params.values,
    );
  }

  /**
   * The timed rounds a user interviews or shadows that overlap `[from, to)`, cancelled loops left out, soonest first:
   * one statement, whatever the number of rounds.
   */
  calendarRounds(organizationId: string, userId: string, from: Date, to: Date, manager: EntityManager = this.dataSource.manager): Promise<CalendarRoundRow[]> {
    return manager.query<CalendarRoundRow[]>(
      `WITH mine AS (
         SELECT r.id, false AS shadow FROM loop_rounds r WHERE r.organization_id = $1 AND r.interviewer_id = $2
         UNION ALL
         SELECT s.round_id, true FROM round_shadows s WHERE s.organization_id = $1 AND s.user_id = $2
       )
       SELECT r.id, r.title, r.starts_at, r.ends_at, m.shadow, c.name AS candidate_name
         FROM mine m
         JOIN loop_rounds r ON r.id = m.id
         JOIN loops l ON l.id = r.loop_id AND l.status <> 'cancelled'
         JOIN candidates c ON c.id = l.candidate_id
        WHERE r.starts_at IS NOT NULL AND r.starts_at < $4 AND r.ends_at > $3
        ORDER BY r.starts_at, r.id`,
      [organizationId, userId, from, to],
    );
  }
}
