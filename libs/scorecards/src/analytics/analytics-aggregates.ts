import type { EntityManager } from 'typeorm';
import { dueAtSql, timelinessFromSql } from '../due-times.js';
import { decisionValueSql, RATING_VALUE, ratingValueSql } from '../scales.js';
import { effectiveRatingsSql } from '../scorecard-math.js';

/** The scope as the statements' `$2..$4`: loop ids (null: every loop), from, to (null: open). */
export type ScopeParams = [string[] | null, Date | null, Date | null];

export const WHOLE_ORGANIZATION: ScopeParams = [null, null, null];

/** The scorecards in scope, for a `WHERE` on the alias `s`. */
const IN_SCOPE = `($2::uuid[] IS NULL OR s.loop_id = ANY($2::uuid[]))
      AND ($3::timestamptz IS NULL OR s.submitted_at >= $3) AND ($4::timestamptz IS NULL OR s.submitted_at < $4)`;

/** The scorecards analytics count: submitted, non-shadow, of the organization `$1`. */
export const COUNTED_SCORECARDS = `s.organization_id = $1 AND s.status = 'submitted' AND NOT s.shadow`;

/**
 * The effective pillar values (1..4, null for not_assessed) of the organization's submitted, non-shadow scorecards,
 * by `effectiveRatingsSql` (the same rule as `effectiveValues`): `eff(scorecard_id, author_id, pillar_id, v)`.
 * `$1` is the organization, `$2..$4` the scope (`IN_SCOPE`).
 */
const EFFECTIVE_RATINGS = `
  sc AS (
    SELECT s.id, s.loop_id, s.author_id, s.ratings, s.questions_asked, s.submitted_at, s.round_ends_at, s.writeup_due_at
      FROM scorecards s WHERE ${COUNTED_SCORECARDS} AND ${IN_SCOPE}
  ), am AS (
    SELECT a.scorecard_id, a.sequence, a.ratings FROM scorecard_amendments a WHERE a.organization_id = $1
  ), eff AS (
    SELECT e.scorecard_id, sc.author_id, e.pillar_id, ${ratingValueSql('e.rating')} AS v
      FROM (${effectiveRatingsSql('sc', 'am')}) e JOIN sc ON sc.id = e.scorecard_id
  )`;

/** The strong ratings, at either end of the scale. */
const STRONG_VALUES = [RATING_VALUE.strong_no, RATING_VALUE.strong_yes].join(', ');

/** Numbers as the driver gives them: `numeric` aggregates as strings, `float8` ones as numbers. */
type Figure = number | string | null;

export interface PillarRow {
  author_id: string;
  pillar_id: string;
  n: number;
  mean: Figure;
  sd: Figure;
  strong_share: Figure;
  org_mean: Figure;
}

export interface InterviewerRow {
  author_id: string;
  submitted: number;
  on_time_rate: Figure;
  median_hours: Figure;
}

export interface QuestionRow {
  question_id: string;
  times_asked: number;
  rated_count: number;
  own_count: number;
  mean: Figure;
  decided_count: number;
  hires: number;
  no_hires: number;
  r: Figure;
}

/**
 * One aggregation over the organization's scorecards, with JIT off. PostgreSQL takes each jsonb_to_recordset for
 * 100 rows, so from a few thousand scorecards on the plan's cost passes `jit_above_cost`: at 10,000, compiling
 * took 2.3 s of a 2.6 s statement that runs in tens of milliseconds without (bench group `analytics`).
 */
async function withoutJit<T>(manager: EntityManager, sql: string, parameters: unknown[]): Promise<T> {
  const run = async (inTransaction: EntityManager): Promise<T> => {
    await inTransaction.query('SET LOCAL jit = off');
    return inTransaction.query<T>(sql, parameters);
  };
  return manager.queryRunner?.isTransactionActive ? run(manager) : manager.transaction(run);
}

