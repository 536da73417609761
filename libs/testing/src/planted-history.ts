import { plantedTruth, RATINGS, type PlantedTruth, type PlantedTruthOptions } from '@loopwright/scorecards';
import { as, createTeam, type TestTeam } from './factories.js';
import { createPosition } from './loop-setup.js';
import type { TestApp } from './test-app.js';

/**
 * The small planted truth the calibration tests read (12 interviewers with known leniency, 150 candidates, 4 pillars
 * of 2 questions, 2 questions per round rated on their own, 2 useless questions, 1 leaked one; fixed seed): at this
 * seed the useless ones are `lowSignal` and the leak is flagged, and no clean question is.
 */
export const SMALL_PLANTED_TRUTH: PlantedTruthOptions = {
  seed: 1,
  interviewers: 12,
  candidates: 150,
  pillars: 4,
  questionsPerPillar: 2,
  questionsPerRound: 2,
  uselessQuestions: 2,
  questionRatings: true,
  leakEffect: 1,
  days: 365,
};

export interface PlantedHistory {
  truth: PlantedTruth;
  team: TestTeam;
  /** The truth's names (`interviewer-3`, `pillar-0`, `pillar-1-question-0`) → the organization's ids. */
  ids: Map<string, string>;
}

/**
 * A team of its own (`admin`, also hiring manager, and `p0`… one per planted interviewer) with the planted history
 * bulk-inserted: per candidate a decided loop, per round a submitted scorecard on one pillar with its questions'
 * own ratings, at the round's planted time. The bank's first two questions of each of the first four pillars (by
 * title) play the planted questions.
 */
export async function insertPlantedHistory(testApp: TestApp, options: PlantedTruthOptions = SMALL_PLANTED_TRUTH): Promise<PlantedHistory> {
  const truth = plantedTruth(options);
  const members = Object.fromEntries([['admin', ['admin', 'hiring_manager']], ...truth.interviewers.map((_, i) => [`p${i}`, ['interviewer']])]) as Record<
    string,
    ('admin' | 'hiring_manager' | 'interviewer')[]
  >;
  const team = await createTeam(testApp, members);
  const organizationId = team.organization.id;
  const admin = as(testApp, team.users.admin!);
  const ids = new Map<string, string>();
  truth.interviewers.forEach((name, i) => ids.set(name, team.users[`p${i}`]!.id));
  const pillarRows: { id: string }[] = await testApp.dataSource.query(`SELECT id FROM pillars WHERE organization_id = $1 ORDER BY position LIMIT $2`, [
    organizationId,
    options.pillars,
  ]);
  truth.pillars.forEach((name, p) => ids.set(name, pillarRows[p]!.id));
  for (const [p, pillar] of truth.pillars.entries()) {
    const questions: { id: string }[] = await testApp.dataSource.query(
      `SELECT id FROM questions WHERE organization_id = $1 AND pillar_id = $2 ORDER BY title LIMIT $3`,
      [organizationId, ids.get(pillar), options.questionsPerPillar],
    );
    if (questions.length < options.questionsPerPillar) throw new Error(`the seeded bank has too few questions of ${pillar}`);
    questions.forEach((question, q) => ids.set(`pillar-${p}-question-${q}`, question.id));
  }
  const positionId = await createPosition(admin, { title: 'Planted', roleFamily: 'other', level: 'senior', hiringManagerId: team.users.admin!.id });
  const rating = (value: number) => RATINGS[value - 1];
  const rows = truth.input.rounds.map((round) => ({
    candidate: round.candidate,
    interviewer: ids.get(round.interviewer),
    pillar: ids.get(round.pillars[0]!.pillar),
    at: new Date(round.at).toISOString(),
    ratings: JSON.stringify([{ pillarId: ids.get(round.pillars[0]!.pillar), rating: rating(round.pillars[0]!.value), notes: null }]),
    asked: JSON.stringify(
      round.questions.map((asked) => ({ questionId: ids.get(asked.question), version: 1, pillarId: ids.get(asked.pillar), notes: null, rating: rating(asked.value!) })),
    ),
    decision: truth.input.decisions.get(round.candidate) === 1 ? 'hire' : 'no_hire',
  }));
  // One statement: candidates, loops, rounds (no times: nothing to overlap), submitted scorecards and decisions.
  await testApp.dataSource.query(
    `WITH input AS (SELECT * FROM jsonb_to_recordset($3::jsonb) AS x(candidate text, interviewer uuid, pillar uuid, at timestamptz, ratings text, asked text, decision text)),
          per_candidate AS (SELECT candidate, min(decision) AS decision, gen_random_uuid() AS candidate_id, gen_random_uuid() AS loop_id FROM input GROUP BY candidate),
          candidates_in AS (INSERT INTO candidates (id, organization_id, name, email) SELECT candidate_id, $1::uuid, 'Planted ' || candidate, candidate || '.' || $1::text || '@example.test' FROM per_candidate),
          loops_in AS (INSERT INTO loops (id, organization_id, candidate_id, position_id, status) SELECT loop_id, $1::uuid, candidate_id, $2, 'decided' FROM per_candidate),
          rounds AS (SELECT input.*, per_candidate.loop_id, gen_random_uuid() AS round_id, row_number() OVER (PARTITION BY input.candidate) - 1 AS position FROM input JOIN per_candidate USING (candidate)),
          rounds_in AS (INSERT INTO loop_rounds (id, organization_id, loop_id, position, title, pillar_ids, interviewer_id, scorecard_status)
                        SELECT round_id, $1::uuid, loop_id, position, 'Round', ARRAY[pillar], interviewer, 'submitted' FROM rounds),
          cards_in AS (INSERT INTO scorecards (organization_id, loop_id, round_id, author_id, status, ratings, questions_asked, recommendation, summary, round_ends_at, submitted_at, rating_due_hours, writeup_due_hours, rating_due_at, writeup_due_at)
                       SELECT $1::uuid, loop_id, round_id, interviewer, 'submitted', ratings::jsonb, asked::jsonb, 'yes', 'Planted-truth scorecard summary.', at, at + interval '2 hours', 1, 24, at + interval '1 hour', at + interval '24 hours' FROM rounds)
     INSERT INTO loop_decisions (organization_id, loop_id, decision) SELECT $1::uuid, loop_id, decision FROM per_candidate`,
    [organizationId, positionId, JSON.stringify(rows)],
  );
  return { truth, team, ids };
}
