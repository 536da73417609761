import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor } from '@loopwright/identity';
import type { DataSource } from 'typeorm';
import type { InterviewerAnalyticsDto, InterviewerStatsDto, QuestionAnalyticsDto } from './scorecard.dto.js';

export const DEFAULT_MIN_COUNT = 5;

/**
 * The effective pillar values (1..4, null for not_assessed) of the organization's submitted, non-shadow scorecards:
 * the submitted rating unless a later amendment changed it. `$1` is the organization.
 */
const EFFECTIVE_RATINGS = `
  sc AS (
    SELECT s.id, s.loop_id, s.author_id, s.ratings, s.questions_asked, s.submitted_at, s.round_ends_at, s.writeup_due_at
      FROM scorecards s WHERE s.organization_id = $1 AND s.status = 'submitted' AND NOT s.shadow
  ), base AS (
    SELECT sc.id AS scorecard_id, sc.author_id, x."pillarId" AS pillar_id, x.rating
      FROM sc CROSS JOIN LATERAL jsonb_to_recordset(sc.ratings) AS x("pillarId" uuid, rating text)
  ), amended AS (
    SELECT DISTINCT ON (a.scorecard_id, x."pillarId") a.scorecard_id, x."pillarId" AS pillar_id, x.rating
      FROM scorecard_amendments a CROSS JOIN LATERAL jsonb_to_recordset(a.ratings) AS x("pillarId" uuid, rating text)
     WHERE a.organization_id = $1 AND a.ratings IS NOT NULL
     ORDER BY a.scorecard_id, x."pillarId", a.sequence DESC
  ), eff AS (
    SELECT b.scorecard_id, b.author_id, b.pillar_id,
           (CASE coalesce(m.rating, b.rating) WHEN 'strong_no' THEN 1 WHEN 'no' THEN 2 WHEN 'yes' THEN 3 WHEN 'strong_yes' THEN 4 END)::float8 AS v
      FROM base b LEFT JOIN amended m ON m.scorecard_id = b.scorecard_id AND m.pillar_id = b.pillar_id
  )`;

interface PillarRow {
  author_id: string;
  user_name: string;
  pillar_id: string;
  key: string;
  name: string;
  n: number;
  mean: number | null;
  sd: number | null;
  strong_share: number | null;
  org_mean: number | null;
}

interface InterviewerRow {
  author_id: string;
  user_name: string;
  submitted: number;
  on_time_rate: number | null;
  median_hours: number | null;
}

interface QuestionRow {
  question_id: string;
  title: string;
  pillar_id: string;
  times_asked: number;
  rated_count: number;
  mean: number | null;
  decided_count: number;
  hires: number;
  no_hires: number;
  r: number | null;
}

const round3 = (value: number | null): number | null => (value === null ? null : Math.round(Number(value) * 1000) / 1000);

