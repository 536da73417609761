import type { MigrationInterface, QueryRunner } from 'typeorm';

export class QuestionBank1795929837575 implements MigrationInterface {
  name = 'QuestionBank1795929837575';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Hand-written: the IMMUTABLE search document behind the generated column (array_to_string alone is STABLE).
    await queryRunner.query(
      `CREATE FUNCTION question_search_vector(title text, tags text[], prompt text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || setweight(to_tsvector('english'::regconfig, coalesce(array_to_string(tags, ' '), '')), 'B') || setweight(to_tsvector('english'::regconfig, coalesce(prompt, '')), 'C') $$`,
    );
    // Hand-edited: TypeORM reads a generated column's expression back from its metadata table, keyed by database
    // name; the generated statement named the scratch database, and nothing created the table.
    await queryRunner.query(
      `CREATE TABLE IF NOT EXISTS "typeorm_metadata" ("type" character varying NOT NULL, "database" character varying, "schema" character varying, "table" character varying, "name" character varying, "value" text)`,
    );
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (current_database(), current_schema(), $1, $2, $3, $4)`,
      ['questions', 'GENERATED_COLUMN', 'search', 'question_search_vector(title, tags, prompt)'],
    );
    await queryRunner.query(
      `CREATE TABLE "questions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "pillar_id" uuid NOT NULL, "title" text NOT NULL, "prompt" text NOT NULL, "tags" text array NOT NULL DEFAULT '{}', "difficulty" integer NOT NULL, "roles" text array NOT NULL DEFAULT '{}', "status" text NOT NULL DEFAULT 'active', "retire_reason" text, "retired_at" TIMESTAMP WITH TIME ZONE, "author_id" uuid, "current_version" integer NOT NULL DEFAULT '1', "times_planned" integer NOT NULL DEFAULT '0', "times_asked" integer NOT NULL DEFAULT '0', "last_planned_at" TIMESTAMP WITH TIME ZONE, "last_asked_at" TIMESTAMP WITH TIME ZONE, "search" tsvector GENERATED ALWAYS AS (question_search_vector(title, tags, prompt)) STORED NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "questions_current_version_positive" CHECK (current_version >= 1), CONSTRAINT "questions_status_known" CHECK (status IN ('active', 'retired')), CONSTRAINT "questions_roles_known" CHECK (roles <@ ARRAY['ai_engineer','ml_engineer']::text[]), CONSTRAINT "questions_difficulty_range" CHECK (difficulty BETWEEN 1 AND 5), CONSTRAINT "PK_08a6d4b0f49ff300bf3a0ca60ac" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "questions_pillar_idx" ON "questions"  ("pillar_id") `);
    await queryRunner.query(
      `CREATE INDEX "questions_org_status_created_idx" ON "questions"  ("organization_id", "status", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "question_exposures" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "question_id" uuid NOT NULL, "version" integer NOT NULL, "candidate_id" uuid NOT NULL, "loop_id" uuid, "kind" text NOT NULL, "at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "question_exposures_kind_known" CHECK (kind IN ('planned', 'asked')), CONSTRAINT "PK_c21715c4b77c670f297e1f992b3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "question_exposures_question_idx" ON "question_exposures"  ("question_id") `);
    await queryRunner.query(
      `CREATE INDEX "question_exposures_candidate_idx" ON "question_exposures"  ("organization_id", "candidate_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "question_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "question_id" uuid NOT NULL, "number" integer NOT NULL, "prompt" text NOT NULL, "rubric" jsonb NOT NULL, "follow_ups" text array NOT NULL DEFAULT '{}', "author_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "question_versions_rubric_levels" CHECK (rubric ?& ARRAY['strong_no','no','yes','strong_yes']), CONSTRAINT "question_versions_prompt_length" CHECK (char_length(prompt) BETWEEN 1 AND 20000), CONSTRAINT "question_versions_number_positive" CHECK (number >= 1), CONSTRAINT "PK_cf0e5fdf563f7d8286f7d8e68ea" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "question_versions_question_number_key" ON "question_versions"  ("question_id", "number") `,
    );
    // Hand-written: GIN indexes (declared with synchronize: false on the entity).
    await queryRunner.query(`CREATE INDEX "questions_search_idx" ON "questions" USING gin ("search")`);
    await queryRunner.query(`CREATE INDEX "questions_tags_idx" ON "questions" USING gin ("tags")`);
    await queryRunner.query(
      `ALTER TABLE "questions" ADD CONSTRAINT "FK_e4b83ffcb0af243a1cdcfec78f2" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "questions" ADD CONSTRAINT "FK_2ae9650a36bfab0209fc793b1ad" FOREIGN KEY ("pillar_id") REFERENCES "pillars"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "questions" ADD CONSTRAINT "FK_dcaac7adf4b5af7bc980ec5250e" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "question_exposures" ADD CONSTRAINT "FK_7c905ed0c2269c2d327227a8f6d" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "question_exposures" ADD CONSTRAINT "FK_5f2b3082e20d3cb8c9adafd37b0" FOREIGN KEY ("question_id") REFERENCES "questions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "question_versions" ADD CONSTRAINT "FK_71f3c78f024223afa7bf08744e1" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "question_versions" ADD CONSTRAINT "FK_9c563964fa0634f79052ed9eeb9" FOREIGN KEY ("question_id") REFERENCES "questions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "question_versions" ADD CONSTRAINT "FK_138f569e98456782b12dc5178cc" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "question_versions" DROP CONSTRAINT "FK_138f569e98456782b12dc5178cc"`);
    await queryRunner.query(`ALTER TABLE "question_versions" DROP CONSTRAINT "FK_9c563964fa0634f79052ed9eeb9"`);
    await queryRunner.query(`ALTER TABLE "question_versions" DROP CONSTRAINT "FK_71f3c78f024223afa7bf08744e1"`);
    await queryRunner.query(`ALTER TABLE "question_exposures" DROP CONSTRAINT "FK_5f2b3082e20d3cb8c9adafd37b0"`);
    await queryRunner.query(`ALTER TABLE "question_exposures" DROP CONSTRAINT "FK_7c905ed0c2269c2d327227a8f6d"`);
    await queryRunner.query(`ALTER TABLE "questions" DROP CONSTRAINT "FK_dcaac7adf4b5af7bc980ec5250e"`);
    await queryRunner.query(`ALTER TABLE "questions" DROP CONSTRAINT "FK_2ae9650a36bfab0209fc793b1ad"`);
    await queryRunner.query(`ALTER TABLE "questions" DROP CONSTRAINT "FK_e4b83ffcb0af243a1cdcfec78f2"`);
    await queryRunner.query(`DROP INDEX "public"."question_versions_question_number_key"`);
    await queryRunner.query(`DROP TABLE "question_versions"`);
    await queryRunner.query(`DROP INDEX "public"."question_exposures_candidate_idx"`);
    await queryRunner.query(`DROP INDEX "public"."question_exposures_question_idx"`);
    await queryRunner.query(`DROP TABLE "question_exposures"`);
    await queryRunner.query(`DROP INDEX "public"."questions_org_status_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."questions_pillar_idx"`);
    await queryRunner.query(`DROP INDEX "public"."questions_tags_idx"`);
    await queryRunner.query(`DROP INDEX "public"."questions_search_idx"`);
    await queryRunner.query(`DROP TABLE "questions"`);
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = $1 AND "name" = $2 AND "database" = current_database() AND "schema" = current_schema() AND "table" = $3`,
      ['GENERATED_COLUMN', 'search', 'questions'],
    );
    await queryRunner.query(`DROP FUNCTION question_search_vector(text, text[], text)`);
  }
}
