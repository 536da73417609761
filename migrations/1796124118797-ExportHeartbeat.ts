import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The export liveness columns (the worker retries a running export whose heartbeat went silent), and the move from
 * pg-boss 12 to 10: a `pgboss` schema made by pg-boss 12 (schema version above 24) is one pg-boss 10 cannot use, so
 * it is dropped (pg-boss 10 creates its own on start). Its jobs are lost with it: exports still queued or running
 * are marked failed, to be requested again.
 */
export class ExportHeartbeat1796124118797 implements MigrationInterface {
  name = 'ExportHeartbeat1796124118797';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "packet_exports" ADD "heartbeat_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "packet_exports" ADD "job_id" uuid`);
    await queryRunner.query(`
      DO $$
      DECLARE installed int;
      BEGIN
        IF to_regclass('pgboss.version') IS NOT NULL THEN
          EXECUTE 'SELECT max(version) FROM pgboss.version' INTO installed;
        END IF;
        IF installed > 24 THEN
          DROP SCHEMA pgboss CASCADE;
          UPDATE packet_exports SET status = 'failed', error = 'The job queue was reset by an upgrade; request the export again'
          WHERE status IN ('queued', 'running');
        END IF;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "packet_exports" DROP COLUMN "job_id"`);
    await queryRunner.query(`ALTER TABLE "packet_exports" DROP COLUMN "heartbeat_at"`);
  }
}
