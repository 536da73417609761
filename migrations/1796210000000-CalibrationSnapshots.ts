import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CalibrationSnapshots1796210000000 implements MigrationInterface {
  name = 'CalibrationSnapshots1796210000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "calibration_snapshots" ("organization_id" uuid NOT NULL, "computed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "fingerprint" text NOT NULL, "result" jsonb NOT NULL, CONSTRAINT "PK_976b6e36bfdf9556f0ccb222a0f" PRIMARY KEY ("organization_id"))`);
    await queryRunner.query(`ALTER TABLE "calibration_snapshots" ADD CONSTRAINT "FK_976b6e36bfdf9556f0ccb222a0f" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "calibration_snapshots" DROP CONSTRAINT "FK_976b6e36bfdf9556f0ccb222a0f"`);
    await queryRunner.query(`DROP TABLE "calibration_snapshots"`);
  }
}
