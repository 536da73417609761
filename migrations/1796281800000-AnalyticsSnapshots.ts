import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The analytics routes' aggregates over a whole organization, precomputed by the worker (issue 18). */
export class AnalyticsSnapshots1796281800000 implements MigrationInterface {
  name = 'AnalyticsSnapshots1796281800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "analytics_snapshots" ("organization_id" uuid NOT NULL, "computed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "fingerprint" text NOT NULL, "pillar_rows" jsonb NOT NULL, "interviewer_rows" jsonb NOT NULL, "question_rows" jsonb NOT NULL, CONSTRAINT "PK_d371c434f05e82186a8de0cd4e3" PRIMARY KEY ("organization_id"))`);
    await queryRunner.query(`ALTER TABLE "analytics_snapshots" ADD CONSTRAINT "FK_d371c434f05e82186a8de0cd4e3" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "analytics_snapshots" DROP CONSTRAINT "FK_d371c434f05e82186a8de0cd4e3"`);
    await queryRunner.query(`DROP TABLE "analytics_snapshots"`);
  }
}
