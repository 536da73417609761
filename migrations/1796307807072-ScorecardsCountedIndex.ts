import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The counted scorecards (submitted, non-shadow) by organization with their submission and update times: the
 * analytics and calibration fingerprints that every analytics request checks count them and take the latest of
 * each from the index (index-only once vacuumed) instead of scanning the scorecards' rows.
 */
export class ScorecardsCountedIndex1796307807072 implements MigrationInterface {
  name = 'ScorecardsCountedIndex1796307807072';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "scorecards_counted_idx" ON "scorecards" ("organization_id", "submitted_at", "updated_at") WHERE status = 'submitted' AND NOT shadow`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."scorecards_counted_idx"`);
  }
}
