import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The seeded templates' rounds as they were when tags came: existing organizations get the same tags as new ones. */
const SEEDED_ROUND_TAGS: [template: string, round: string, tags: string[]][] = [
  ['AI Engineer onsite', 'ML and AI foundations', ['transformers', 'llm', 'embeddings', 'ml-theory']],
  ['AI Engineer onsite', 'Practical coding: build an LLM-backed feature', ['llm-integration', 'structured-output', 'rag', 'vector-search']],
  ['AI Engineer onsite', 'AI system design', ['llm', 'rag', 'vector-search', 'llm-agents']],
  ['AI Engineer onsite', 'AI system design deep dive: evaluation and operations', ['llm-evaluation', 'monitoring', 'cost-optimization', 'latency', 'model-serving']],
  ['AI Engineer onsite', 'Behavioral and project deep dive', ['project-deep-dive', 'ownership', 'product-thinking']],
  ['ML Engineer onsite', 'Coding: data structures and algorithms', ['algorithms-from-scratch']],
  ['ML Engineer onsite', 'Coding: implement and debug a model', ['pytorch', 'training-loop', 'gradient-descent', 'optimization', 'training']],
  ['ML Engineer onsite', 'ML foundations', ['ml-theory', 'bias-variance', 'data-leakage', 'optimization', 'evaluation-metrics']],
  ['ML Engineer onsite', 'Model lifecycle design: data, training, deployment, monitoring', ['mlops', 'monitoring', 'feature-store', 'continuous-training', 'deployment']],
  ['ML Engineer onsite', 'Behavioral and project deep dive', ['project-deep-dive', 'production-ml', 'ownership']],
];

export class TemplateRoundTags1796122372975 implements MigrationInterface {
  name = 'TemplateRoundTags1796122372975';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "loop_template_rounds" ADD "tags" text array NOT NULL DEFAULT '{}'`);
    for (const [template, round, tags] of SEEDED_ROUND_TAGS) {
      await queryRunner.query(
        `UPDATE loop_template_rounds r SET tags = $3::text[]
           FROM loop_templates t WHERE t.id = r.template_id AND t.name = $1 AND r.title = $2 AND r.tags = '{}'`,
        [template, round, tags],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "loop_template_rounds" DROP COLUMN "tags"`);
  }
}
