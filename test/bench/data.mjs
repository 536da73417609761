// Generated data for the benchmarks, written with set-based SQL (generate_series), not row by row.
import { sql } from './harness.mjs';

const TOPICS = ['gradient descent', 'attention heads', 'feature store', 'embedding drift', 'vector index', 'batch inference', 'tokenizer', 'regularization', 'cross validation', 'retrieval augmented generation', 'latency budget', 'model registry', 'data leakage', 'class imbalance', 'beam search', 'quantization', 'sharding', 'caching layer', 'A/B test', 'hallucination'];
const VERBS = ['Explain', 'Design', 'Debug', 'Compare', 'Implement', 'Scale', 'Evaluate', 'Monitor'];
const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'tu', 'ze', 'po', 'fi'];

/**
 * Made-up product and system names (8^4 = 4,096 of them): each question names a few, so a query for one
 * matches a realistic share of a large bank (about 70 of 100,000), as a team's own terms would.
 */
export function systemName(index) {
  let name = '';
  for (let position = 0, rest = index; position < 4; position += 1, rest = Math.floor(rest / SYLLABLES.length)) name += SYLLABLES[rest % SYLLABLES.length];
  return name;
}
const SYSTEM_NAMES = Array.from({ length: SYLLABLES.length ** 4 }, (_, index) => systemName(index));

/** Adds `count` active questions with one version each to an organization, spread over its pillars. */
export async function addQuestions(url, organizationId, count) {
  await sql(
    url,
    `WITH pillars AS (SELECT array_agg(id ORDER BY position) AS ids FROM pillars WHERE organization_id = $1),
          generated AS (
            SELECT gen_random_uuid() AS id, g,
                   ($3::text[])[1 + (g % array_length($3::text[], 1))] || ' ' || ($2::text[])[1 + (g * 7 % array_length($2::text[], 1))]
                     || ' for ' || ($5::text[])[1 + (g * 13 % array_length($5::text[], 1))] AS title,
                   'Walk through ' || ($2::text[])[1 + (g * 3 % array_length($2::text[], 1))] || ' and ' || ($2::text[])[1 + (g * 11 % array_length($2::text[], 1))]
                     || ' in ' || ($5::text[])[1 + (g * 29 % array_length($5::text[], 1))] || ' and ' || ($5::text[])[1 + (g * 31 % array_length($5::text[], 1))]
                     || '; discuss trade-offs, failure modes and how you would measure success.' AS prompt
              FROM generate_series(1, $4::int) AS g),
          inserted AS (
            INSERT INTO questions (id, organization_id, pillar_id, title, prompt, tags, difficulty, roles, status, current_version)
            SELECT generated.id, $1, pillars.ids[1 + (g % 4)], title, prompt,
                   ARRAY[replace(($2::text[])[1 + (g * 7 % array_length($2::text[], 1))], ' ', '-'), 'generated'], 1 + (g % 5),
                   CASE g % 3 WHEN 0 THEN ARRAY['ai_engineer'] WHEN 1 THEN ARRAY['ml_engineer'] ELSE ARRAY['ai_engineer','ml_engineer'] END, 'active', 1
              FROM generated, pillars
            RETURNING id, prompt)
     INSERT INTO question_versions (id, organization_id, question_id, number, prompt, rubric, follow_ups)
     SELECT gen_random_uuid(), $1, id, 1, prompt,
            '{"strong_no":"No structure","no":"Partial","yes":"Solid","strong_yes":"Deep and measured"}'::jsonb, ARRAY['What would you monitor?']
       FROM inserted`,
    [organizationId, TOPICS, VERBS, count, SYSTEM_NAMES],
  );
  await sql(url, 'ANALYZE questions; ANALYZE question_versions');
}

/**
 * The `candidates` and `loops` CTEs: a candidate (`<kind> Candidate g`, an address with the label in `labelParameter`)
 * and a scheduled loop for each row (g, candidate_id, loop_id) of `slots`, in the organization $1, of the position $2.
 */
function candidateLoopsSql(slots, kind, labelParameter) {
  return `candidates AS (
       INSERT INTO candidates (id, organization_id, name, email)
       SELECT candidate_id, $1, '${kind} Candidate ' || g, '${kind.toLowerCase()}.' || ${labelParameter}::text || '.' || g || '@example.test' FROM ${slots}),
     loops AS (
       INSERT INTO loops (id, organization_id, candidate_id, position_id, status)
       SELECT loop_id, $1, candidate_id, $2, 'scheduled' FROM ${slots})`;
}

/**
 * One loop (with its candidate) per round of an interviewer: `past` rounds ending before now, 3 hours apart, and
 * `upcoming` ones from tomorrow on, so the exclusion constraint (no overlapping rounds of one interviewer) holds.
 * With `drafts`, each round also gets the interviewer's empty draft scorecard at version 1. Returns the round ids.
 */
