import type { EntityManager } from 'typeorm';
import { dueAtSql, timelinessFromSql } from '../due-times.js';
import { decisionValueSql, ratingValueSql } from '../scales.js';
import { effectiveRatingsSql } from '../scorecard-math.js';

/** The loops library's answer: each of these loops' position (LoopsService.positionsOfLoops). */
export type PositionsOfLoops = (manager: EntityManager, organizationId: string, loopIds: readonly string[]) => Promise<{ loopId: string; positionId: string }[]>;

/** The scorecards analytics count: submitted, non-shadow, of the organization `$1`. */
export const COUNTED_SCORECARDS = `s.organization_id = $1 AND s.status = 'submitted' AND NOT s.shadow`;

/** The counted scorecards, with their loop's position (`$2` loop ids, `$3` their positions) and when timeliness counts from (`timelinessFromSql`). */
const SCORECARD_FACTS = `
  INSERT INTO analytics_scorecard_facts (organization_id, scorecard_id, loop_id, position_id, submitted_at, author_id, on_time, hours_to_submit)
  SELECT $1, t.id, t.loop_id, lp.position_id, t.submitted_at, t.author_id,
         CASE WHEN t.due_from IS NULL THEN NULL ELSE t.submitted_at <= ${dueAtSql('t.due_from', 't.writeup_due_hours')} END,
         CASE WHEN t.due_from IS NULL THEN NULL ELSE (extract(epoch FROM t.submitted_at - t.due_from) / 3600)::float8 END
    FROM (SELECT s.id, s.loop_id, s.submitted_at, s.author_id, s.writeup_due_hours, ${timelinessFromSql('s.round_ends_at', 's.round_scheduled_at')} AS due_from
            FROM scorecards s WHERE ${COUNTED_SCORECARDS}) t
    JOIN unnest($2::uuid[], $3::uuid[]) AS lp(loop_id, position_id) ON lp.loop_id = t.loop_id`;

/** Each counted scorecard's effective pillar ratings by `effectiveRatingsSql` (the same rule as `effectiveValues`); its position from the scorecard facts just written. */
const RATING_FACTS = `
  WITH sc AS (
    SELECT s.id, s.loop_id, s.author_id, s.submitted_at, s.ratings FROM scorecards s WHERE ${COUNTED_SCORECARDS}
  ), am AS (
    SELECT a.scorecard_id, a.sequence, a.ratings FROM scorecard_amendments a WHERE a.organization_id = $1
  )
  INSERT INTO analytics_rating_facts (organization_id, scorecard_id, loop_id, position_id, submitted_at, author_id, pillar_id, value)
  SELECT $1, e.scorecard_id, sc.loop_id, sf.position_id, sc.submitted_at, sc.author_id, e.pillar_id, ${ratingValueSql('e.rating')}
    FROM (${effectiveRatingsSql('sc', 'am')}) e JOIN sc ON sc.id = e.scorecard_id
    JOIN analytics_scorecard_facts sf ON sf.scorecard_id = e.scorecard_id
   WHERE e.pillar_id IS NOT NULL`;

/**
 * Each question a counted scorecard asked, valued by its own rating, else by its pillar's effective one (the rating
 * facts just written), with its loop's decision (a decision changes the fingerprint: the facts are rebuilt with it).
 */
const QUESTION_FACTS = `
  INSERT INTO analytics_question_facts (organization_id, scorecard_id, loop_id, position_id, submitted_at, question_id, own_value, value, decision_value)
  SELECT $1, a.scorecard_id, a.loop_id, sf.position_id, a.submitted_at, a.question_id, a.own, coalesce(a.own, r.value), ${decisionValueSql('d.decision')}
    FROM (SELECT s.id AS scorecard_id, s.loop_id, s.submitted_at, q."questionId" AS question_id, q."pillarId" AS pillar_id, ${ratingValueSql('q.rating')} AS own
            FROM scorecards s CROSS JOIN LATERAL jsonb_to_recordset(s.questions_asked) AS q("questionId" uuid, "pillarId" uuid, rating text)
           WHERE ${COUNTED_SCORECARDS}) a
    JOIN analytics_scorecard_facts sf ON sf.scorecard_id = a.scorecard_id
    LEFT JOIN analytics_rating_facts r ON r.organization_id = $1 AND r.scorecard_id = a.scorecard_id AND r.pillar_id = a.pillar_id
    LEFT JOIN loop_decisions d ON d.organization_id = $1 AND d.loop_id = a.loop_id`;

/**
 * Replaces the organization's analytics facts with what its scorecards, amendments and decisions give now, each with
 * its loop's position (asked of the loops library for the loops with counted scorecards, in one statement), in the
 * caller's transaction (readers see the old facts or the new ones, never a mix). JIT off: PostgreSQL takes each
 * jsonb_to_recordset for 100 rows, so from a few thousand scorecards on the plan's cost passes `jit_above_cost`,
 * and at 10,000 compiling took 2.3 s of a statement that runs in tens of milliseconds without.
 */
export async function rebuildFacts(transaction: EntityManager, organizationId: string, positionsOfLoops: PositionsOfLoops): Promise<void> {
  const [{ jit }] = await transaction.query<[{ jit: string }]>(`SELECT current_setting('jit') AS jit, set_config('jit', 'off', true)`);
  for (const table of ['analytics_question_facts', 'analytics_rating_facts', 'analytics_scorecard_facts'])
    await transaction.query(`DELETE FROM ${table} WHERE organization_id = $1`, [organizationId]);
  const loops = await transaction.query<{ loop_id: string }[]>(`SELECT DISTINCT s.loop_id FROM scorecards s WHERE ${COUNTED_SCORECARDS}`, [organizationId]);
  const positions = await positionsOfLoops(transaction, organizationId, loops.map((loop) => loop.loop_id));
  await transaction.query(SCORECARD_FACTS, [organizationId, positions.map((loop) => loop.loopId), positions.map((loop) => loop.positionId)]);
  for (const statement of [RATING_FACTS, QUESTION_FACTS]) await transaction.query(statement, [organizationId]);
  // The caller's transaction may go on (the worker's other subscribers): JIT as it was.
  await transaction.query(`SELECT set_config('jit', $1, true)`, [jit]);
}
