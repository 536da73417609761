import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AccessEvents1796152178591 implements MigrationInterface {
  name = 'AccessEvents1796152178591';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "access_events" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "actor_id" uuid, "kind" text NOT NULL, "entity_type" text NOT NULL, "entity_id" uuid NOT NULL, "candidate_id" uuid, "format" text, "request_id" text, "at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_b5edb54463ff60f59a3d40f71e3" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "access_events_org_time_idx" ON "access_events" ("organization_id", "at" DESC, "id" DESC)`);
    await queryRunner.query(`CREATE INDEX "access_events_at_idx" ON "access_events"  ("at") `);
    await queryRunner.query(`CREATE INDEX "access_events_org_actor_idx" ON "access_events"  ("organization_id", "actor_id") `);
    await queryRunner.query(`CREATE INDEX "access_events_org_candidate_idx" ON "access_events"  ("organization_id", "candidate_id") `);
    await queryRunner.query(`ALTER TABLE "access_events" ADD CONSTRAINT "FK_7d7cd51bbbdc03d5c180e367a4e" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "access_events" DROP CONSTRAINT "FK_7d7cd51bbbdc03d5c180e367a4e"`);
    await queryRunner.query(`DROP INDEX "public"."access_events_org_candidate_idx"`);
    await queryRunner.query(`DROP INDEX "public"."access_events_org_actor_idx"`);
    await queryRunner.query(`DROP INDEX "public"."access_events_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."access_events_org_time_idx"`);
    await queryRunner.query(`DROP TABLE "access_events"`);
  }
}
