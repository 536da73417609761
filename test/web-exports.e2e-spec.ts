import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { CoreModule } from '@loopwright/core';
import { DatabaseModule, JobQueueModule } from '@loopwright/database';
import { systemActor } from '@loopwright/identity';
import { PacketExport, PacketExportsService, PacketExportWorkerModule } from '@loopwright/packets';
import {
  as,
  browserSuite,
  createCandidateLoop,
  createPosition,
  openPage,
  pageProblems,
  readZip,
  roundFor,
  screenshot,
  signIn,
  type RoundFixture,
} from '@loopwright/testing';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ENTITIES } from '../apps/api/src/entities.js';

interface Manifest {
  exportId: string;
  format: string;
  files: { file: string; loopId: string; bytes: number; sha256: string }[];
}

/** Long enough for the worker on a loaded machine; the wait ends as soon as the page shows the state. */
const WORKER_BOUND_MS = 90_000;

describe('web: exports (real Chromium, the export worker in-process)', () => {
  let worker: INestApplicationContext | undefined;
  let positionId: string;
  const loopIds: string[] = [];
  let blindLoop: RoundFixture;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'loopwright-web-exports-'));
  const suite = browserSuite({
    environment: { DATA_DIR: dataDir },
    team: {
      admin: ['admin'],
      hiringManager: ['hiring_manager'],
      recruiter: ['recruiter'],
      recruiter2: ['recruiter'],
      seatedRecruiter: ['recruiter', 'interviewer'],
    },
  });

  const api = (key: string) => as(suite.web, suite.team.users[key]!);
  const exportsOf = async (key: string) =>
    (await suite.web.dataSource.manager.find(PacketExport, { where: { organizationId: suite.team.organization.id, requestedBy: suite.team.users[key]!.id } })).map(
      (row) => row.id,
    );

  beforeAll(async () => {
    positionId = await createPosition(api('hiringManager'), { title: 'Research Engineer', roleFamily: 'ai_engineer', level: 'senior' });
    for (const name of ['Ada Export', 'Grace Export', 'Alan <i>Export</i>'])
      loopIds.push((await createCandidateLoop(api('recruiter'), { name }, { positionId })).id);
    blindLoop = await roundFor(suite.web, suite.team, { interviewerKey: 'seatedRecruiter', candidateName: 'Blind Export', startsAt: new Date(Date.now() - 3 * 3_600_000), positionTitle: 'Platform Engineer' });
  }, 120_000);

  // After the suite's own afterAll has closed the app and the browser.
  afterAll(async () => {
    await worker?.close();
  });

  /** The export worker of apps/worker, in this process; started when a test wants the queued exports made. */
  async function startWorker(): Promise<void> {
    const moduleRef = await Test.createTestingModule({
      imports: [CoreModule, DatabaseModule.forRoot({ entities: ENTITIES }), JobQueueModule.forRoot({ role: 'worker' }), PacketExportWorkerModule],
    }).compile();
    worker = await moduleRef.init();
  }

  const item = (page: Page, exportId: string) => page.locator(`#export-${exportId}`);

  it('without JavaScript: refuses an export of nothing in words, then starts one of the loops ticked, shown queued at 0 %', async () => {
    const { context, page } = await openPage(suite.browser, { javaScriptEnabled: false });
    await signIn(page, suite.web.baseUrl, suite.team.users.recruiter2!);
    await page.goto(`${suite.web.baseUrl}/app/exports`);
    const [refused] = await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'POST'),
      page.getByRole('button', { name: 'Start export' }).click(),
    ]);
    expect(refused.status()).toBe(400);
    await expect(page.locator('#export-positionId-error').innerText()).resolves.toBe('Choose a position, or tick the loops to export');
    expect(await exportsOf('recruiter2')).toEqual([]);

    await page.getByLabel('Ada Export · Research Engineer · Draft').check();
    await page.getByLabel('Grace Export · Research Engineer · Draft').check();
    await page.getByLabel('Format').selectOption({ label: 'Markdown' });
    await page.getByLabel('Hide interviewer names').check();
    await page.getByRole('button', { name: 'Start export' }).click();
    const [exportId] = await exportsOf('recruiter2');
    expect(new URL(page.url()).pathname).toBe('/app/exports');
    await expect(page.getByRole('status').innerText()).resolves.toContain('Export started.');
    const row = item(page, exportId!);
    await expect(row.innerText()).resolves.toContain('2 selected loops');
    await expect(row.innerText()).resolves.toContain('Waiting for the worker');
    await expect(row.innerText()).resolves.toContain('0% · 0 of 2 packets');
    await expect(row.getByRole('link', { name: 'Download' }).count()).resolves.toBe(0);
    const stored = await suite.web.dataSource.manager.findOneByOrFail(PacketExport, { id: exportId! });
    expect(stored).toMatchObject({ format: 'markdown', redactInterviewers: true, positionId: null });
    expect([...stored.loopIds].sort()).toEqual(loopIds.slice(0, 2).sort());
    await context.close();
  });

  it('a recruiter starts an export for a position and watches its progress bar reach done, then downloads the zip and checks its manifest', async () => {
    const { context, page } = await openPage(suite.browser);
    await signIn(page, suite.web.baseUrl, suite.team.users.recruiter!);
    await page.goto(`${suite.web.baseUrl}/app/positions/${positionId}`);
    await page.getByRole('link', { name: 'Export this position’s packets' }).click();
    await expect(page.getByLabel('Position').inputValue()).resolves.toBe(positionId);
    await page.getByLabel('Format').selectOption({ label: 'HTML' });
    await page.getByRole('button', { name: 'Start export' }).click();
    const [exportId] = await exportsOf('recruiter');
    const row = item(page, exportId!);
    const bar = row.getByRole('progressbar', { name: /^Progress of the export of Research Engineer, requested / });
    await expect(bar.getAttribute('value')).resolves.toBe('0');
    await expect(row.getAttribute('hx-trigger')).resolves.toBe('every 2s');
    await screenshot(page, 'exports-queued-1280');

    await startWorker();
    // htmx polls the export's page every 2 s and swaps the row in; no reload.
    await row.getByRole('link', { name: 'Download' }).waitFor({ timeout: WORKER_BOUND_MS });
    await expect(bar.getAttribute('value')).resolves.toBe('100');
    await expect(row.innerText()).resolves.toContain('100% · 3 of 3 packets');
    await expect(row.innerText()).resolves.toContain('Done');
    await expect(row.getAttribute('hx-trigger')).resolves.toBeNull();
    await screenshot(page, 'exports-done-1280');

    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: 'Download' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^packets-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.zip$/);
    const zip = await readZip(readFileSync((await download.path())!));
    const manifest = JSON.parse(zip.get('manifest.json')!.toString('utf8')) as Manifest;
    expect(manifest).toMatchObject({ exportId, format: 'html' });
    expect(manifest.files.map((file) => file.loopId).sort()).toEqual([...loopIds].sort());
    for (const file of manifest.files) {
      const body = zip.get(file.file)!;
      expect([file.file, body.length, createHash('sha256').update(body).digest('hex')]).toEqual([file.file, file.bytes, file.sha256]);
    }
    expect(zip.get(manifest.files.find((file) => file.loopId === loopIds[2])!.file)!.toString('utf8')).toContain('Alan &lt;i&gt;Export&lt;/i&gt;');
    await context.close();
  }, 150_000);

  it('without JavaScript a reload shows the current state: the earlier export is done, and downloads with the browser session', async () => {
    const [exportId] = await exportsOf('recruiter2');
    // The worker makes exports one at a time: wait on this one's own page (it polls itself) until it is done.
    const watcher = await openPage(suite.browser);
    await signIn(watcher.page, suite.web.baseUrl, suite.team.users.recruiter2!);
    await watcher.page.goto(`${suite.web.baseUrl}/app/exports/${exportId}`);
    await watcher.page.getByRole('link', { name: 'Download' }).waitFor({ timeout: WORKER_BOUND_MS });
    await watcher.context.close();
    const { context, page } = await openPage(suite.browser, { javaScriptEnabled: false });
    await signIn(page, suite.web.baseUrl, suite.team.users.recruiter2!);
    await page.goto(`${suite.web.baseUrl}/app/exports`);
    await expect(item(page, exportId!).innerText()).resolves.toContain('100% · 2 of 2 packets');
    await expect(item(page, exportId!).getByRole('link', { name: 'Download' }).getAttribute('href')).resolves.toBe(`/app/exports/${exportId}/download`);
    const response = await page.request.get(`${suite.web.baseUrl}/app/exports/${exportId}/download`);
    expect([response.status(), response.headers()['content-type'], response.headers()['cache-control']]).toEqual([200, 'application/zip', 'no-store']);
    const zip = await readZip(await response.body());
    expect((JSON.parse(zip.get('manifest.json')!.toString('utf8')) as Manifest).format).toBe('markdown');
    await context.close();
  });

  it('says in words why a failed export failed; each export is its requester’s and the admins’ only', async () => {
    const failedId = randomUUID();
    await suite.web.dataSource.manager.insert(PacketExport, {
      id: failedId,
      organizationId: suite.team.organization.id,
      requestedBy: suite.team.users.recruiter!.id,
      positionId,
      loopIds: [loopIds[0]!],
      format: 'pdf',
      status: 'failed',
      error: 'Chromium could not be started',
    });
    const { context, page } = await openPage(suite.browser);
    await signIn(page, suite.web.baseUrl, suite.team.users.recruiter!);
    await page.goto(`${suite.web.baseUrl}/app/exports`);
    await expect(item(page, failedId).locator('.export__error').innerText()).resolves.toBe('The export failed: Chromium could not be started');
    await expect(item(page, failedId).getByRole('link', { name: 'Download' }).count()).resolves.toBe(0);
    await expect(page.getByRole('heading', { name: 'Your exports' }).count()).resolves.toBe(1);
    const [theirs] = await exportsOf('recruiter2');
    await expect(item(page, theirs!).count()).resolves.toBe(0);
    expect((await page.goto(`${suite.web.baseUrl}/app/exports/${theirs}`))?.status()).toBe(404);
    expect((await page.request.get(`${suite.web.baseUrl}/app/exports/${theirs}/download`)).status()).toBe(404);
    await context.close();

    const admin = await openPage(suite.browser);
    await signIn(admin.page, suite.web.baseUrl, suite.team.users.admin!);
    await admin.page.goto(`${suite.web.baseUrl}/app/exports`);
    await expect(admin.page.getByRole('heading', { name: 'All exports' }).count()).resolves.toBe(1);
    await expect(item(admin.page, theirs!).innerText()).resolves.toContain(`by ${suite.team.users.recruiter2!.name}`);
    await admin.context.close();

    const manager = await openPage(suite.browser);
    await signIn(manager.page, suite.web.baseUrl, suite.team.users.hiringManager!);
    expect((await manager.page.goto(`${suite.web.baseUrl}/app/exports`))?.status()).toBe(403);
    await manager.context.close();
  });

  it('keeps the blind rule as the API does: a recruiter who interviews on a loop and has not submitted may not export it, told why', async () => {
    const { context, page } = await openPage(suite.browser, { javaScriptEnabled: false });
    await signIn(page, suite.web.baseUrl, suite.team.users.seatedRecruiter!);
    await page.goto(`${suite.web.baseUrl}/app/exports`);
    await page.getByLabel('Blind Export · Platform Engineer').check();
    const [refused] = await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'POST'),
      page.getByRole('button', { name: 'Start export' }).click(),
    ]);
    expect(refused.status()).toBe(403);
    await expect(page.locator('#export-loopIds-error').innerText()).resolves.toBe(
      'Submit your own scorecard of this loop before reading the others: Blind Export · Platform Engineer · In review',
    );
    await expect(page.getByLabel('Blind Export · Platform Engineer').isChecked()).resolves.toBe(true);
    expect(await exportsOf('seatedRecruiter')).toEqual([]);
    expect(blindLoop.loopId).toBeDefined();
    await context.close();
  });

  it('PacketExportsService.list: one’s own exports newest first, an admin’s everyone’s, never another organization’s', async () => {
    const service = suite.web.app.get(PacketExportsService);
    const actor = (key: string) => ({ organizationId: suite.team.organization.id, userId: suite.team.users[key]!.id, roles: suite.team.users[key]!.roles, requestId: null, tokenId: null });
    const mine = await service.list(actor('recruiter'), 50);
    expect(mine.length).toBe(2);
    expect(mine.every((item) => item.requestedBy === suite.team.users.recruiter!.id)).toBe(true);
    expect(mine[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(mine[1]!.createdAt.getTime());
    expect((await service.list(actor('admin'), 50)).length).toBe(3);
    expect((await service.list(actor('admin'), 1)).length).toBe(1);
    expect(await service.list(systemActor(randomUUID()), 50)).toEqual([]);
  });

  it('the exports pages pass axe (WCAG 2.x A/AA) and have no horizontal scrolling at 320 px', async () => {
    const [exportId] = await exportsOf('recruiter');
    const problems: string[] = [];
    const { context, page } = await openPage(suite.browser, { bypassCSP: true });
    await signIn(page, suite.web.baseUrl, suite.team.users.recruiter!);
    for (const width of [1280, 320]) {
      await page.setViewportSize({ width, height: 900 });
      for (const pagePath of ['/app/exports', `/app/exports/${exportId}`]) {
        await page.goto(`${suite.web.baseUrl}${pagePath}`);
        problems.push(...(await pageProblems(page, pagePath, width)));
        await screenshot(page, `exports${pagePath === '/app/exports' ? '' : '-one'}-${width}`);
      }
    }
    await context.close();
    expect(problems).toEqual([]);
  }, 120_000);
});
