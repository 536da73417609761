import type { Response } from 'superagent';
import { Clock } from '@loopwright/core';
import { as, createCandidateLoop, createLoopTemplate, createPosition, createTeam, createTestApp, patchRound, pillarIdsByKey, qualify, readZip, submitScorecard, templatesByName, type TestApp, type TestTeam } from '@loopwright/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const binaryParser = (response: Response, callback: (error: Error | null, body: Buffer) => void): void => {
  const stream = response as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('packets: loop packets and bulk exports', () => {
  let testApp: TestApp;
  let team: TestTeam;
  let other: TestTeam;
  let positionId: string;
  const loopIds: string[] = [];
  const dataDir = mkdtempSync(path.join(tmpdir(), 'loopwright-exports-'));

  const api = (key: string) => as(testApp, team.users[key]!);

  beforeAll(async () => {
    testApp = await createTestApp({ DATA_DIR: dataDir });
    team = await createTeam(testApp, {
      admin: ['admin'],
      hiringManager: ['hiring_manager'],
      otherManager: ['hiring_manager'],
      recruiter: ['recruiter'],
      recruiter2: ['recruiter'],
      interviewer: ['interviewer'],
      seatedRecruiter: ['recruiter', 'interviewer'],
      seatedAdmin: ['admin', 'interviewer'],
    });
    other = await createTeam(testApp, { admin: ['admin'] });
    positionId = await createPosition(api('hiringManager'), { title: 'AI Engineer', roleFamily: 'ai_engineer', level: 'senior' });
    const templateId = (await templatesByName(api('admin')))['AI Engineer onsite']!.id;
    const names = ['Ada <script>alert(1)</script> Lovelace', 'Grace Hopper', 'Alan Turing', 'Katherine Johnson'];
    for (const name of names) loopIds.push((await createCandidateLoop(api('recruiter'), { name }, { positionId, templateId })).id);
  });

  afterAll(async () => {
    await testApp.close();
  });

  describe('GET /api/loops/:id/packet', () => {
    it('renders HTML with a file name, escaping what people typed', async () => {
      const response = await api('recruiter').get(`/api/loops/${loopIds[0]}/packet`).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="packet-ada-script-alert-1-script-lovelace-ai-engineer-\d{4}-\d{2}-\d{2}\.html"$/);
      expect(response.text).not.toContain('<script>alert(1)</script>');
      expect(response.text).toContain('&lt;script&gt;');
      expect(response.text).toContain('AI Engineer');
    });

    it('renders Markdown and PDF', async () => {
      const markdown = await api('admin').get(`/api/loops/${loopIds[1]}/packet?format=markdown`).expect(200);
      expect(markdown.headers['content-type']).toMatch(/^text\/markdown/);
      expect(markdown.text).toContain('Grace Hopper');
      const pdf = await api('admin').get(`/api/loops/${loopIds[1]}/packet?format=pdf`).buffer(true).parse(binaryParser).expect(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect((pdf.body as Buffer).subarray(0, 4).toString()).toBe('%PDF');
    });

    it('is for admins, recruiters and the position’s hiring manager', async () => {
      await api('hiringManager').get(`/api/loops/${loopIds[1]}/packet`).expect(200);
      const forbidden = await api('otherManager').get(`/api/loops/${loopIds[1]}/packet`).expect(403);
      expect(forbidden.body.code).toBe('FORBIDDEN');
      await api('interviewer').get(`/api/loops/${loopIds[1]}/packet`).expect(403);
      await as(testApp, other.users.admin!).get(`/api/loops/${loopIds[1]}/packet`).expect(404);
    });

    it('renders with an organization template, and refuses a bad format', async () => {
      const template = await api('admin').post('/api/packet-templates').send({ name: 'Names', format: 'markdown', source: '# {{candidate.name}} / {{position.title}}' }).expect(201);
      const rendered = await api('admin').get(`/api/loops/${loopIds[2]}/packet?format=markdown&templateId=${template.body.id}`).expect(200);
      expect(rendered.text).toBe('# Alan Turing / AI Engineer');
      const mismatch = await api('admin').get(`/api/loops/${loopIds[2]}/packet?format=html&templateId=${template.body.id}`).expect(400);
      expect(mismatch.body.details.fields[0].field).toBe('templateId');
      const format = await api('admin').get(`/api/loops/${loopIds[2]}/packet?format=docx`).expect(400);
      expect(format.body.details.fields[0].field).toBe('format');
      await as(testApp, other.users.admin!).get(`/api/loops/${loopIds[2]}/packet?format=markdown&templateId=${template.body.id}`).expect(404);

      const preview = await api('admin').post(`/api/packet-templates/${template.body.id}/preview`).send({ loopId: loopIds[3] }).expect(200);
      expect(preview.text).toBe('# Katherine Johnson / AI Engineer');
      await as(testApp, other.users.admin!).post('/api/packet-templates').send({ name: 'x', format: 'markdown', source: '{{candidate.name}}' }).expect(201);
      await api('admin').post(`/api/packet-templates/${template.body.id}/preview`).send({ loopId: randomUUID() }).expect(404);
    });
  });

  describe('exports', () => {
    it('queues an export for admins and recruiters, readable by its requester and admins only', async () => {
      const created = await api('recruiter').post('/api/exports').send({ loopIds: loopIds.slice(0, 2), format: 'html' }).expect(202);
      expect(created.body).toMatchObject({ status: 'queued', total: 2, done: 0, progress: 0, downloadUrl: null });
      expect((await api('recruiter').get(`/api/exports/${created.body.id}`).expect(200)).body.downloadUrl).toBeNull();
      await api('recruiter').get(`/api/exports/${created.body.id}`).expect(200);
      await api('admin').get(`/api/exports/${created.body.id}`).expect(200);
      await api('recruiter2').get(`/api/exports/${created.body.id}`).expect(404);
      await as(testApp, other.users.admin!).get(`/api/exports/${created.body.id}`).expect(404);
      const early = await api('recruiter').get(`/api/exports/${created.body.id}/download`).expect(409);
      expect(early.body.code).toBe('EXPORT_NOT_READY');
      await api('hiringManager').post('/api/exports').send({ positionId, format: 'html' }).expect(403);
    });

    it('refuses loops of another organization, an unknown position, and both or neither of them', async () => {
      const foreign = await as(testApp, other.users.admin!).post('/api/exports').send({ loopIds: [loopIds[0]], format: 'html' }).expect(400);
      expect(foreign.body.details.fields[0].field).toBe('loopIds.0');
      await api('admin').post('/api/exports').send({ positionId: randomUUID(), format: 'html' }).expect(404);
      await api('admin').post('/api/exports').send({ format: 'html' }).expect(400);
      await api('admin').post('/api/exports').send({ positionId, loopIds, format: 'html' }).expect(400);
    });

    it('completes once, with a verifiable manifest, when the worker is killed mid-job and started again', async () => {
      const created = await api('admin').post('/api/exports').send({ positionId, format: 'pdf' }).expect(202);
      const exportId: string = created.body.id;
      const progress = async (): Promise<{ status: string; done: number }> => (await api('admin').get(`/api/exports/${exportId}`).expect(200)).body;

      const exportFiles = (): string[] => readdirSync(path.join(dataDir, 'exports')).filter((file) => file.startsWith(exportId));
      let worker = startWorker(dataDir);
      try {
        // Each wait ends on the state it waits for (its bound is for a hung worker only).
        await waitFor(async () => (await progress()).done >= 1);
        worker.kill('SIGKILL');
        await new Promise((resolve) => worker.once('exit', resolve));
        expect((await progress()).status).toBe('running');
        expect(exportFiles().filter((file) => file.includes('.zip.partial-'))).toHaveLength(1);

        // The killed attempt's job is retried once its heartbeat stops (~10 s), by the next worker.
        worker = startWorker(dataDir);
        await waitFor(async () => (await progress()).status === 'done');
      } finally {
        worker.kill('SIGTERM');
        await new Promise((resolve) => worker.once('exit', resolve));
      }

      // One archive, and no partial file of the killed attempt left behind.
      expect(exportFiles()).toEqual([`${exportId}.zip`]);
      // Done: the status says where to download it.
      const { downloadUrl } = (await api('admin').get(`/api/exports/${exportId}`).expect(200)).body;
      expect(downloadUrl).toBe(`/api/exports/${exportId}/download`);
      const download = await api('admin').get(downloadUrl).buffer(true).parse(binaryParser).expect(200);
      expect(download.headers['content-type']).toBe('application/zip');
      expect(download.headers['cache-control']).toBe('no-store');
      const entries = await readZip(download.body as Buffer);
      const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as { files: { file: string; sha256: string; loopId: string }[] };
      expect(manifest.files.map((file) => file.loopId).sort()).toEqual([...loopIds].sort());
      for (const file of manifest.files) {
        const content = entries.get(file.file)!;
        expect(content.subarray(0, 4).toString()).toBe('%PDF');
        expect(createHash('sha256').update(content).digest('hex')).toBe(file.sha256);
      }
      expect(entries.size).toBe(loopIds.length + 1);
    }, 300_000);
  });

  describe('what a newcomer tripped on', () => {
    const HOUR = 3_600_000;
    const start = Date.UTC(2025, 5, 2, 9);
    let seatedLoop: string;
    let freeLoop: string;
    let seatedRound: { id: string; pillarIds: string[] };
    let newcomerPosition: string;
    const user = (key: string): string => team.users[key]!.id;

    beforeAll(async () => {
      const pillars = await pillarIdsByKey(api('admin'));
      await qualify(api('admin'), pillars, ['seatedRecruiter', 'seatedAdmin', 'interviewer'].map(user));
      newcomerPosition = await createPosition(api('admin'), { title: 'Applied Scientist', roleFamily: 'ai_engineer', level: 'senior', hiringManagerId: user('hiringManager') });
      const templateId = (await createLoopTemplate(api('admin'), [{ title: 'Coding', pillarIds: [Object.values(pillars)[0]!], questionCount: 0 }], 'One round')).id;
      const loop = (name: string) =>
        createCandidateLoop<{ id: string; rounds: { id: string; pillarIds: string[] }[] }>(api('recruiter'), { name }, { positionId: newcomerPosition, templateId });
      const times = { startsAt: new Date(start).toISOString(), endsAt: new Date(start + HOUR).toISOString() };
      const seated = await loop('Mae Jemison');
      seatedLoop = seated.id;
      seatedRound = seated.rounds[0]!;
      await patchRound(api('recruiter'), seated, 0, { interviewerId: user('seatedRecruiter'), shadowInterviewerIds: [user('seatedAdmin')], ...times }).expect(200);
      const free = await loop('Dorothy Vaughan');
      freeLoop = free.id;
      await patchRound(api('recruiter'), free, 0, { interviewerId: user('interviewer'), ...times }).expect(200);
    });

    it('takes format=md as markdown on the packet route and on exports; other formats stay 400', async () => {
      const md = await api('admin').get(`/api/loops/${freeLoop}/packet?format=md`).expect(200);
      expect(md.headers['content-type']).toMatch(/^text\/markdown/);
      expect(md.headers['content-disposition']).toMatch(/\.md"$/);
      expect(md.text).toBe((await api('admin').get(`/api/loops/${freeLoop}/packet?format=markdown`).expect(200)).text);
      expect((await api('admin').get(`/api/loops/${freeLoop}/packet?format=mdx`).expect(400)).body.details.fields[0].field).toBe('format');
      const queued = await api('admin').post('/api/exports').send({ loopIds: [freeLoop], format: 'md' }).expect(202);
      expect(queued.body).toMatchObject({ format: 'markdown', downloadUrl: null });
      await api('admin').post('/api/exports').send({ loopIds: [freeLoop], format: 'markdownx' }).expect(400);
    });

    it('bulk exports keep the blind rule: a named loop is refused, a position’s loop left out, until the requester submits', async () => {
      const refused = await api('seatedRecruiter').post('/api/exports').send({ loopIds: [freeLoop, seatedLoop], format: 'html' }).expect(403);
      expect(refused.body).toMatchObject({ code: 'SUBMIT_YOURS_FIRST', details: { loopIds: [seatedLoop] } });
      // A shadow is bound too.
      expect((await api('seatedAdmin').post('/api/exports').send({ loopIds: [seatedLoop], format: 'html' }).expect(403)).body.code).toBe('SUBMIT_YOURS_FIRST');
      await api('seatedRecruiter').post('/api/exports').send({ loopIds: [freeLoop], format: 'html' }).expect(202);
      const byPosition = await api('seatedRecruiter').post('/api/exports').send({ positionId: newcomerPosition, format: 'html' }).expect(202);
      expect(byPosition.body.total).toBe(1);
      const stored: { loop_ids: string[] }[] = await testApp.dataSource.query('SELECT loop_ids FROM packet_exports WHERE id = $1', [byPosition.body.id]);
      expect(stored[0]!.loop_ids).toEqual([freeLoop]);
      // Staff not on the loop export both.
      expect((await api('recruiter').post('/api/exports').send({ positionId: newcomerPosition, format: 'html' }).expect(202)).body.total).toBe(2);

      await submitScorecard(api('seatedRecruiter'), seatedRound.id, {
        ratings: seatedRound.pillarIds.map((pillarId) => ({ pillarId, rating: 'yes', notes: 'Good.' })),
        recommendation: 'yes',
        summary: 'Careful and clear from start to finish.',
      });
      expect((await api('seatedRecruiter').post('/api/exports').send({ loopIds: [freeLoop, seatedLoop], format: 'html' }).expect(202)).body.total).toBe(2);
      expect((await api('seatedRecruiter').post('/api/exports').send({ positionId: newcomerPosition, format: 'html' }).expect(202)).body.total).toBe(2);
      // The shadow still has not submitted.
      await api('seatedAdmin').post('/api/exports').send({ positionId: newcomerPosition, format: 'html' }).expect(202);
      expect((await api('seatedAdmin').post('/api/exports').send({ loopIds: [seatedLoop], format: 'html' }).expect(403)).body.code).toBe('SUBMIT_YOURS_FIRST');
    });

    it('a template preview on a loop keeps the blind rule, and shows the loop’s status by the injected clock', async () => {
      const template = await api('admin').post('/api/packet-templates').send({ name: 'Status', format: 'html', source: '<p>{{candidate.name}}: {{loop.status}}</p>' }).expect(201);
      const preview = (key: string, loopId?: string) => api(key).post(`/api/packet-templates/${template.body.id}/preview`).send(loopId ? { loopId } : {});
      expect((await preview('seatedAdmin', seatedLoop).expect(403)).body.code).toBe('SUBMIT_YOURS_FIRST');
      await preview('seatedAdmin').expect(200);
      expect((await preview('seatedAdmin', freeLoop).expect(200)).text).toBe('<p>Dorothy Vaughan: in_review</p>');
      expect((await preview('admin', seatedLoop).expect(200)).text).toBe('<p>Mae Jemison: in_review</p>');
      const clock = testApp.app.get(Clock);
      const realNow = clock.now.bind(clock);
      try {
        clock.now = () => new Date(start + HOUR / 2);
        expect((await preview('admin', freeLoop).expect(200)).text).toBe('<p>Dorothy Vaughan: scheduled</p>');
      } finally {
        clock.now = realNow;
      }
    });
  });

  function startWorker(directory: string): ChildProcess {
    const child = spawn('node', [path.resolve('dist/apps/worker/src/main.js')], {
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: directory, MIGRATE_ON_START: 'false', LOG_LEVEL: 'warn', SEED_DEMO: 'false' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    return child;
  }
});

/** Polls until the condition holds, within a generous bound that only a hung worker reaches (not a slow machine). */
async function waitFor(condition: () => Promise<boolean>, boundMs = 240_000): Promise<void> {
  const giveUp = Date.now() + boundMs;
  while (!(await condition())) {
    if (Date.now() > giveUp) throw new Error(`condition not met within ${boundMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
