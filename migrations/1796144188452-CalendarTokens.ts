import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Calendar feed tokens: one per user, only the SHA-256 of the token stored. */
export class CalendarTokens1796144188452 implements MigrationInterface {
  name = 'CalendarTokens1796144188452';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "calendar_tokens" ("organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "token_hash" bytea NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_b72b4c7c65d3753a2b4fd1bb02a" PRIMARY KEY ("user_id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "calendar_tokens_token_hash" ON "calendar_tokens"  ("token_hash") `);
    await queryRunner.query(`ALTER TABLE "calendar_tokens" ADD CONSTRAINT "FK_9540f5fa4c02740bf5f99403db0" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "calendar_tokens" ADD CONSTRAINT "FK_b72b4c7c65d3753a2b4fd1bb02a" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "calendar_tokens" DROP CONSTRAINT "FK_b72b4c7c65d3753a2b4fd1bb02a"`);
    await queryRunner.query(`ALTER TABLE "calendar_tokens" DROP CONSTRAINT "FK_9540f5fa4c02740bf5f99403db0"`);
    await queryRunner.query(`DROP INDEX "public"."calendar_tokens_token_hash"`);
    await queryRunner.query(`DROP TABLE "calendar_tokens"`);
  }
}