export async function addInterviewerRounds(url, { organizationId, positionId, interviewerId, pillarIds, past, upcoming = 0, drafts = false, label }) {
  const rows = await sql(
    url,
    `WITH slots AS (
       SELECT g, gen_random_uuid() AS candidate_id, gen_random_uuid() AS loop_id, gen_random_uuid() AS round_id,
              CASE WHEN g < $5::int THEN date_trunc('hour', now()) - ($5::int - g) * interval '3 hours'
                   ELSE date_trunc('hour', now()) + interval '1 day' + (g - $5::int) * interval '3 hours' END AS starts_at
         FROM generate_series(0, $5::int + $6::int - 1) AS g),
     ${candidateLoopsSql('slots', 'Bench', '$7')},
     rounds AS (
       INSERT INTO loop_rounds (id, organization_id, loop_id, position, title, pillar_ids, starts_at, ends_at, interviewer_id, scorecard_status)
       SELECT round_id, $1, loop_id, 0, 'Technical round', $4::uuid[], starts_at, starts_at + interval '1 hour', $3,
              CASE WHEN $8::boolean THEN 'draft' ELSE 'not_started' END
         FROM slots),
     cards AS (
       INSERT INTO scorecards (organization_id, loop_id, round_id, author_id, status, version, round_ends_at, rating_due_hours, writeup_due_hours, rating_due_at, writeup_due_at)
       SELECT $1, loop_id, round_id, $3, 'draft', 1, starts_at + interval '1 hour', 1, 24, starts_at + interval '2 hours', starts_at + interval '25 hours'
         FROM slots WHERE $8::boolean)
     SELECT round_id FROM slots ORDER BY g`,
    [organizationId, positionId, interviewerId, pillarIds, past, upcoming, label, drafts],
  );
  await sql(url, 'ANALYZE candidates; ANALYZE loops; ANALYZE loop_rounds; ANALYZE scorecards');
  return rows.map((row) => row.round_id);
}

/** `count` past rounds of the interviewer on one pillar, each with the interviewer's empty draft at version 1; their ids. */
export function addDraftRounds(url, { organizationId, positionId, interviewerId, pillarId, count, label }) {
  return addInterviewerRounds(url, { organizationId, positionId, interviewerId, pillarIds: [pillarId], past: count, drafts: true, label });
}

const RATING_CYCLE = ['yes', 'strong_yes', 'no', 'yes', 'strong_no', 'strong_yes', 'yes'];

/**
 * `count` past loops of a position, each with one round per interviewer (so 6 interviewers make 6 rounds), each
 * round on one pillar with a submitted scorecard: ratings with notes, two questions asked (version 1), a
 * recommendation and a summary. Loop g is on day g before yesterday, so no interviewer has overlapping rounds.
 * Returns the loop ids, newest first.
 */
export async function addPacketLoops(url, { organizationId, positionId, interviewerIds, pillarIds, count, label }) {
  const rows = await sql(
    url,
    `WITH bank AS (SELECT array_agg(id ORDER BY id) AS ids FROM (SELECT id FROM questions WHERE organization_id = $1 AND current_version >= 1 LIMIT 500) q),
     loop_slots AS (
       SELECT g, gen_random_uuid() AS candidate_id, gen_random_uuid() AS loop_id, date_trunc('day', now()) - (g + 2) * interval '1 day' AS day
         FROM generate_series(0, $5::int - 1) AS g),
     round_slots AS (
       SELECT l.*, p, gen_random_uuid() AS round_id, ($4::uuid[])[1 + (p % array_length($4::uuid[], 1))] AS pillar_id, ($3::uuid[])[1 + p] AS interviewer_id,
              l.day + interval '9 hours' + p * interval '75 minutes' AS starts_at, ($7::text[])[1 + ((l.g + p) % array_length($7::text[], 1))] AS rating
         FROM loop_slots l, generate_series(0, array_length($3::uuid[], 1) - 1) AS p),
     ${candidateLoopsSql('loop_slots', 'Packet', '$6')},
     rounds AS (
       INSERT INTO loop_rounds (id, organization_id, loop_id, position, title, pillar_ids, starts_at, ends_at, interviewer_id, scorecard_status)
       SELECT round_id, $1, loop_id, p, 'Round ' || (p + 1), ARRAY[pillar_id], starts_at, starts_at + interval '1 hour', interviewer_id, 'submitted'
         FROM round_slots),
     cards AS (
       INSERT INTO scorecards (organization_id, loop_id, round_id, author_id, status, version, ratings, questions_asked, recommendation, summary,
                               round_ends_at, rating_due_hours, writeup_due_hours, rating_due_at, writeup_due_at, submitted_at)
       SELECT $1, loop_id, round_id, interviewer_id, 'submitted', 3,
              jsonb_build_array(jsonb_build_object('pillarId', pillar_id, 'rating', rating,
                'notes', 'Walked through the trade-offs of the design with numbers, found the failure modes and proposed how to monitor them in production.')),
              jsonb_build_array(
                jsonb_build_object('questionId', bank.ids[1 + ((g * 7 + p * 2) % array_length(bank.ids, 1))], 'version', 1, 'pillarId', pillar_id, 'notes', 'Solid answer, needed one hint.'),
                jsonb_build_object('questionId', bank.ids[1 + ((g * 7 + p * 2 + 1) % array_length(bank.ids, 1))], 'version', 1, 'pillarId', pillar_id, 'notes', 'Went deep on evaluation.')),
              rating, 'A thoughtful candidate: clear reasoning, honest about what they did not know, and strong on measurement.',
              starts_at + interval '1 hour', 1, 24, starts_at + interval '2 hours', starts_at + interval '25 hours', starts_at + interval '3 hours'
         FROM round_slots, bank)
     SELECT loop_id FROM loop_slots ORDER BY g`,
    [organizationId, positionId, interviewerIds, pillarIds, count, label, RATING_CYCLE],
  );
  await sql(url, 'ANALYZE candidates; ANALYZE loops; ANALYZE loop_rounds; ANALYZE scorecards');
  return rows.map((row) => row.loop_id);
}
