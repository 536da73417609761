import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1795929612245 implements MigrationInterface {
  name = 'Identity1795929612245';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "organizations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "rating_due_hours" integer NOT NULL DEFAULT '1', "writeup_due_hours" integer NOT NULL DEFAULT '24', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6b031fcd0863e3f6b44230163f9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "audit_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "actor_id" uuid, "action" text NOT NULL, "entity_type" text NOT NULL, "entity_id" uuid NOT NULL, "changes" jsonb NOT NULL DEFAULT '{}', "request_id" text, "at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "audit_events_actor_idx" ON "audit_events"  ("organization_id", "actor_id") `);
    await queryRunner.query(`CREATE INDEX "audit_events_org_time_idx" ON "audit_events" ("organization_id", "at" DESC, "id" DESC)`);
    await queryRunner.query(`CREATE INDEX "audit_events_entity_idx" ON "audit_events"  ("organization_id", "entity_type", "entity_id") `);
    await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "email" text NOT NULL, "name" text NOT NULL, "roles" text array NOT NULL DEFAULT '{}', "password_hash" text, "active" boolean NOT NULL DEFAULT true, "weekly_interview_limit" integer, "timezone" text NOT NULL DEFAULT 'UTC', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "users_email_lowercase" CHECK (email = lower(email)), CONSTRAINT "users_roles_known" CHECK (roles <@ ARRAY['admin','hiring_manager','recruiter','interviewer']::text[]), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "users_organization_email_key" ON "users"  ("organization_id", "email") `);
    await queryRunner.query(`CREATE TABLE "user_qualifications" ("user_id" uuid NOT NULL, "pillar_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "level" text NOT NULL, CONSTRAINT "user_qualifications_level_known" CHECK (level IN ('shadow', 'qualified')), CONSTRAINT "PK_fdcfaa90e60c29cb2057d2bf019" PRIMARY KEY ("user_id", "pillar_id"))`);
    await queryRunner.query(`CREATE INDEX "user_qualifications_pillar_idx" ON "user_qualifications"  ("pillar_id") `);
    await queryRunner.query(`CREATE TABLE "api_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "kind" text NOT NULL, "name" text, "token_hash" bytea NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "api_tokens_kind_known" CHECK (kind IN ('session', 'personal')), CONSTRAINT "PK_c587455266b5fa8dace7194caac" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "api_tokens_hash_key" ON "api_tokens"  ("token_hash") `);
    await queryRunner.query(`CREATE INDEX "api_tokens_user_idx" ON "api_tokens"  ("user_id") `);
    await queryRunner.query(`CREATE TABLE "login_failures" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "failed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8211e8ec810fd7f976b98ce97a0" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "login_failures_email_time_idx" ON "login_failures"  ("email", "failed_at") `);
    await queryRunner.query(`CREATE TABLE "pillars" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "key" text NOT NULL, "name" text NOT NULL, "description" text NOT NULL DEFAULT '', "position" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cb2ba89e2c266c25383c010c51e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "pillars_organization_key_key" ON "pillars"  ("organization_id", "key") `);
    await queryRunner.query(`ALTER TABLE "audit_events" ADD CONSTRAINT "FK_6510e4bf7423cd3d750e8c2ae81" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "FK_21a659804ed7bf61eb91688dea7" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "user_qualifications" ADD CONSTRAINT "FK_674c8f8ab7002788896fc1ff1ba" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "user_qualifications" ADD CONSTRAINT "FK_6b49cc36c9a6ed1f393840709d5" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "user_qualifications" ADD CONSTRAINT "FK_e674ec7e40605e511e975fc7027" FOREIGN KEY ("pillar_id") REFERENCES "pillars"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "api_tokens" ADD CONSTRAINT "FK_82b1830617163ff0ea221d0b98b" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "api_tokens" ADD CONSTRAINT "FK_b74883f5884a42fd8496d389b25" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "pillars" ADD CONSTRAINT "FK_23c5c67479c459b2f25fdec98c2" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."audit_events_org_time_idx"`);
    await queryRunner.query(`ALTER TABLE "pillars" DROP CONSTRAINT "FK_23c5c67479c459b2f25fdec98c2"`);
    await queryRunner.query(`ALTER TABLE "api_tokens" DROP CONSTRAINT "FK_b74883f5884a42fd8496d389b25"`);
    await queryRunner.query(`ALTER TABLE "api_tokens" DROP CONSTRAINT "FK_82b1830617163ff0ea221d0b98b"`);
    await queryRunner.query(`ALTER TABLE "user_qualifications" DROP CONSTRAINT "FK_e674ec7e40605e511e975fc7027"`);
    await queryRunner.query(`ALTER TABLE "user_qualifications" DROP CONSTRAINT "FK_6b49cc36c9a6ed1f393840709d5"`);
    await queryRunner.query(`ALTER TABLE "user_qualifications" DROP CONSTRAINT "FK_674c8f8ab7002788896fc1ff1ba"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_21a659804ed7bf61eb91688dea7"`);
    await queryRunner.query(`ALTER TABLE "audit_events" DROP CONSTRAINT "FK_6510e4bf7423cd3d750e8c2ae81"`);
    await queryRunner.query(`DROP INDEX "public"."pillars_organization_key_key"`);
    await queryRunner.query(`DROP TABLE "pillars"`);
    await queryRunner.query(`DROP INDEX "public"."login_failures_email_time_idx"`);
    await queryRunner.query(`DROP TABLE "login_failures"`);
    await queryRunner.query(`DROP INDEX "public"."api_tokens_user_idx"`);
    await queryRunner.query(`DROP INDEX "public"."api_tokens_hash_key"`);
    await queryRunner.query(`DROP TABLE "api_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."user_qualifications_pillar_idx"`);
    await queryRunner.query(`DROP TABLE "user_qualifications"`);
    await queryRunner.query(`DROP INDEX "public"."users_organization_email_key"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."audit_events_entity_idx"`);
    await queryRunner.query(`DROP INDEX "public"."audit_events_actor_idx"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
    await queryRunner.query(`DROP TABLE "organizations"`);
  }
}