/** Calibration: computed in SQL over the submitted, non-shadow scorecards (two statements per route). */
@Injectable()
export class AnalyticsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Per interviewer: scorecards submitted, on-time rate (submitted by the write-up due time), median hours from the
   * round's end to submission; per pillar: count, mean, the offset from the organization's mean for the pillar with
   * a 95% confidence interval (mean ± 1.96·sd/√n) once `minCount` ratings exist, and the share of strong ratings.
   */
  async interviewers(actor: Actor, minCount = DEFAULT_MIN_COUNT): Promise<InterviewerAnalyticsDto> {
    const organizationId = actor.organizationId;
    const pillarRows = await this.dataSource.query<PillarRow[]>(
      `WITH ${EFFECTIVE_RATINGS}, per AS (
         SELECT author_id, pillar_id, count(v)::int AS n, avg(v) AS mean, stddev_samp(v) AS sd,
                (count(*) FILTER (WHERE v IN (1, 4)))::float8 / nullif(count(v), 0) AS strong_share
           FROM eff GROUP BY author_id, pillar_id
       ), org AS (
         SELECT pillar_id, avg(v) AS mean FROM eff GROUP BY pillar_id
       )
       SELECT per.author_id, u.name AS user_name, per.pillar_id, p.key, p.name, per.n, per.mean, per.sd, per.strong_share, org.mean AS org_mean
         FROM per JOIN org ON org.pillar_id = per.pillar_id
         JOIN pillars p ON p.id = per.pillar_id AND p.organization_id = $1
         JOIN users u ON u.id = per.author_id
        ORDER BY u.name, per.author_id, p.position, p.id`,
      [organizationId],
    );
    const people = await this.dataSource.query<InterviewerRow[]>(
      `SELECT s.author_id, u.name AS user_name, count(*)::int AS submitted,
              avg(CASE WHEN s.submitted_at <= s.writeup_due_at THEN 1.0 ELSE 0.0 END) FILTER (WHERE s.writeup_due_at IS NOT NULL)::float8 AS on_time_rate,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s.submitted_at - s.round_ends_at) / 3600)
                FILTER (WHERE s.round_ends_at IS NOT NULL) AS median_hours
         FROM scorecards s JOIN users u ON u.id = s.author_id
        WHERE s.organization_id = $1 AND s.status = 'submitted' AND NOT s.shadow
        GROUP BY s.author_id, u.name
        ORDER BY u.name, s.author_id`,
      [organizationId],
    );
    const items: InterviewerStatsDto[] = people.map((person) => ({
      interviewer: { id: person.author_id, name: person.user_name },
      submitted: person.submitted,
      onTimeRate: round3(person.on_time_rate),
      medianHoursToSubmit: person.median_hours === null ? null : Math.round(Number(person.median_hours) * 100) / 100,
      pillars: pillarRows
        .filter((row) => row.author_id === person.author_id)
        .map((row) => {
          const enoughData = row.n >= minCount && row.mean !== null && row.org_mean !== null;
          const offset = enoughData ? Number(row.mean) - Number(row.org_mean) : null;
          const margin = enoughData ? (1.96 * Number(row.sd ?? 0)) / Math.sqrt(row.n) : null;
          return {
            pillar: { id: row.pillar_id, key: row.key, name: row.name },
            count: row.n,
            meanRating: round3(row.mean),
            organizationMean: round3(row.org_mean),
            offset: round3(offset),
            confidenceInterval: offset !== null && margin !== null ? { low: round3(offset - margin)!, high: round3(offset + margin)! } : null,
            enoughData,
            strongShare: round3(row.strong_share),
          };
        }),
    }));
    return { minCount, items };
  }

  /**
   * Per question asked: times asked, the mean of the ratings given on its pillar in the scorecards that asked it,
   * and the point-biserial correlation of that rating with the loop's decision (hire 1, no_hire 0), given once
   * `minCount` decided ratings exist.
   */
  async questions(actor: Actor, minCount = DEFAULT_MIN_COUNT): Promise<QuestionAnalyticsDto> {
    const rows = await this.dataSource.query<QuestionRow[]>(
      `WITH ${EFFECTIVE_RATINGS}, asked AS (
         SELECT sc.id AS scorecard_id, sc.loop_id, q."questionId" AS question_id, q."pillarId" AS pillar_id
           FROM sc CROSS JOIN LATERAL jsonb_to_recordset(sc.questions_asked) AS q("questionId" uuid, "pillarId" uuid)
       ), rated AS (
         SELECT a.question_id, a.loop_id, e.v
           FROM asked a LEFT JOIN eff e ON e.scorecard_id = a.scorecard_id AND e.pillar_id = a.pillar_id
       )
       SELECT r.question_id, q.title, q.pillar_id, count(*)::int AS times_asked, count(r.v)::int AS rated_count, avg(r.v) AS mean,
              (count(r.v) FILTER (WHERE d.decision IS NOT NULL))::int AS decided_count,
              (count(r.v) FILTER (WHERE d.decision = 'hire'))::int AS hires,
              (count(r.v) FILTER (WHERE d.decision = 'no_hire'))::int AS no_hires,
              corr(r.v, CASE d.decision WHEN 'hire' THEN 1.0 WHEN 'no_hire' THEN 0.0 END) AS r
         FROM rated r
         JOIN questions q ON q.id = r.question_id AND q.organization_id = $1
         LEFT JOIN loop_decisions d ON d.loop_id = r.loop_id
        GROUP BY r.question_id, q.title, q.pillar_id
        ORDER BY times_asked DESC, q.title, r.question_id`,
      [actor.organizationId],
    );
    return {
      minCount,
      items: rows.map((row) => ({
        question: { id: row.question_id, title: row.title, pillarId: row.pillar_id },
        timesAsked: row.times_asked,
        ratedCount: row.rated_count,
        meanRating: round3(row.mean),
        decided: { count: row.decided_count, hires: row.hires, noHires: row.no_hires },
        correlation: row.decided_count >= minCount && row.hires > 0 && row.no_hires > 0 ? round3(row.r) : null,
      })),
    };
  }
}
