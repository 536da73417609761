// Packet scenarios: the HTML route against the shipped template alone, PDF with a reused browser against one
// browser per packet, and a bulk export made by the built worker with its memory sampled.
import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { api, root, startWorker } from './harness.mjs';

const dist = (file) => path.join(root, 'dist', file);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The built packets library, and the API's own view-model builder (with the feature services it reads through) in
 * a Nest application context on the bench database.
 */
export async function packetTools(_built, url) {
  const packets = await import(dist('libs/packets/src/index.js'));
  const [{ Module }, { NestFactory }, core, database, identity, questionBank, loops, scorecards, { ENTITIES }] = await Promise.all([
    import('@nestjs/common'),
    import('@nestjs/core'),
    import(dist('libs/core/src/index.js')),
    import(dist('libs/database/src/index.js')),
    import(dist('libs/identity/src/index.js')),
    import(dist('libs/question-bank/src/index.js')),
    import(dist('libs/loops/src/index.js')),
    import(dist('libs/scorecards/src/index.js')),
    import(dist('apps/api/src/entities.js')),
  ]);
  class BenchPacketsModule {}
  Module({
    imports: [
      core.CoreModule,
      database.DatabaseModule.forRoot({ entities: ENTITIES }),
      identity.IdentityModule,
      questionBank.QuestionBankModule,
      loops.LoopsModule,
      scorecards.ScorecardsModule,
    ],
    providers: [packets.PacketViewModelBuilder],
  })(BenchPacketsModule);
  const environment = { DATABASE_URL: process.env.DATABASE_URL, MIGRATE_ON_START: process.env.MIGRATE_ON_START };
  Object.assign(process.env, { DATABASE_URL: url, MIGRATE_ON_START: 'false' });
  const context = await NestFactory.createApplicationContext(BenchPacketsModule, { logger: false });
  for (const [name, value] of Object.entries(environment)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  const builder = context.get(packets.PacketViewModelBuilder);
  const engine = new packets.PacketTemplateEngine({ templatesDir: path.join(root, 'templates') });
  return {
    packets,
    engine,
    viewModel: async (organizationId, loopId) => (await builder.build(organizationId, loopId, { redactInterviewers: false, includeShadows: false })).viewModel,
    close: async () => {
      await engine.close();
      await context.close();
    },
  };
}

/** Renders per second of the compiled shipped HTML template, in a tight loop, on one view model. */
export async function templateRate(engine, viewModel, seconds) {
  const ref = { name: 'default', format: 'html' };
  await engine.render(ref, viewModel); // compiles and caches
  const until = performance.now() + 300;
  while (performance.now() < until) await engine.render(ref, viewModel); // warm-up
  let renders = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  while (performance.now() < deadline) {
    await engine.render(ref, viewModel);
    renders += 1;
  }
  return renders / ((performance.now() - started) / 1000);
}

/** Milliseconds per PDF: one reused renderer (after its first render) against a new browser for every packet. */
export async function pdfTimes({ PdfRenderer }, html, count) {
  const options = { chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' };
  const header = { headerTitle: 'Packet Candidate 0' };
  const reused = new PdfRenderer(options);
  let firstMs;
  let reusedMs;
  try {
    let started = performance.now();
    await reused.render(html, header);
    firstMs = performance.now() - started;
    started = performance.now();
    for (let index = 0; index < count; index += 1) await reused.render(html, header);
    reusedMs = (performance.now() - started) / count;
  } finally {
    await reused.close();
  }
  const started = performance.now();
  for (let index = 0; index < count; index += 1) {
    const fresh = new PdfRenderer(options);
    try {
      await fresh.render(html, header);
    } finally {
      await fresh.close();
    }
  }
  const freshMs = (performance.now() - started) / count;
  return { firstMs, reusedMs, freshMs };
}

const rssMb = (pid) => {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null; // gone
  }
};

/** Samples a process's RSS every 100 ms until stopped; `peak` and the samples since `mark()`. */
function sampleRss(pid) {
  const samples = [];
  const timer = setInterval(() => {
    const value = rssMb(pid);
    if (value !== null) samples.push({ at: performance.now(), value });
  }, 100);
  return {
    since: (at) => samples.filter((sample) => sample.at >= at).map((sample) => sample.value),
    stop: () => clearInterval(timer),
  };
}

/** Polls an export until it is done or failed; throws when the worker exits or `timeoutMs` passes. */
export async function pollExport({ apiBase, token, created, worker, started, timeoutMs }) {
  let status = created;
  while (status.status !== 'done' && status.status !== 'failed') {
    if (performance.now() - started > timeoutMs) throw new Error(`export ${created.id} not done after ${timeoutMs / 1000} s: ${JSON.stringify(status)}`);
    if (worker.exitCode !== null) throw new Error(`the worker exited with ${worker.exitCode}`);
    await sleep(200);
    status = (await api(apiBase, 'GET', `/api/exports/${created.id}`, { token })).body;
  }
  return status;
}

/**
 * A bulk HTML export of a position's loops: the worker is started; once it is ready its idle RSS is read (as the PDF
 * bulk export reads it), then the export is requested and polled until done; RSS is sampled every 100 ms.
 */
export async function exportRun({ url, apiBase, token, positionId, expected, timeoutMs = 600_000 }) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'loopwright-bench-exports-'));
  const worker = startWorker(url, dataDir);
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  const rss = sampleRss(worker.pid);
  try {
    await worker.ready;
    const idleMb = rssMb(worker.pid);
    const started = performance.now();
    const { body: created } = await api(apiBase, 'POST', '/api/exports', { token, body: { positionId, format: 'html' } });
    const status = await pollExport({ apiBase, token, created, worker, started, timeoutMs });
    const seconds = (performance.now() - started) / 1000;
    if (status.status !== 'done') throw new Error(`export failed: ${status.error}`);
    const peakMb = Math.max(idleMb, ...rss.since(started));
    return { seconds, packets: status.total ?? expected, idleRssMb: idleMb, peakRssMb: peakMb, rssGrowthMb: peakMb - idleMb };
  } finally {
    rss.stop();
    worker.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}
