import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Where each round's reminder ladder stands (set by notifications through LoopsService), and the index the reminder scan reads. */
export class RoundReminderLadder1796144173066 implements MigrationInterface {
  name = 'RoundReminderLadder1796144173066';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "loop_rounds" ADD "reminder_user_id" uuid`);
    await queryRunner.query(`ALTER TABLE "loop_rounds" ADD "reminder_ends_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "loop_rounds" ADD "next_reminder_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "loop_rounds_reminder_scan_idx" ON "loop_rounds"  ("ends_at") WHERE interviewer_id IS NOT NULL AND scorecard_status IN ('not_started', 'draft')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."loop_rounds_reminder_scan_idx"`);
    await queryRunner.query(`ALTER TABLE "loop_rounds" DROP COLUMN "next_reminder_at"`);
    await queryRunner.query(`ALTER TABLE "loop_rounds" DROP COLUMN "reminder_ends_at"`);
    await queryRunner.query(`ALTER TABLE "loop_rounds" DROP COLUMN "reminder_user_id"`);
  }
}
