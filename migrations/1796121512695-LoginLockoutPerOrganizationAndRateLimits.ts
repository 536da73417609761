import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LoginLockoutPerOrganizationAndRateLimits1796121512695 implements MigrationInterface {
  name = 'LoginLockoutPerOrganizationAndRateLimits1796121512695';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "rate_limit_windows" ("key" text NOT NULL, "hits" integer NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_9417b505596cea358b6bb991dd3" PRIMARY KEY ("key"))`);
    await queryRunner.query(`CREATE INDEX "rate_limit_windows_expires_idx" ON "rate_limit_windows"  ("expires_at") `);
    await queryRunner.query(`ALTER TABLE "login_failures" ADD "organization_id" uuid`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "login_failures" DROP COLUMN "organization_id"`);
    await queryRunner.query(`DROP INDEX "public"."rate_limit_windows_expires_idx"`);
    await queryRunner.query(`DROP TABLE "rate_limit_windows"`);
  }
}
