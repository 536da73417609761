import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The mail outbox (one row per message, sent by the worker) and the SEQUENCE of each calendar invite. */
export class MailOutboxAndInvites1796140855090 implements MigrationInterface {
  name = 'MailOutboxAndInvites1796140855090';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "invite_sequences" ("organization_id" uuid NOT NULL, "round_id" uuid NOT NULL, "user_id" uuid NOT NULL, "sequence" integer NOT NULL, "active" boolean NOT NULL, "starts_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "summary" text NOT NULL, "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_d1be47efa35793da569fdb6aa76" PRIMARY KEY ("round_id", "user_id"))`);
    await queryRunner.query(`CREATE TABLE "mail_outbox" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL, "recipient_user_id" uuid, "recipient_address" text NOT NULL, "subject" text NOT NULL, "text_body" text NOT NULL, "html_body" text NOT NULL, "calendar_method" text, "calendar_body" text, "idempotency_key" text NOT NULL, "status" text NOT NULL DEFAULT 'queued', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "last_error" text, "sent_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "mail_outbox_calendar_whole" CHECK ((calendar_method IS NULL) = (calendar_body IS NULL)), CONSTRAINT "mail_outbox_status_known" CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'held')), CONSTRAINT "PK_fecc63c96385bc35a39ccf2a72e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "mail_outbox_due_idx" ON "mail_outbox"  ("next_attempt_at") WHERE status IN ('queued', 'sending')`);
    await queryRunner.query(`CREATE UNIQUE INDEX "mail_outbox_idempotency_key" ON "mail_outbox"  ("idempotency_key") `);
    await queryRunner.query(`ALTER TABLE "invite_sequences" ADD CONSTRAINT "FK_432c9e0640c126ea622ab1c0524" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "invite_sequences" ADD CONSTRAINT "FK_8269d535e5e05b987e62230ca83" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" ADD CONSTRAINT "FK_7be19b46ceb20e5f2d05fc48c62" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" ADD CONSTRAINT "FK_b2cf05111c72458f30aaae6d970" FOREIGN KEY ("recipient_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mail_outbox" DROP CONSTRAINT "FK_b2cf05111c72458f30aaae6d970"`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" DROP CONSTRAINT "FK_7be19b46ceb20e5f2d05fc48c62"`);
    await queryRunner.query(`ALTER TABLE "invite_sequences" DROP CONSTRAINT "FK_8269d535e5e05b987e62230ca83"`);
    await queryRunner.query(`ALTER TABLE "invite_sequences" DROP CONSTRAINT "FK_432c9e0640c126ea622ab1c0524"`);
    await queryRunner.query(`DROP INDEX "public"."mail_outbox_idempotency_key"`);
    await queryRunner.query(`DROP INDEX "public"."mail_outbox_due_idx"`);
    await queryRunner.query(`DROP TABLE "mail_outbox"`);
    await queryRunner.query(`DROP TABLE "invite_sequences"`);
  }
}
