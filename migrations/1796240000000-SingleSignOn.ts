import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SingleSignOn1796240000000 implements MigrationInterface {
  name = 'SingleSignOn1796240000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "sso_settings" ("organization_id" uuid NOT NULL, "issuer" text NOT NULL, "client_id" text NOT NULL, "client_secret_sealed" text NOT NULL, "role_claim" text, "role_mapping" jsonb NOT NULL DEFAULT '{}', "default_roles" text array NOT NULL DEFAULT '{}', "required" boolean NOT NULL DEFAULT false, "break_glass_user_ids" uuid array NOT NULL DEFAULT '{}', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2da1d6adf800509ac95bd7d305e" PRIMARY KEY ("organization_id"))`);
    await queryRunner.query(`CREATE TABLE "oidc_login_states" ("organization_id" uuid NOT NULL, "state_hash" bytea NOT NULL, "nonce" text NOT NULL, "code_verifier" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_ed4b77d1fa74df9e8cb1fe2d588" PRIMARY KEY ("state_hash"))`);
    await queryRunner.query(`CREATE INDEX "oidc_login_states_expires_idx" ON "oidc_login_states"  ("expires_at") `);
    await queryRunner.query(`CREATE TABLE "sso_domains" ("organization_id" uuid NOT NULL, "domain" text NOT NULL, CONSTRAINT "PK_586adb1f29cd99ed778c30fb1fd" PRIMARY KEY ("domain"))`);
    await queryRunner.query(`CREATE TABLE "sso_link_approvals" ("organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "approved_by" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d4855c15946f26c769658c98356" PRIMARY KEY ("user_id"))`);
    await queryRunner.query(`CREATE TABLE "user_identities" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "issuer" text NOT NULL, "subject" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e23bff04e9c3e7b785e442b262c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "user_identities_user_idx" ON "user_identities"  ("user_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "user_identities_issuer_subject_key" ON "user_identities"  ("issuer", "subject") `);
    await queryRunner.query(`ALTER TABLE "sso_settings" ADD CONSTRAINT "FK_2da1d6adf800509ac95bd7d305e" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "oidc_login_states" ADD CONSTRAINT "FK_021c65716b1502b3cd6132b8790" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sso_domains" ADD CONSTRAINT "FK_1926a64c7aa574c4d06660efab7" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sso_link_approvals" ADD CONSTRAINT "FK_bc11886890d20cbc87c9cca8db1" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sso_link_approvals" ADD CONSTRAINT "FK_d4855c15946f26c769658c98356" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "user_identities" ADD CONSTRAINT "FK_e17b5ebe2a88badebd4caf0884e" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "user_identities" ADD CONSTRAINT "FK_bf5fe01eb8cad7114b4c371cdc7" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_identities" DROP CONSTRAINT "FK_bf5fe01eb8cad7114b4c371cdc7"`);
    await queryRunner.query(`ALTER TABLE "user_identities" DROP CONSTRAINT "FK_e17b5ebe2a88badebd4caf0884e"`);
    await queryRunner.query(`ALTER TABLE "sso_link_approvals" DROP CONSTRAINT "FK_d4855c15946f26c769658c98356"`);
    await queryRunner.query(`ALTER TABLE "sso_link_approvals" DROP CONSTRAINT "FK_bc11886890d20cbc87c9cca8db1"`);
    await queryRunner.query(`ALTER TABLE "sso_domains" DROP CONSTRAINT "FK_1926a64c7aa574c4d06660efab7"`);
    await queryRunner.query(`ALTER TABLE "oidc_login_states" DROP CONSTRAINT "FK_021c65716b1502b3cd6132b8790"`);
    await queryRunner.query(`ALTER TABLE "sso_settings" DROP CONSTRAINT "FK_2da1d6adf800509ac95bd7d305e"`);
    await queryRunner.query(`DROP INDEX "public"."user_identities_issuer_subject_key"`);
    await queryRunner.query(`DROP INDEX "public"."user_identities_user_idx"`);
    await queryRunner.query(`DROP TABLE "user_identities"`);
    await queryRunner.query(`DROP TABLE "sso_link_approvals"`);
    await queryRunner.query(`DROP TABLE "sso_domains"`);
    await queryRunner.query(`DROP INDEX "public"."oidc_login_states_expires_idx"`);
    await queryRunner.query(`DROP TABLE "oidc_login_states"`);
    await queryRunner.query(`DROP TABLE "sso_settings"`);
  }
}
