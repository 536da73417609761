import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The analytics facts carry their loop's position, indexed with the submission time, so that a request filtered by
 * position (and period) reads one index range instead of matching each fact against the position's loop ids. The
 * facts there are now have no position: they are emptied with the snapshots, and rebuilt on the next read or event.
 */
export class AnalyticsFactsPosition1796306932661 implements MigrationInterface {
  name = 'AnalyticsFactsPosition1796306932661';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "analytics_snapshots"`);
    await queryRunner.query(`TRUNCATE "analytics_question_facts", "analytics_rating_facts", "analytics_scorecard_facts"`);
    for (const table of ['analytics_scorecard_facts', 'analytics_rating_facts', 'analytics_question_facts']) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD "position_id" uuid NOT NULL`);
      await queryRunner.query(`CREATE INDEX "${table}_position_idx" ON "${table}" ("organization_id", "position_id", "submitted_at")`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['analytics_question_facts', 'analytics_rating_facts', 'analytics_scorecard_facts']) {
      await queryRunner.query(`DROP INDEX "public"."${table}_position_idx"`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "position_id"`);
    }
  }
}
