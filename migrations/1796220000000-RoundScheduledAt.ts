import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RoundScheduledAt1796220000000 implements MigrationInterface {
  name = 'RoundScheduledAt1796220000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Unknown for the rounds timed before: they count from their end, as they did.
    await queryRunner.query(`ALTER TABLE "loop_rounds" ADD "scheduled_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "scorecards" ADD "round_scheduled_at" TIMESTAMP(3) WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "scorecards" DROP COLUMN "round_scheduled_at"`);
    await queryRunner.query(`ALTER TABLE "loop_rounds" DROP COLUMN "scheduled_at"`);
  }
}
