import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PacketTemplates1795932492319 implements MigrationInterface {
  name = 'PacketTemplates1795932492319';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "packet_templates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "name" text NOT NULL, "format" text NOT NULL, "current_version" integer NOT NULL DEFAULT '1', "deleted_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "packet_templates_format_known" CHECK (format IN ('html', 'markdown')), CONSTRAINT "PK_60a514c604ea1d01351d4338652" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "packet_templates_org_name_idx" ON "packet_templates"  ("organization_id", "name", "id") `);
    await queryRunner.query(`CREATE TABLE "packet_template_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "template_id" uuid NOT NULL, "number" integer NOT NULL, "source" text NOT NULL, "author_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7f7186455a921627403dfb39dcd" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "packet_template_versions_template_number_key" ON "packet_template_versions"  ("template_id", "number") `);
    await queryRunner.query(`ALTER TABLE "packet_templates" ADD CONSTRAINT "FK_d5233cd017d2f3332010cd078fd" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "packet_template_versions" ADD CONSTRAINT "FK_86b485adae69b223c4d86f43633" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "packet_template_versions" ADD CONSTRAINT "FK_8107c856cc273f374038b52a636" FOREIGN KEY ("template_id") REFERENCES "packet_templates"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "packet_template_versions" DROP CONSTRAINT "FK_8107c856cc273f374038b52a636"`);
    await queryRunner.query(`ALTER TABLE "packet_template_versions" DROP CONSTRAINT "FK_86b485adae69b223c4d86f43633"`);
    await queryRunner.query(`ALTER TABLE "packet_templates" DROP CONSTRAINT "FK_d5233cd017d2f3332010cd078fd"`);
    await queryRunner.query(`DROP INDEX "public"."packet_template_versions_template_number_key"`);
    await queryRunner.query(`DROP TABLE "packet_template_versions"`);
    await queryRunner.query(`DROP INDEX "public"."packet_templates_org_name_idx"`);
    await queryRunner.query(`DROP TABLE "packet_templates"`);
  }
}
