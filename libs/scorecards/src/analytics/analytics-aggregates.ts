import type { EntityManager } from 'typeorm';
import { DECISION_VALUE, RATING_VALUE } from '../scales.js';

/**
 * What a filtered request counts: the facts of one position (null: every position) but those of its cancelled loops,
 * submitted in a period (`from` ≤ t < `to`, either end open when null).
 */
export interface FactScope {
  positionId: string | null;
  excludedLoopIds: readonly string[];
  from: Date | null;
  to: Date | null;
}

export const WHOLE_ORGANIZATION: FactScope = { positionId: null, excludedLoopIds: [], from: null, to: null };

/**
 * The organization `$1`'s facts in `scope`, as a `WHERE` on the alias `f` (any of the analytics fact tables) and its
 * parameters from `$2` on. Only the scope's own conditions are in the text, so that each shape of filter is planned
 * for what it reads (a position and period by the position index).
 */
function inScope(scope: FactScope): { where: string; params: unknown[] } {
  const conditions = ['f.organization_id = $1'];
  const params: unknown[] = [];
  const param = (value: unknown): string => `$${params.push(value) + 1}`;
  if (scope.positionId !== null) conditions.push(`f.position_id = ${param(scope.positionId)}`);
  if (scope.excludedLoopIds.length > 0) conditions.push(`NOT (f.loop_id = ANY(${param([...scope.excludedLoopIds])}::uuid[]))`);
  if (scope.from !== null) conditions.push(`f.submitted_at >= ${param(scope.from)}`);
  if (scope.to !== null) conditions.push(`f.submitted_at < ${param(scope.to)}`);
  return { where: conditions.join(' AND '), params };
}

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

/*
 * The aggregates read the analytics facts (analytics-facts.ts): the counted scorecards with amendments applied, as
 * current as the organization's analytics snapshot. The snapshot stores them over the whole organization; a filtered
 * request runs them over its scope.
 */

/** Per interviewer and pillar: count, mean, spread and strong share of the effective values, with the pillar's mean over the scope. */
export function pillarRows(manager: EntityManager, organizationId: string, scope: FactScope): Promise<PillarRow[]> {
  const { where, params } = inScope(scope);
  return manager.query<PillarRow[]>(
    `WITH eff AS (
       SELECT f.author_id, f.pillar_id, f.value AS v FROM analytics_rating_facts f WHERE ${where}
     ), per AS (
       SELECT author_id, pillar_id, count(v)::int AS n, avg(v) AS mean, stddev_samp(v) AS sd,
              (count(*) FILTER (WHERE v IN (${STRONG_VALUES})))::float8 / nullif(count(v), 0) AS strong_share
         FROM eff GROUP BY author_id, pillar_id
     ), org AS (
       SELECT pillar_id, avg(v) AS mean FROM eff GROUP BY pillar_id
     )
     SELECT per.author_id, per.pillar_id, per.n, per.mean, per.sd, per.strong_share, org.mean AS org_mean
       FROM per JOIN org ON org.pillar_id = per.pillar_id`,
    [organizationId, ...params],
  );
}

/** Per interviewer: scorecards submitted, on-time rate and median hours to submit, from `timelinessFrom`. */
export function interviewerRows(manager: EntityManager, organizationId: string, scope: FactScope): Promise<InterviewerRow[]> {
  const { where, params } = inScope(scope);
  return manager.query<InterviewerRow[]>(
    `SELECT f.author_id, count(*)::int AS submitted,
            avg(CASE WHEN f.on_time THEN 1.0 ELSE 0.0 END) FILTER (WHERE f.on_time IS NOT NULL)::float8 AS on_time_rate,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY f.hours_to_submit) FILTER (WHERE f.hours_to_submit IS NOT NULL) AS median_hours
       FROM analytics_scorecard_facts f
      WHERE ${where}
      GROUP BY f.author_id`,
    [organizationId, ...params],
  );
}

/** Per question asked: times asked, ratings (its own or the pillar's), their mean, and their correlation with the decision. */
export function questionRows(manager: EntityManager, organizationId: string, scope: FactScope): Promise<QuestionRow[]> {
  const { where, params } = inScope(scope);
  return manager.query<QuestionRow[]>(
    `SELECT f.question_id, count(*)::int AS times_asked, count(f.value)::int AS rated_count, count(f.own_value)::int AS own_count, avg(f.value) AS mean,
            (count(f.value) FILTER (WHERE f.decision_value IS NOT NULL))::int AS decided_count,
            (count(f.value) FILTER (WHERE f.decision_value = ${DECISION_VALUE.hire}))::int AS hires,
            (count(f.value) FILTER (WHERE f.decision_value = ${DECISION_VALUE.no_hire}))::int AS no_hires,
            corr(f.value, f.decision_value) AS r
       FROM analytics_question_facts f
      WHERE ${where}
      GROUP BY f.question_id`,
    [organizationId, ...params],
  );
}
