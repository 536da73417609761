import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LoopsShadowScorecards1795931696814 implements MigrationInterface {
  name = 'LoopsShadowScorecards1795931696814';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "round_shadows" ADD "scorecard_status" text NOT NULL DEFAULT 'not_started'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "round_shadows" DROP COLUMN "scorecard_status"`);
  }
}
