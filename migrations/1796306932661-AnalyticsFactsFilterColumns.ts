import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The analytics facts carry their loop's position, indexed with the submission time, so that a request filtered by
 * position (and period) reads one index range instead of matching each fact against the position's loop ids; the
 * question facts carry their loop's decision, so that a filtered request aggregates them without a join. The facts
 * there are now have neither: they are emptied with the snapshots, and rebuilt on the next read or event.
 */
export class AnalyticsFactsFilterColumns1796306932661 implements MigrationInterface {
  name = 'AnalyticsFactsFilterColumns1796306932661';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "analytics_snapshots"`);
    await queryRunner.query(`TRUNCATE "analytics_question_facts", "analytics_rating_facts", "analytics_scorecard_facts"`);
    for (const table of ['analytics_scorecard_facts', 'analytics_rating_facts', 'analytics_question_facts']) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD "position_id" uuid NOT NULL`);
      await queryRunner.query(`CREATE INDEX "${table}_position_idx" ON "${table}" ("organization_id", "position_id", "submitted_at")`);
    }
    await queryRunner.query(`ALTER TABLE "analytics_question_facts" ADD "decision_value" double precision`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "analytics_question_facts" DROP COLUMN "decision_value"`);
    for (const table of ['analytics_question_facts', 'analytics_rating_facts', 'analytics_scorecard_facts']) {
      await queryRunner.query(`DROP INDEX "public"."${table}_position_idx"`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "position_id"`);
    }
  }
}
