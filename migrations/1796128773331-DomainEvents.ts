import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The domain event outbox (`domain_events`), the subscribers workers run, and one delivery per event and subscriber. */
export class DomainEvents1796128773331 implements MigrationInterface {
  name = 'DomainEvents1796128773331';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "domain_event_deliveries" ("organization_id" uuid NOT NULL, "subscriber" text NOT NULL, "event_id" uuid NOT NULL, "aggregate_type" text NOT NULL, "aggregate_id" uuid NOT NULL, "event_sequence" bigint NOT NULL, "status" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP(3) WITH TIME ZONE, "last_error" text, "delivered_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "domain_event_deliveries_status_known" CHECK (status IN ('pending', 'delivered', 'failed')), CONSTRAINT "PK_6475dc437dc69e81b9a55c0dfec" PRIMARY KEY ("subscriber", "event_id"))`);
    await queryRunner.query(`CREATE INDEX "domain_event_deliveries_due_idx" ON "domain_event_deliveries"  ("subscriber", "event_sequence") WHERE status = 'pending'`);
    await queryRunner.query(`CREATE INDEX "domain_event_deliveries_pending_idx" ON "domain_event_deliveries"  ("subscriber", "aggregate_type", "aggregate_id", "event_sequence") WHERE status = 'pending'`);
    await queryRunner.query(`CREATE TABLE "domain_event_subscribers" ("name" text NOT NULL, "handles" text array NOT NULL, "registered_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1941083fbe4fdeb2b2d644fdaa1" PRIMARY KEY ("name"))`);
    await queryRunner.query(`CREATE TABLE "domain_events" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "sequence" BIGSERIAL NOT NULL, "type" text NOT NULL, "aggregate_type" text NOT NULL, "aggregate_id" uuid NOT NULL, "actor_id" uuid, "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "payload" jsonb NOT NULL, CONSTRAINT "PK_66e0920a32dda3a89b46ee7a981" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "domain_events_sequence_key" ON "domain_events"  ("sequence") `);
    await queryRunner.query(`ALTER TABLE "domain_event_deliveries" ADD CONSTRAINT "FK_536168fbfad1d1bbf169e116fc7" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "domain_event_deliveries" ADD CONSTRAINT "FK_600d84ff949e3722c45426e9802" FOREIGN KEY ("subscriber") REFERENCES "domain_event_subscribers"("name") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "domain_event_deliveries" ADD CONSTRAINT "FK_1ce25d33d7f84cc004f92c7650e" FOREIGN KEY ("event_id") REFERENCES "domain_events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "domain_events" ADD CONSTRAINT "FK_bea85224e097297515b2e9eb05d" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "domain_events" DROP CONSTRAINT "FK_bea85224e097297515b2e9eb05d"`);
    await queryRunner.query(`ALTER TABLE "domain_event_deliveries" DROP CONSTRAINT "FK_1ce25d33d7f84cc004f92c7650e"`);
    await queryRunner.query(`ALTER TABLE "domain_event_deliveries" DROP CONSTRAINT "FK_600d84ff949e3722c45426e9802"`);
    await queryRunner.query(`ALTER TABLE "domain_event_deliveries" DROP CONSTRAINT "FK_536168fbfad1d1bbf169e116fc7"`);
    await queryRunner.query(`DROP INDEX "public"."domain_events_sequence_key"`);
    await queryRunner.query(`DROP TABLE "domain_events"`);
    await queryRunner.query(`DROP TABLE "domain_event_subscribers"`);
    await queryRunner.query(`DROP INDEX "public"."domain_event_deliveries_pending_idx"`);
    await queryRunner.query(`DROP INDEX "public"."domain_event_deliveries_due_idx"`);
    await queryRunner.query(`DROP TABLE "domain_event_deliveries"`);
  }
}
