import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An interviewer's rounds in time order, for "my assignments" limited before its joins; it covers the old interviewer index. */
export class InterviewerScheduleIndex1796270000000 implements MigrationInterface {
  name = 'InterviewerScheduleIndex1796270000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."loop_rounds_interviewer_idx"`);
    await queryRunner.query(`CREATE INDEX "loop_rounds_interviewer_schedule_idx" ON "loop_rounds"  ("interviewer_id", "starts_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."loop_rounds_interviewer_schedule_idx"`);
    await queryRunner.query(`CREATE INDEX "loop_rounds_interviewer_idx" ON "loop_rounds"  ("interviewer_id") `);
  }
}
