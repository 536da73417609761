import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CandidatePrivacy1796153024488 implements MigrationInterface {
  name = 'CandidatePrivacy1796153024488';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "erasure_requests" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "candidate_id" uuid NOT NULL, "candidate_number" integer NOT NULL, "mode" text NOT NULL, "trigger" text NOT NULL, "reason" text NOT NULL, "requested_by_id" uuid, "executed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "erased" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "erasure_requests_trigger_known" CHECK (trigger IN ('request', 'retention')), CONSTRAINT "erasure_requests_mode_known" CHECK (mode IN ('anonymize', 'delete')), CONSTRAINT "PK_75acaa00d66ed88c38230c54505" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "erasure_requests_candidate_idx" ON "erasure_requests"  ("organization_id", "candidate_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "erasure_requests_number_key" ON "erasure_requests"  ("organization_id", "candidate_number") `);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "candidate_retention_days" integer`);
    await queryRunner.query(`ALTER TABLE "candidates" ADD "legal_hold" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "candidates" ADD "anonymized_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "loops" ADD "closed_at" TIMESTAMP(3) WITH TIME ZONE`);
    // Loops closed before: decided at their decision, cancelled at their last change.
    await queryRunner.query(
      `UPDATE "loops" l SET "closed_at" = COALESCE((SELECT d."decided_at" FROM "loop_decisions" d WHERE d."loop_id" = l."id"), l."updated_at") WHERE l."status" IN ('decided', 'cancelled')`,
    );
    await queryRunner.query(`DROP INDEX "public"."candidates_organization_email_key"`);
    await queryRunner.query(`ALTER TABLE "candidates" ALTER COLUMN "email" DROP NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "candidates_organization_email_key" ON "candidates"  ("organization_id", "email") `);
    await queryRunner.query(`ALTER TABLE "erasure_requests" ADD CONSTRAINT "FK_508ff4acd96dfa7ffeb3c371654" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "erasure_requests" ADD CONSTRAINT "FK_d309bb4ad7a9a397dfe537af249" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "erasure_requests" DROP CONSTRAINT "FK_d309bb4ad7a9a397dfe537af249"`);
    await queryRunner.query(`ALTER TABLE "erasure_requests" DROP CONSTRAINT "FK_508ff4acd96dfa7ffeb3c371654"`);
    await queryRunner.query(`DROP INDEX "public"."candidates_organization_email_key"`);
    await queryRunner.query(`ALTER TABLE "candidates" ALTER COLUMN "email" SET NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "candidates_organization_email_key" ON "candidates" USING btree ("organization_id", "email") `);
    await queryRunner.query(`ALTER TABLE "loops" DROP COLUMN "closed_at"`);
    await queryRunner.query(`ALTER TABLE "candidates" DROP COLUMN "anonymized_at"`);
    await queryRunner.query(`ALTER TABLE "candidates" DROP COLUMN "legal_hold"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "candidate_retention_days"`);
    await queryRunner.query(`DROP INDEX "public"."erasure_requests_number_key"`);
    await queryRunner.query(`DROP INDEX "public"."erasure_requests_candidate_idx"`);
    await queryRunner.query(`DROP TABLE "erasure_requests"`);
  }
}
