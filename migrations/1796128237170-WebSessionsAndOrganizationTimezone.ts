import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WebSessionsAndOrganizationTimezone1796128237170 implements MigrationInterface {
  name = 'WebSessionsAndOrganizationTimezone1796128237170';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organizations" ADD "timezone" text NOT NULL DEFAULT 'UTC'`);
    // TypeORM does not compare CHECK constraints: written by hand.
    await queryRunner.query(`ALTER TABLE "api_tokens" DROP CONSTRAINT "api_tokens_kind_known"`);
    await queryRunner.query(`ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_kind_known" CHECK (kind IN ('session', 'personal', 'web'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "api_tokens" WHERE kind = 'web'`);
    await queryRunner.query(`ALTER TABLE "api_tokens" DROP CONSTRAINT "api_tokens_kind_known"`);
    await queryRunner.query(`ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_kind_known" CHECK (kind IN ('session', 'personal'))`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "timezone"`);
  }
}
