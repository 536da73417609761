import { Test, type TestingModule } from '@nestjs/testing';
import type { Response } from 'superagent';
import { CoreModule } from '@loopwright/core';
import { DatabaseModule, JobQueueModule } from '@loopwright/database';
import { PacketExport, PacketExportRunner, PacketExportWorkerModule, PdfRenderer } from '@loopwright/packets';
import { as, createCandidateLoop, createPosition, createTeam, createTestApp, readZip, templatesByName, type TestApp, type TestTeam } from '@loopwright/testing';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ENTITIES } from '../apps/api/src/entities.js';

const binaryParser = (response: Response, callback: (error: Error | null, body: Buffer) => void): void => {
  const stream = response as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
};

const isPdf = (body: Buffer): boolean => body.subarray(0, 5).toString('latin1') === '%PDF-';
const slug = (name: string): string => name.toLowerCase().replaceAll(' ', '-');

describe('packets: PDFs under concurrent requests and in bulk', () => {
  let testApp: TestApp;
  let team: TestTeam;
  let worker: TestingModule;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'loopwright-pdf-bulk-'));
  const names = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Katherine Johnson', 'Dorothy Vaughan', 'Mary Jackson'];
  const loopIds: string[] = [];
  const WORKER_PAGES = 3;

  const api = (key: string) => as(testApp, team.users[key]!);
  const exportFiles = (exportId: string): string[] =>
    existsSync(path.join(dataDir, 'exports')) ? readdirSync(path.join(dataDir, 'exports')).filter((file) => file.startsWith(exportId)) : [];

  beforeAll(async () => {
    // The API prints one page at a time; the export runner (a worker of its own, below) three.
    testApp = await createTestApp({ DATA_DIR: dataDir, PDF_CONCURRENCY: '1' });
    team = await createTeam(testApp, { admin: ['admin'], hiringManager: ['hiring_manager'], recruiter: ['recruiter'] });
    const positionId = await createPosition(api('hiringManager'), { title: 'AI Engineer', roleFamily: 'ai_engineer', level: 'senior' });
    const templateId = (await templatesByName(api('admin')))['AI Engineer onsite']!.id;
    for (const name of names) loopIds.push((await createCandidateLoop(api('recruiter'), { name }, { positionId, templateId })).id);
    process.env.PDF_CONCURRENCY = String(WORKER_PAGES);
    try {
      // The export runner without its queue worker (compiled, not started): the tests run each export themselves.
      worker = await Test.createTestingModule({
        imports: [CoreModule, DatabaseModule.forRoot({ entities: ENTITIES }), JobQueueModule.forRoot({ role: 'producer' }), PacketExportWorkerModule],
      }).compile();
    } finally {
      process.env.PDF_CONCURRENCY = '1';
    }
  }, 180_000);

  afterAll(async () => {
    await worker?.close();
    await testApp.close();
  });

  it('queues concurrent PDF requests for the one page: every one answers 200 with its candidate’s PDF', async () => {
    const renderer = testApp.app.get(PdfRenderer);
    expect(renderer.concurrency).toBe(1);
    // A different loop each, so that no answer comes from the rendered-packet cache.
    const responses = await Promise.all(loopIds.map((loopId) => api('admin').get(`/api/loops/${loopId}/packet?format=pdf`).buffer(true).parse(binaryParser)));
    responses.forEach((response, index) => {
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toContain(`packet-${slug(names[index]!)}-`);
      expect(isPdf(response.body as Buffer)).toBe(true);
    });
    expect(renderer.peakPagesInUse).toBe(1);
    expect(renderer.pagesInUse).toBe(0);
  });

  it('makes a bulk PDF export with several pages at once, its archive in the export’s order', async () => {
    const renderer = worker.get(PdfRenderer);
    expect(renderer.concurrency).toBe(WORKER_PAGES);
    const order = [...loopIds].reverse();
    const created = await api('recruiter').post('/api/exports').send({ loopIds: order, format: 'pdf' }).expect(202);
    await worker.get(PacketExportRunner).run({ exportId: created.body.id, organizationId: team.organization.id });
    const status = (await api('recruiter').get(`/api/exports/${created.body.id}`).expect(200)).body;
    expect(status).toMatchObject({ status: 'done', done: names.length, total: names.length });

    expect(exportFiles(created.body.id)).toEqual([`${created.body.id}.zip`]);
    const entries = await readZip(readFileSync(path.join(dataDir, 'exports', `${created.body.id}.zip`)));
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as { files: { file: string; loopId: string }[] };
    expect(manifest.files.map((file) => file.loopId)).toEqual(order);
    const reversedNames = [...names].reverse();
    expect([...entries.keys()]).toEqual([...manifest.files.map((file) => file.file), 'manifest.json']);
    manifest.files.forEach((file, index) => {
      expect(file.file.startsWith(`${String(index + 1).padStart(4, '0')}-packet-${slug(reversedNames[index]!)}-`)).toBe(true);
      expect(isPdf(entries.get(file.file)!)).toBe(true);
    });
    expect(renderer.peakPagesInUse).toBeLessThanOrEqual(WORKER_PAGES);
    expect(renderer.pagesInUse).toBe(0);
  });

  it('fails the whole export when one packet fails, leaving no partial archive and no page printing', async () => {
    const renderer = worker.get(PdfRenderer);
    const exportId = randomUUID();
    // A loop that does not exist (the API refuses one; an erasure between request and run makes one) second of five.
    await testApp.dataSource.manager.insert(PacketExport, {
      id: exportId,
      organizationId: team.organization.id,
      requestedBy: team.users.recruiter!.id,
      loopIds: [loopIds[0]!, randomUUID(), ...loopIds.slice(1, 4)],
      format: 'pdf',
      status: 'queued',
    });
    await expect(worker.get(PacketExportRunner).run({ exportId, organizationId: team.organization.id })).rejects.toThrow();
    const status = (await api('recruiter').get(`/api/exports/${exportId}`).expect(200)).body;
    expect(status.status).toBe('failed');
    expect(status.done).toBeLessThanOrEqual(1);
    expect(exportFiles(exportId)).toEqual([]);
    expect(renderer.pagesInUse).toBe(0);
  });
});
