import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Loops1795930597767 implements MigrationInterface {
  name = 'Loops1795930597767';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Hand-written: the exclusion constraint on loop_rounds (one interviewer, no overlapping rounds) needs btree_gist
    // for the uuid equality inside a GiST index.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(
      `CREATE TABLE "candidates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "name" text NOT NULL, "email" text NOT NULL, "phone" text, "source" text, "notes" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "candidates_email_lowercase" CHECK (email = lower(email)), CONSTRAINT "PK_140681296bf033ab1eb95288abb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "candidates_organization_email_key" ON "candidates"  ("organization_id", "email") `);
    await queryRunner.query(
      `CREATE TABLE "candidate_conflicts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "candidate_id" uuid NOT NULL, "user_id" uuid NOT NULL, "reason" text NOT NULL, "declared_by_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f04dd9600f96a7cde63d80b7912" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "candidate_conflicts_user_idx" ON "candidate_conflicts"  ("user_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "candidate_conflicts_candidate_user_key" ON "candidate_conflicts"  ("candidate_id", "user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "positions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "title" text NOT NULL, "role_family" text NOT NULL, "level" text NOT NULL, "hiring_manager_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'open', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "positions_status_known" CHECK (status IN ('open', 'closed')), CONSTRAINT "positions_role_family_known" CHECK (role_family IN ('ai_engineer', 'ml_engineer', 'other')), CONSTRAINT "PK_17e4e62ccd5749b289ae3fae6f3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "positions_hiring_manager_idx" ON "positions"  ("hiring_manager_id") `);
    await queryRunner.query(`CREATE INDEX "positions_organization_idx" ON "positions"  ("organization_id") `);
    await queryRunner.query(
      `CREATE TABLE "loop_templates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "name" text NOT NULL, "description" text NOT NULL DEFAULT '', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_877de8dbc30cfaf04b6842f52a6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "loop_templates_organization_idx" ON "loop_templates"  ("organization_id") `);
    await queryRunner.query(
      `CREATE TABLE "loops" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "candidate_id" uuid NOT NULL, "position_id" uuid NOT NULL, "template_id" uuid, "status" text NOT NULL DEFAULT 'draft', "created_by_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "loops_status_known" CHECK (status IN ('draft', 'scheduled', 'in_review', 'decided', 'cancelled')), CONSTRAINT "PK_14ee9fbd8f2b241ae21927abbc0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "loops_position_idx" ON "loops"  ("position_id") `);
    await queryRunner.query(`CREATE INDEX "loops_candidate_idx" ON "loops"  ("candidate_id") `);
    await queryRunner.query(`CREATE INDEX "loops_organization_created_idx" ON "loops"  ("organization_id", "created_at") `);
    await queryRunner.query(
      `CREATE TABLE "loop_rounds" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "loop_id" uuid NOT NULL, "position" integer NOT NULL, "title" text NOT NULL, "pillar_ids" uuid array NOT NULL, "duration_minutes" integer NOT NULL DEFAULT '60', "starts_at" TIMESTAMP(3) WITH TIME ZONE, "ends_at" TIMESTAMP(3) WITH TIME ZONE, "interviewer_id" uuid, "scorecard_status" text NOT NULL DEFAULT 'not_started', CONSTRAINT "loop_rounds_duration_range" CHECK (duration_minutes BETWEEN 1 AND 480), CONSTRAINT "loop_rounds_at_most_8_hours" CHECK (ends_at - starts_at <= interval '8 hours'), CONSTRAINT "loop_rounds_times_ordered" CHECK (ends_at > starts_at), CONSTRAINT "loop_rounds_times_together" CHECK ((starts_at IS NULL) = (ends_at IS NULL)), CONSTRAINT "loop_rounds_interviewer_no_overlap" EXCLUDE USING gist ("interviewer_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&) WHERE ("interviewer_id" IS NOT NULL AND "starts_at" IS NOT NULL AND "ends_at" IS NOT NULL), CONSTRAINT "PK_ba821da769bf5b30fa18384c7b4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "loop_rounds_interviewer_idx" ON "loop_rounds"  ("interviewer_id") `);
    await queryRunner.query(`CREATE INDEX "loop_rounds_loop_idx" ON "loop_rounds"  ("loop_id") `);
    await queryRunner.query(
      `CREATE TABLE "round_questions" ("round_id" uuid NOT NULL, "question_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "loop_id" uuid NOT NULL, "version" integer NOT NULL, "position" integer NOT NULL, CONSTRAINT "PK_8cad4e24c92eff42a9cf3a7fb32" PRIMARY KEY ("round_id", "question_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "round_questions_question_idx" ON "round_questions"  ("question_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "round_questions_loop_question_key" ON "round_questions"  ("loop_id", "question_id") `);
    await queryRunner.query(
      `CREATE TABLE "round_shadows" ("round_id" uuid NOT NULL, "user_id" uuid NOT NULL, "organization_id" uuid NOT NULL, CONSTRAINT "PK_5992739fa3252c76eb640c3de1c" PRIMARY KEY ("round_id", "user_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "round_shadows_user_idx" ON "round_shadows"  ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "loop_template_rounds" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "template_id" uuid NOT NULL, "position" integer NOT NULL, "title" text NOT NULL, "duration_minutes" integer NOT NULL, "pillar_ids" uuid array NOT NULL, "question_count" integer NOT NULL, CONSTRAINT "loop_template_rounds_question_count_range" CHECK (question_count BETWEEN 0 AND 10), CONSTRAINT "loop_template_rounds_duration_range" CHECK (duration_minutes BETWEEN 1 AND 480), CONSTRAINT "PK_cbf50fbacf15bad4dca3f048a81" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "loop_template_rounds_template_idx" ON "loop_template_rounds"  ("template_id") `);
    await queryRunner.query(
      `ALTER TABLE "candidates" ADD CONSTRAINT "FK_03919fd83cf4d8a756e0761ce85" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "candidate_conflicts" ADD CONSTRAINT "FK_17580d0ecca3bf1d18e997a4c30" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "candidate_conflicts" ADD CONSTRAINT "FK_83b75cc6ee3fab8a41cecccede1" FOREIGN KEY ("candidate_id") REFERENCES "candidates"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "candidate_conflicts" ADD CONSTRAINT "FK_8fd6053745ec3fe77bbaefee7f0" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "candidate_conflicts" ADD CONSTRAINT "FK_1fe5cd8f95652bc081916aa682e" FOREIGN KEY ("declared_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "positions" ADD CONSTRAINT "FK_558198775d351c94287b370d082" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "positions" ADD CONSTRAINT "FK_31ebaf9198ec3488ea275465ca8" FOREIGN KEY ("hiring_manager_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "loop_templates" ADD CONSTRAINT "FK_7d2dbeae77285e6eeaebb20c4bd" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "loops" ADD CONSTRAINT "FK_12e2d6483bd2454276cbe528696" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "loops" ADD CONSTRAINT "FK_4f91e3080d4263a3e20f2a15760" FOREIGN KEY ("candidate_id") REFERENCES "candidates"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "loops" ADD CONSTRAINT "FK_7fd15ee1355e3563ef942dec2fb" FOREIGN KEY ("position_id") REFERENCES "positions"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "loops" ADD CONSTRAINT "FK_dd6b17f961a2b07ce5a2a3cb8da" FOREIGN KEY ("template_id") REFERENCES "loop_templates"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "loops" ADD CONSTRAINT "FK_8e1693b15c43302c49f8b94a196" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "loop_rounds" ADD CONSTRAINT "FK_e89d558dfcbb7649118bb28b44a" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "loop_rounds" ADD CONSTRAINT "FK_95d1bbac1ea4dc8e714e4c1532f" FOREIGN KEY ("loop_id") REFERENCES "loops"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "loop_rounds" ADD CONSTRAINT "FK_e3e8887557c3078745dc69f02d0" FOREIGN KEY ("interviewer_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "round_questions" ADD CONSTRAINT "FK_4196861d6d6e4d3e25bcac17ee4" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "round_questions" ADD CONSTRAINT "FK_48679defa759dfde7c1779ee191" FOREIGN KEY ("loop_id") REFERENCES "loops"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "round_questions" ADD CONSTRAINT "FK_9ac69c93cd58acde04245d1f5f6" FOREIGN KEY ("round_id") REFERENCES "loop_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "round_questions" ADD CONSTRAINT "FK_dbc38278a53f8fcb6ce877e3e2a" FOREIGN KEY ("question_id") REFERENCES "questions"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "round_shadows" ADD CONSTRAINT "FK_1d35398214523de83b7e0e12853" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "round_shadows" ADD CONSTRAINT "FK_df94863b3bdeb19c405360ef38b" FOREIGN KEY ("round_id") REFERENCES "loop_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "round_shadows" ADD CONSTRAINT "FK_c24065ce03b90552ce5b38608c3" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "loop_template_rounds" ADD CONSTRAINT "FK_32f1a2cd6920ebea101d3562252" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "loop_template_rounds" ADD CONSTRAINT "FK_9c86e652c33de7c9a11d7dd14b4" FOREIGN KEY ("template_id") REFERENCES "loop_templates"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "loop_template_rounds" DROP CONSTRAINT "FK_9c86e652c33de7c9a11d7dd14b4"`);
    await queryRunner.query(`ALTER TABLE "loop_template_rounds" DROP CONSTRAINT "FK_32f1a2cd6920ebea101d3562252"`);
    await queryRunner.query(`ALTER TABLE "round_shadows" DROP CONSTRAINT "FK_c24065ce03b90552ce5b38608c3"`);
    await queryRunner.query(`ALTER TABLE "round_shadows" DROP CONSTRAINT "FK_df94863b3bdeb19c405360ef38b"`);
    await queryRunner.query(`ALTER TABLE "round_shadows" DROP CONSTRAINT "FK_1d35398214523de83b7e0e12853"`);
    await queryRunner.query(`ALTER TABLE "round_questions" DROP CONSTRAINT "FK_dbc38278a53f8fcb6ce877e3e2a"`);
    await queryRunner.query(`ALTER TABLE "round_questions" DROP CONSTRAINT "FK_9ac69c93cd58acde04245d1f5f6"`);
    await queryRunner.query(`ALTER TABLE "round_questions" DROP CONSTRAINT "FK_48679defa759dfde7c1779ee191"`);
    await queryRunner.query(`ALTER TABLE "round_questions" DROP CONSTRAINT "FK_4196861d6d6e4d3e25bcac17ee4"`);
    await queryRunner.query(`ALTER TABLE "loop_rounds" DROP CONSTRAINT "FK_e3e8887557c3078745dc69f02d0"`);
    await queryRunner.query(`ALTER TABLE "loop_rounds" DROP CONSTRAINT "FK_95d1bbac1ea4dc8e714e4c1532f"`);
    await queryRunner.query(`ALTER TABLE "loop_rounds" DROP CONSTRAINT "FK_e89d558dfcbb7649118bb28b44a"`);
    await queryRunner.query(`ALTER TABLE "loops" DROP CONSTRAINT "FK_8e1693b15c43302c49f8b94a196"`);
    await queryRunner.query(`ALTER TABLE "loops" DROP CONSTRAINT "FK_dd6b17f961a2b07ce5a2a3cb8da"`);
    await queryRunner.query(`ALTER TABLE "loops" DROP CONSTRAINT "FK_7fd15ee1355e3563ef942dec2fb"`);
    await queryRunner.query(`ALTER TABLE "loops" DROP CONSTRAINT "FK_4f91e3080d4263a3e20f2a15760"`);
    await queryRunner.query(`ALTER TABLE "loops" DROP CONSTRAINT "FK_12e2d6483bd2454276cbe528696"`);
    await queryRunner.query(`ALTER TABLE "loop_templates" DROP CONSTRAINT "FK_7d2dbeae77285e6eeaebb20c4bd"`);
    await queryRunner.query(`ALTER TABLE "positions" DROP CONSTRAINT "FK_31ebaf9198ec3488ea275465ca8"`);
    await queryRunner.query(`ALTER TABLE "positions" DROP CONSTRAINT "FK_558198775d351c94287b370d082"`);
    await queryRunner.query(`ALTER TABLE "candidate_conflicts" DROP CONSTRAINT "FK_1fe5cd8f95652bc081916aa682e"`);
    await queryRunner.query(`ALTER TABLE "candidate_conflicts" DROP CONSTRAINT "FK_8fd6053745ec3fe77bbaefee7f0"`);
    await queryRunner.query(`ALTER TABLE "candidate_conflicts" DROP CONSTRAINT "FK_83b75cc6ee3fab8a41cecccede1"`);
    await queryRunner.query(`ALTER TABLE "candidate_conflicts" DROP CONSTRAINT "FK_17580d0ecca3bf1d18e997a4c30"`);
    await queryRunner.query(`ALTER TABLE "candidates" DROP CONSTRAINT "FK_03919fd83cf4d8a756e0761ce85"`);
    await queryRunner.query(`DROP INDEX "public"."loop_template_rounds_template_idx"`);
    await queryRunner.query(`DROP TABLE "loop_template_rounds"`);
    await queryRunner.query(`DROP INDEX "public"."round_shadows_user_idx"`);
    await queryRunner.query(`DROP TABLE "round_shadows"`);
    await queryRunner.query(`DROP INDEX "public"."round_questions_loop_question_key"`);
    await queryRunner.query(`DROP INDEX "public"."round_questions_question_idx"`);
    await queryRunner.query(`DROP TABLE "round_questions"`);
    await queryRunner.query(`DROP INDEX "public"."loop_rounds_loop_idx"`);
    await queryRunner.query(`DROP INDEX "public"."loop_rounds_interviewer_idx"`);
    await queryRunner.query(`DROP TABLE "loop_rounds"`);
    await queryRunner.query(`DROP INDEX "public"."loops_organization_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."loops_candidate_idx"`);
    await queryRunner.query(`DROP INDEX "public"."loops_position_idx"`);
    await queryRunner.query(`DROP TABLE "loops"`);
    await queryRunner.query(`DROP INDEX "public"."loop_templates_organization_idx"`);
    await queryRunner.query(`DROP TABLE "loop_templates"`);
    await queryRunner.query(`DROP INDEX "public"."positions_organization_idx"`);
    await queryRunner.query(`DROP INDEX "public"."positions_hiring_manager_idx"`);
    await queryRunner.query(`DROP TABLE "positions"`);
    await queryRunner.query(`DROP INDEX "public"."candidate_conflicts_candidate_user_key"`);
    await queryRunner.query(`DROP INDEX "public"."candidate_conflicts_user_idx"`);
    await queryRunner.query(`DROP TABLE "candidate_conflicts"`);
    await queryRunner.query(`DROP INDEX "public"."candidates_organization_email_key"`);
    await queryRunner.query(`DROP TABLE "candidates"`);
  }
}
