import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PacketExports1795933001431 implements MigrationInterface {
  name = 'PacketExports1795933001431';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "packet_exports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "requested_by" uuid NOT NULL, "position_id" uuid, "loop_ids" uuid array NOT NULL, "format" text NOT NULL, "template_id" uuid, "redact_interviewers" boolean NOT NULL DEFAULT false, "include_shadows" boolean NOT NULL DEFAULT false, "status" text NOT NULL DEFAULT 'queued', "done" integer NOT NULL DEFAULT '0', "error" text, "size_bytes" bigint, "sha256" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "packet_exports_format_known" CHECK (format IN ('html', 'markdown', 'pdf')), CONSTRAINT "packet_exports_status_known" CHECK (status IN ('queued', 'running', 'done', 'failed', 'expired')), CONSTRAINT "PK_59a8e2c2f19292c9ba23bb94831" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "packet_exports_org_created_idx" ON "packet_exports"  ("organization_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "packet_exports" ADD CONSTRAINT "FK_c944238de55cf48833dbc24cacd" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "packet_exports" ADD CONSTRAINT "FK_1114059672a00952bf7d6c61e49" FOREIGN KEY ("requested_by") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "packet_exports" DROP CONSTRAINT "FK_1114059672a00952bf7d6c61e49"`);
    await queryRunner.query(`ALTER TABLE "packet_exports" DROP CONSTRAINT "FK_c944238de55cf48833dbc24cacd"`);
    await queryRunner.query(`DROP INDEX "public"."packet_exports_org_created_idx"`);
    await queryRunner.query(`DROP TABLE "packet_exports"`);
  }
}
