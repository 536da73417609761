import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PillarReferences1796128497892 implements MigrationInterface {
  name = 'PillarReferences1796128497892';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_qualifications" DROP CONSTRAINT "FK_e674ec7e40605e511e975fc7027"`);
    await queryRunner.query(`CREATE TABLE "loop_round_pillars" ("organization_id" uuid NOT NULL, "round_id" uuid NOT NULL, "pillar_id" uuid NOT NULL, CONSTRAINT "PK_0653421c10e30074d34e0172bea" PRIMARY KEY ("round_id", "pillar_id"))`);
    await queryRunner.query(`CREATE INDEX "loop_round_pillars_pillar_idx" ON "loop_round_pillars"  ("pillar_id") `);
    await queryRunner.query(`ALTER TABLE "pillars" ADD CONSTRAINT "pillars_organization_id_key" UNIQUE ("organization_id", "id")`);
    await queryRunner.query(`ALTER TABLE "user_qualifications" ADD CONSTRAINT "pillar_used_by_interviewer_qualifications" FOREIGN KEY ("pillar_id", "organization_id") REFERENCES "pillars"("id","organization_id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "loop_round_pillars" ADD CONSTRAINT "FK_8fd9a8ed352ea854965b5d6ea33" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "loop_round_pillars" ADD CONSTRAINT "FK_0b01ebd324ac9f7aefe49f9b49a" FOREIGN KEY ("round_id") REFERENCES "loop_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "loop_round_pillars" ADD CONSTRAINT "pillar_used_by_loop_rounds" FOREIGN KEY ("pillar_id", "organization_id") REFERENCES "pillars"("id","organization_id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    // The rows of every round there is (a pillar id some round kept after its pillar went is left out), then the trigger
    // that keeps them equal to `loop_rounds.pillar_ids`: the code writes only the array.
    await queryRunner.query(`INSERT INTO "loop_round_pillars" ("round_id", "pillar_id", "organization_id")
      SELECT DISTINCT r.id, p.id, r.organization_id FROM "loop_rounds" r CROSS JOIN LATERAL unnest(r.pillar_ids) AS listed(pillar_id)
        JOIN "pillars" p ON p.id = listed.pillar_id AND p.organization_id = r.organization_id`);
    await queryRunner.query(`CREATE FUNCTION loop_round_pillars_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM loop_round_pillars WHERE round_id = NEW.id AND NOT (pillar_id = ANY (NEW.pillar_ids));
        INSERT INTO loop_round_pillars (round_id, pillar_id, organization_id)
          SELECT DISTINCT NEW.id, listed.pillar_id, NEW.organization_id FROM unnest(NEW.pillar_ids) AS listed(pillar_id)
          ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER loop_round_pillars_sync AFTER INSERT OR UPDATE OF pillar_ids ON "loop_rounds" FOR EACH ROW EXECUTE FUNCTION loop_round_pillars_sync()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER loop_round_pillars_sync ON "loop_rounds"`);
    await queryRunner.query(`DROP FUNCTION loop_round_pillars_sync()`);
    await queryRunner.query(`ALTER TABLE "loop_round_pillars" DROP CONSTRAINT "pillar_used_by_loop_rounds"`);
    await queryRunner.query(`ALTER TABLE "loop_round_pillars" DROP CONSTRAINT "FK_0b01ebd324ac9f7aefe49f9b49a"`);
    await queryRunner.query(`ALTER TABLE "loop_round_pillars" DROP CONSTRAINT "FK_8fd9a8ed352ea854965b5d6ea33"`);
    await queryRunner.query(`ALTER TABLE "user_qualifications" DROP CONSTRAINT "pillar_used_by_interviewer_qualifications"`);
    await queryRunner.query(`ALTER TABLE "pillars" DROP CONSTRAINT "pillars_organization_id_key"`);
    await queryRunner.query(`DROP INDEX "public"."loop_round_pillars_pillar_idx"`);
    await queryRunner.query(`DROP TABLE "loop_round_pillars"`);
    await queryRunner.query(`ALTER TABLE "user_qualifications" ADD CONSTRAINT "FK_e674ec7e40605e511e975fc7027" FOREIGN KEY ("pillar_id") REFERENCES "pillars"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }
}
