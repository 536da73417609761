import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ScorecardDueHours1796129327753 implements MigrationInterface {
  name = 'ScorecardDueHours1796129327753';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Each scorecard keeps the due hours it was opened under; the ones opened so far take their organization's.
    await queryRunner.query(`ALTER TABLE "scorecards" ADD "rating_due_hours" integer`);
    await queryRunner.query(`ALTER TABLE "scorecards" ADD "writeup_due_hours" integer`);
    await queryRunner.query(
      `UPDATE "scorecards" s SET "rating_due_hours" = o."rating_due_hours", "writeup_due_hours" = o."writeup_due_hours" FROM "organizations" o WHERE o."id" = s."organization_id"`,
    );
    await queryRunner.query(`ALTER TABLE "scorecards" ALTER COLUMN "rating_due_hours" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "scorecards" ALTER COLUMN "writeup_due_hours" SET NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "scorecards" DROP COLUMN "writeup_due_hours"`);
    await queryRunner.query(`ALTER TABLE "scorecards" DROP COLUMN "rating_due_hours"`);
  }
}
