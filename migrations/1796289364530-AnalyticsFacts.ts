import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The counted scorecards reduced to what the analytics aggregate, with amendments applied, that filtered analytics
 * requests aggregate over (issue 18). They are rebuilt with the analytics snapshot: the snapshots there are now are
 * dropped, so that none passes for current while its facts are missing.
 */
export class AnalyticsFacts1796289364530 implements MigrationInterface {
  name = 'AnalyticsFacts1796289364530';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "analytics_scorecard_facts" ("organization_id" uuid NOT NULL, "loop_id" uuid NOT NULL, "submitted_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "scorecard_id" uuid NOT NULL, "author_id" uuid NOT NULL, "on_time" boolean, "hours_to_submit" double precision, CONSTRAINT "PK_20e78211b1147d9bbf65747def2" PRIMARY KEY ("scorecard_id"))`);
    await queryRunner.query(`CREATE INDEX "analytics_scorecard_facts_submitted_idx" ON "analytics_scorecard_facts"  ("organization_id", "submitted_at") `);
    await queryRunner.query(`CREATE TABLE "analytics_rating_facts" ("organization_id" uuid NOT NULL, "loop_id" uuid NOT NULL, "submitted_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "scorecard_id" uuid NOT NULL, "author_id" uuid NOT NULL, "pillar_id" uuid NOT NULL, "value" double precision, CONSTRAINT "PK_83da55768ff08a8ee938e78e564" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "analytics_rating_facts_scorecard_idx" ON "analytics_rating_facts"  ("scorecard_id") `);
    await queryRunner.query(`CREATE INDEX "analytics_rating_facts_submitted_idx" ON "analytics_rating_facts"  ("organization_id", "submitted_at") `);
    await queryRunner.query(`CREATE TABLE "analytics_question_facts" ("organization_id" uuid NOT NULL, "loop_id" uuid NOT NULL, "submitted_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "scorecard_id" uuid NOT NULL, "question_id" uuid, "own_value" double precision, "value" double precision, CONSTRAINT "PK_9facf26cb96d02a3f52c3ae99bc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "analytics_question_facts_scorecard_idx" ON "analytics_question_facts"  ("scorecard_id") `);
    await queryRunner.query(`CREATE INDEX "analytics_question_facts_submitted_idx" ON "analytics_question_facts"  ("organization_id", "submitted_at") `);
    await queryRunner.query(`ALTER TABLE "analytics_scorecard_facts" ADD CONSTRAINT "FK_45f9684ee82ac31f8c44c5497ae" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "analytics_scorecard_facts" ADD CONSTRAINT "FK_20e78211b1147d9bbf65747def2" FOREIGN KEY ("scorecard_id") REFERENCES "scorecards"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "analytics_rating_facts" ADD CONSTRAINT "FK_2f17f104694a1d6a30fbf1412a8" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "analytics_rating_facts" ADD CONSTRAINT "FK_8b24029de246f4df2992aa1d9db" FOREIGN KEY ("scorecard_id") REFERENCES "scorecards"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "analytics_question_facts" ADD CONSTRAINT "FK_bef6202a293576ab686aecd452a" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "analytics_question_facts" ADD CONSTRAINT "FK_9b4854892f5d9a6093e10b7373e" FOREIGN KEY ("scorecard_id") REFERENCES "scorecards"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`DELETE FROM "analytics_snapshots"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "analytics_question_facts" DROP CONSTRAINT "FK_9b4854892f5d9a6093e10b7373e"`);
    await queryRunner.query(`ALTER TABLE "analytics_question_facts" DROP CONSTRAINT "FK_bef6202a293576ab686aecd452a"`);
    await queryRunner.query(`ALTER TABLE "analytics_rating_facts" DROP CONSTRAINT "FK_8b24029de246f4df2992aa1d9db"`);
    await queryRunner.query(`ALTER TABLE "analytics_rating_facts" DROP CONSTRAINT "FK_2f17f104694a1d6a30fbf1412a8"`);
    await queryRunner.query(`ALTER TABLE "analytics_scorecard_facts" DROP CONSTRAINT "FK_20e78211b1147d9bbf65747def2"`);
    await queryRunner.query(`ALTER TABLE "analytics_scorecard_facts" DROP CONSTRAINT "FK_45f9684ee82ac31f8c44c5497ae"`);
    await queryRunner.query(`DROP INDEX "public"."analytics_question_facts_submitted_idx"`);
    await queryRunner.query(`DROP INDEX "public"."analytics_question_facts_scorecard_idx"`);
    await queryRunner.query(`DROP TABLE "analytics_question_facts"`);
    await queryRunner.query(`DROP INDEX "public"."analytics_rating_facts_submitted_idx"`);
    await queryRunner.query(`DROP INDEX "public"."analytics_rating_facts_scorecard_idx"`);
    await queryRunner.query(`DROP TABLE "analytics_rating_facts"`);
    await queryRunner.query(`DROP INDEX "public"."analytics_scorecard_facts_submitted_idx"`);
    await queryRunner.query(`DROP TABLE "analytics_scorecard_facts"`);
  }
}