/** Per interviewer and pillar: count, mean, spread and strong share of the effective values, with the pillar's mean over the scope. */
export function pillarRows(manager: EntityManager, organizationId: string, scope: ScopeParams): Promise<PillarRow[]> {
  return withoutJit<PillarRow[]>(
    manager,
    `WITH ${EFFECTIVE_RATINGS}, per AS (
       SELECT author_id, pillar_id, count(v)::int AS n, avg(v) AS mean, stddev_samp(v) AS sd,
              (count(*) FILTER (WHERE v IN (${STRONG_VALUES})))::float8 / nullif(count(v), 0) AS strong_share
         FROM eff GROUP BY author_id, pillar_id
     ), org AS (
       SELECT pillar_id, avg(v) AS mean FROM eff GROUP BY pillar_id
     )
     SELECT per.author_id, per.pillar_id, per.n, per.mean, per.sd, per.strong_share, org.mean AS org_mean
       FROM per JOIN org ON org.pillar_id = per.pillar_id`,
    [organizationId, ...scope],
  );
}

/** Per interviewer: scorecards submitted, on-time rate and median hours to submit, from `timelinessFrom`. */
export function interviewerRows(manager: EntityManager, organizationId: string, scope: ScopeParams): Promise<InterviewerRow[]> {
  return manager.query<InterviewerRow[]>(
    `SELECT t.author_id, count(*)::int AS submitted,
            avg(CASE WHEN t.submitted_at <= ${dueAtSql('t.due_from', 't.writeup_due_hours')} THEN 1.0 ELSE 0.0 END) FILTER (WHERE t.due_from IS NOT NULL)::float8 AS on_time_rate,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t.submitted_at - t.due_from) / 3600)
              FILTER (WHERE t.due_from IS NOT NULL) AS median_hours
       FROM (SELECT s.author_id, s.submitted_at, s.writeup_due_hours, ${timelinessFromSql('s.round_ends_at', 's.round_scheduled_at')} AS due_from
               FROM scorecards s
              WHERE ${COUNTED_SCORECARDS} AND ${IN_SCOPE}) t
      GROUP BY t.author_id`,
    [organizationId, ...scope],
  );
}

/** Per question asked: times asked, ratings (its own or the pillar's), their mean, and their correlation with the decision. */
export function questionRows(manager: EntityManager, organizationId: string, scope: ScopeParams): Promise<QuestionRow[]> {
  return withoutJit<QuestionRow[]>(
    manager,
    `WITH ${EFFECTIVE_RATINGS}, asked AS (
       SELECT sc.id AS scorecard_id, sc.loop_id, q."questionId" AS question_id, q."pillarId" AS pillar_id, ${ratingValueSql('q.rating')} AS own
         FROM sc CROSS JOIN LATERAL jsonb_to_recordset(sc.questions_asked) AS q("questionId" uuid, "pillarId" uuid, rating text)
     ), rated AS (
       SELECT a.question_id, a.loop_id, coalesce(a.own, e.v) AS v, a.own
         FROM asked a LEFT JOIN eff e ON e.scorecard_id = a.scorecard_id AND e.pillar_id = a.pillar_id
     )
     SELECT r.question_id, count(*)::int AS times_asked, count(r.v)::int AS rated_count, count(r.own)::int AS own_count, avg(r.v) AS mean,
            (count(r.v) FILTER (WHERE d.decision IS NOT NULL))::int AS decided_count,
            (count(r.v) FILTER (WHERE d.decision = 'hire'))::int AS hires,
            (count(r.v) FILTER (WHERE d.decision = 'no_hire'))::int AS no_hires,
            corr(r.v, ${decisionValueSql('d.decision')}) AS r
       FROM rated r
       LEFT JOIN loop_decisions d ON d.loop_id = r.loop_id AND d.organization_id = $1
      GROUP BY r.question_id`,
    [organizationId, ...scope],
  );
}
