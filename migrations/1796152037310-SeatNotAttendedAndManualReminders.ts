import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SeatNotAttendedAndManualReminders1796152037310 implements MigrationInterface {
  name = 'SeatNotAttendedAndManualReminders1796152037310';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "manual_reminders" ("organization_id" uuid NOT NULL, "round_id" uuid NOT NULL, "user_id" uuid NOT NULL, "reminded_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "reminded_by_id" uuid, CONSTRAINT "PK_0dcb245653d9310631880342607" PRIMARY KEY ("round_id", "user_id"))`);
    await queryRunner.query(`ALTER TABLE "loop_rounds" ADD "interviewer_not_attended_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "round_shadows" ADD "not_attended_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "manual_reminders" ADD CONSTRAINT "FK_f5a3bae9ac6715f8ec1a5f570e0" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "manual_reminders" ADD CONSTRAINT "FK_b6a00cb811c1ed87fd8be865496" FOREIGN KEY ("round_id") REFERENCES "loop_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "manual_reminders" ADD CONSTRAINT "FK_b878fecb80fb66602089c5b06b1" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "manual_reminders" ADD CONSTRAINT "FK_d336466029aac71e0f45afc15ab" FOREIGN KEY ("reminded_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "manual_reminders" DROP CONSTRAINT "FK_d336466029aac71e0f45afc15ab"`);
    await queryRunner.query(`ALTER TABLE "manual_reminders" DROP CONSTRAINT "FK_b878fecb80fb66602089c5b06b1"`);
    await queryRunner.query(`ALTER TABLE "manual_reminders" DROP CONSTRAINT "FK_b6a00cb811c1ed87fd8be865496"`);
    await queryRunner.query(`ALTER TABLE "manual_reminders" DROP CONSTRAINT "FK_f5a3bae9ac6715f8ec1a5f570e0"`);
    await queryRunner.query(`ALTER TABLE "round_shadows" DROP COLUMN "not_attended_at"`);
    await queryRunner.query(`ALTER TABLE "loop_rounds" DROP COLUMN "interviewer_not_attended_at"`);
    await queryRunner.query(`DROP TABLE "manual_reminders"`);
  }
}
