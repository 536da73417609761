import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationPreferencesAndSlack1796152124157 implements MigrationInterface {
  name = 'NotificationPreferencesAndSlack1796152124157';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "notification_preferences" ("organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "disabled_kinds" text array NOT NULL DEFAULT '{}', "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_64c90edc7310c6be7c10c96f675" PRIMARY KEY ("user_id"))`);
    await queryRunner.query(`CREATE TABLE "slack_outbox" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "idempotency_key" text NOT NULL, "payload" jsonb NOT NULL, "status" text NOT NULL DEFAULT 'queued', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "last_error" text, "sent_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "slack_outbox_status_known" CHECK (status IN ('queued', 'sending', 'sent', 'failed')), CONSTRAINT "PK_a3f442a451146f614deb5fc10f6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "slack_outbox_due_idx" ON "slack_outbox"  ("next_attempt_at") WHERE status IN ('queued', 'sending')`);
    await queryRunner.query(`CREATE UNIQUE INDEX "slack_outbox_idempotency_key" ON "slack_outbox"  ("idempotency_key") `);
    await queryRunner.query(`CREATE TABLE "slack_settings" ("organization_id" uuid NOT NULL, "webhook_url" text NOT NULL, "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_5caffc1263ccf37020c8787b7bd" PRIMARY KEY ("organization_id"))`);
    await queryRunner.query(`ALTER TABLE "notification_preferences" ADD CONSTRAINT "FK_7e6d48f418bce30f6bed5e9e6f3" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "notification_preferences" ADD CONSTRAINT "FK_64c90edc7310c6be7c10c96f675" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "slack_outbox" ADD CONSTRAINT "FK_3c6bfb1f9b0b20739d1d1c12507" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "slack_settings" ADD CONSTRAINT "FK_5caffc1263ccf37020c8787b7bd" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "slack_settings" DROP CONSTRAINT "FK_5caffc1263ccf37020c8787b7bd"`);
    await queryRunner.query(`ALTER TABLE "slack_outbox" DROP CONSTRAINT "FK_3c6bfb1f9b0b20739d1d1c12507"`);
    await queryRunner.query(`ALTER TABLE "notification_preferences" DROP CONSTRAINT "FK_64c90edc7310c6be7c10c96f675"`);
    await queryRunner.query(`ALTER TABLE "notification_preferences" DROP CONSTRAINT "FK_7e6d48f418bce30f6bed5e9e6f3"`);
    await queryRunner.query(`DROP TABLE "slack_settings"`);
    await queryRunner.query(`DROP INDEX "public"."slack_outbox_idempotency_key"`);
    await queryRunner.query(`DROP INDEX "public"."slack_outbox_due_idx"`);
    await queryRunner.query(`DROP TABLE "slack_outbox"`);
    await queryRunner.query(`DROP TABLE "notification_preferences"`);
  }
}
