import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Scorecards1795932774502 implements MigrationInterface {
  name = 'Scorecards1795932774502';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "loop_decisions" ("loop_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "decision" text NOT NULL, "note" text, "forced" boolean NOT NULL DEFAULT false, "missing_round_ids" uuid array NOT NULL DEFAULT '{}', "decided_by_id" uuid, "decided_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "loop_decisions_decision_known" CHECK (decision IN ('hire', 'no_hire')), CONSTRAINT "PK_31a08b615063656018e7ff8a86e" PRIMARY KEY ("loop_id"))`);
    await queryRunner.query(`CREATE TABLE "scorecards" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "loop_id" uuid NOT NULL, "round_id" uuid NOT NULL, "author_id" uuid NOT NULL, "shadow" boolean NOT NULL DEFAULT false, "status" text NOT NULL DEFAULT 'draft', "version" integer NOT NULL DEFAULT '1', "ratings" jsonb NOT NULL DEFAULT '[]', "questions_asked" jsonb NOT NULL DEFAULT '[]', "recommendation" text, "summary" text, "round_ends_at" TIMESTAMP(3) WITH TIME ZONE, "rating_due_at" TIMESTAMP(3) WITH TIME ZONE, "writeup_due_at" TIMESTAMP(3) WITH TIME ZONE, "submitted_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "scorecards_submitted_at" CHECK ((status = 'submitted') = (submitted_at IS NOT NULL)), CONSTRAINT "scorecards_recommendation_known" CHECK (recommendation IN ('strong_no', 'no', 'yes', 'strong_yes')), CONSTRAINT "scorecards_status_known" CHECK (status IN ('draft', 'submitted')), CONSTRAINT "PK_5ab8d3887ff2fb66e229c1fdd89" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "scorecards_author_idx" ON "scorecards"  ("organization_id", "author_id") `);
    await queryRunner.query(`CREATE INDEX "scorecards_loop_idx" ON "scorecards"  ("organization_id", "loop_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "scorecards_round_author_key" ON "scorecards"  ("round_id", "author_id") `);
    await queryRunner.query(`CREATE TABLE "scorecard_amendments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "scorecard_id" uuid NOT NULL, "loop_id" uuid NOT NULL, "sequence" integer NOT NULL, "author_id" uuid NOT NULL, "reason" text NOT NULL, "ratings" jsonb, "recommendation" text, "summary" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "scorecard_amendments_recommendation_known" CHECK (recommendation IN ('strong_no', 'no', 'yes', 'strong_yes')), CONSTRAINT "PK_55f244984fb6bb5300145c7ef40" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "scorecard_amendments_loop_idx" ON "scorecard_amendments"  ("organization_id", "loop_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "scorecard_amendments_sequence_key" ON "scorecard_amendments"  ("scorecard_id", "sequence") `);
    await queryRunner.query(`ALTER TABLE "loop_decisions" ADD CONSTRAINT "FK_31a08b615063656018e7ff8a86e" FOREIGN KEY ("loop_id") REFERENCES "loops"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "loop_decisions" ADD CONSTRAINT "FK_f7872163f01d70f3af8524131d9" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "loop_decisions" ADD CONSTRAINT "FK_22f9510ed9c1ef6901a9d691b27" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "scorecards" ADD CONSTRAINT "FK_f460ddf54aec59d92184e7bf573" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "scorecards" ADD CONSTRAINT "FK_ecd88a9038fa90601b5ddc50155" FOREIGN KEY ("loop_id") REFERENCES "loops"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "scorecards" ADD CONSTRAINT "FK_b7cfb157c1d2dea77f9324cf87c" FOREIGN KEY ("round_id") REFERENCES "loop_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "scorecards" ADD CONSTRAINT "FK_01d7b69d6272216b3b8ab9dca14" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "scorecard_amendments" ADD CONSTRAINT "FK_7e2e1c281b725369c854535d1e4" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "scorecard_amendments" ADD CONSTRAINT "FK_30695ceb75abf756fff97cd3319" FOREIGN KEY ("scorecard_id") REFERENCES "scorecards"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "scorecard_amendments" ADD CONSTRAINT "FK_9634166cf1b304b680cc099a690" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "scorecard_amendments" DROP CONSTRAINT "FK_9634166cf1b304b680cc099a690"`);
    await queryRunner.query(`ALTER TABLE "scorecard_amendments" DROP CONSTRAINT "FK_30695ceb75abf756fff97cd3319"`);
    await queryRunner.query(`ALTER TABLE "scorecard_amendments" DROP CONSTRAINT "FK_7e2e1c281b725369c854535d1e4"`);
    await queryRunner.query(`ALTER TABLE "scorecards" DROP CONSTRAINT "FK_01d7b69d6272216b3b8ab9dca14"`);
    await queryRunner.query(`ALTER TABLE "scorecards" DROP CONSTRAINT "FK_b7cfb157c1d2dea77f9324cf87c"`);
    await queryRunner.query(`ALTER TABLE "scorecards" DROP CONSTRAINT "FK_ecd88a9038fa90601b5ddc50155"`);
    await queryRunner.query(`ALTER TABLE "scorecards" DROP CONSTRAINT "FK_f460ddf54aec59d92184e7bf573"`);
    await queryRunner.query(`ALTER TABLE "loop_decisions" DROP CONSTRAINT "FK_22f9510ed9c1ef6901a9d691b27"`);
    await queryRunner.query(`ALTER TABLE "loop_decisions" DROP CONSTRAINT "FK_f7872163f01d70f3af8524131d9"`);
    await queryRunner.query(`ALTER TABLE "loop_decisions" DROP CONSTRAINT "FK_31a08b615063656018e7ff8a86e"`);
    await queryRunner.query(`DROP INDEX "public"."scorecard_amendments_sequence_key"`);
    await queryRunner.query(`DROP INDEX "public"."scorecard_amendments_loop_idx"`);
    await queryRunner.query(`DROP TABLE "scorecard_amendments"`);
    await queryRunner.query(`DROP INDEX "public"."scorecards_round_author_key"`);
    await queryRunner.query(`DROP INDEX "public"."scorecards_loop_idx"`);
    await queryRunner.query(`DROP INDEX "public"."scorecards_author_idx"`);
    await queryRunner.query(`DROP TABLE "scorecards"`);
    await queryRunner.query(`DROP TABLE "loop_decisions"`);
  }
}
