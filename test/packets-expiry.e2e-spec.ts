import { Test } from '@nestjs/testing';
import { AppConfig, CoreModule } from '@loopwright/core';
import { DatabaseModule, JobQueueModule } from '@loopwright/database';
import { PacketExport, PacketExportRunner, PacketExportWorkerModule } from '@loopwright/packets';
import { as, createTeam, createTestApp, type TestApp, type TestTeam } from '@loopwright/testing';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { ENTITIES } from '../apps/api/src/entities.js';

describe('packets: expired exports', () => {
  let testApp: TestApp;
  let worker: INestApplicationContext;
  let team: TestTeam;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'loopwright-expiry-'));

  beforeAll(async () => {
    testApp = await createTestApp({ DATA_DIR: dataDir, EXPORT_TTL_DAYS: '7' });
    team = await createTeam(testApp, { admin: ['admin'] });
    const moduleRef = await Test.createTestingModule({
      imports: [CoreModule, DatabaseModule.forRoot({ entities: ENTITIES }), JobQueueModule.forRoot({ role: 'worker' }), PacketExportWorkerModule],
    }).compile();
    worker = await moduleRef.init();
  });

  afterAll(async () => {
    await worker.close();
    await testApp.close();
  });

  it('deletes archives older than EXPORT_TTL_DAYS and marks them expired, keeping newer ones and fresh partial files', async () => {
    const exportsDir = path.join(dataDir, 'exports');
    mkdirSync(exportsDir, { recursive: true });
    const make = async (daysOld: number): Promise<string> => {
      const id = randomUUID();
      await testApp.dataSource.manager.insert(PacketExport, {
        id,
        organizationId: team.organization.id,
        requestedBy: team.users.admin!.id,
        loopIds: [],
        format: 'html',
        status: 'done',
      });
      await testApp.dataSource.query(`UPDATE packet_exports SET created_at = now() - make_interval(days => $2) WHERE id = $1`, [id, daysOld]);
      writeFileSync(path.join(exportsDir, `${id}.zip`), 'zip');
      return id;
    };
    const old = await make(8);
    const recent = await make(2);
    const stalePartial = path.join(exportsDir, `${randomUUID()}.zip.partial-${randomUUID()}`);
    const freshPartial = path.join(exportsDir, `${randomUUID()}.zip.partial-${randomUUID()}`);
    writeFileSync(stalePartial, 'half');
    writeFileSync(freshPartial, 'half');
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(stalePartial, hourAgo, hourAgo);

    expect(worker.get(AppConfig).dataDir).toBe(dataDir);
    expect(await worker.get(PacketExportRunner).removeExpired()).toBeGreaterThanOrEqual(1);

    expect(existsSync(path.join(exportsDir, `${old}.zip`))).toBe(false);
    expect(existsSync(path.join(exportsDir, `${recent}.zip`))).toBe(true);
    expect(existsSync(stalePartial)).toBe(false);
    expect(existsSync(freshPartial)).toBe(true);
    const expired = await as(testApp, team.users.admin!).get(`/api/exports/${old}`).expect(200);
    expect(expired.body.status).toBe('expired');
    await as(testApp, team.users.admin!).get(`/api/exports/${old}/download`).expect(409);
    const kept = await as(testApp, team.users.admin!).get(`/api/exports/${recent}`).expect(200);
    expect(kept.body.status).toBe('done');
  });
});
