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
