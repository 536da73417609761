// Issue 20 point 3: a bulk PDF export made by the built worker (the real job path: POST /api/exports, the worker
// takes the job), once per PDF_CONCURRENCY, with the worker's memory sampled (its Node process and the Chromium it starts).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { addPacketLoops } from './data.mjs';
import { addPosition, api, root, startWorker } from './harness.mjs';
import { pollExport } from './packets.mjs';

const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const MB = 1024 * 1024;

const nodeRss = (pid) => {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0; // gone
  }
};

/** Every 250 ms: the worker's own RSS and its whole process tree's (the worker and Chromium with its helpers). */
function sampleTree(pid, processTreeRss) {
  let peakNode = 0;
  let peakTree = 0;
  let sampling = Promise.resolve();
  const timer = setInterval(() => {
    sampling = sampling.then(async () => {
      peakNode = Math.max(peakNode, nodeRss(pid));
      peakTree = Math.max(peakTree, await processTreeRss(pid));
    });
  }, 250);
  return {
    peaks: () => ({ nodeMb: peakNode / MB, treeMb: peakTree / MB }),
    stop: async () => {
      clearInterval(timer);
      await sampling;
    },
  };
}

/** One export of the position's loops as PDF by a worker started with PDF_CONCURRENCY = `pages`; polled until done. */
async function exportWithPages({ url, apiBase, token, positionId, pages, processTreeRss, timeoutMs }) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'loopwright-bench-pdf-bulk-'));
  const worker = startWorker(url, dataDir, { PDF_CONCURRENCY: String(pages) });
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  const rss = sampleTree(worker.pid, processTreeRss);
  try {
    await worker.ready;
    const idleMb = nodeRss(worker.pid) / MB;
    const started = performance.now();
    const { body: created } = await api(apiBase, 'POST', '/api/exports', { token, body: { positionId, format: 'pdf' } });
    if (!created.id) throw new Error(`the export was refused: ${JSON.stringify(created)}`);
    const status = await pollExport({ apiBase, token, created, worker, started, timeoutMs });
    const seconds = (performance.now() - started) / 1000;
    if (status.status !== 'done') throw new Error(`export failed: ${status.error}`);
    await rss.stop();
    const { nodeMb, treeMb } = rss.peaks();
    return { pages, packets: status.total, seconds, idleMb, peakNodeMb: nodeMb, peakTreeMb: treeMb, loadAverage: loadavg()[0] };
  } finally {
    await rss.stop();
    worker.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * `count` PDF packets (6 rounds each, every scorecard submitted) exported with 1, 2 and 4 pages: seconds, packets/s,
 * and the worker's peak RSS (Node and Chromium together, and Node alone). One scenario row per page count; the row
 * with 1 page is the baseline of the others' ratios.
 */
export async function pdfBulkScenarios({ url, apiBase, admin, addUser, count, pageCounts = [1, 2, 4], timeoutMs = 1_800_000 }) {
  const { processTreeRss } = await import(path.join(root, 'dist/libs/packets/src/pdf/process-tree-rss.js'));
  const { body: pillars } = await api(apiBase, 'GET', '/api/pillars', { token: admin.token });
  const manager = await addUser(apiBase, admin, 'pdf-bulk-manager', ['hiring_manager']);
  const interviewers = [];
  for (let index = 0; index < 6; index += 1) interviewers.push(await addUser(apiBase, admin, `pdf-bulk-interviewer${index}`, ['interviewer']));
  const position = await addPosition(apiBase, admin, 'Bench PDF Engineer', manager.id, { roleFamily: 'ml_engineer', level: 'senior' });
  await addPacketLoops(url, {
    organizationId: admin.organizationId,
    positionId: position.id,
    interviewerIds: interviewers.map((interviewer) => interviewer.id),
    pillarIds: pillars.map((pillar) => pillar.id),
    count,
    label: 'pdfbulk',
  });
  const runs = [];
  for (const pages of pageCounts) {
    process.stderr.write(`PDF bulk export of ${count} packets with PDF_CONCURRENCY=${pages}...\n`);
    runs.push(await exportWithPages({ url, apiBase, token: admin.token, positionId: position.id, pages, processTreeRss, timeoutMs }));
  }
  const single = runs.find((run) => run.pages === 1) ?? runs[0];
  return runs.map((run) => ({
    name: `bulk PDF export, ${run.packets} packets, ${run.pages} page${run.pages === 1 ? '' : 's'}`,
    rps: round(run.packets / run.seconds, 2),
    p99Ms: null,
    baselineRps: round(single.packets / single.seconds, 2),
    ratio: round(single.seconds / run.seconds, 2),
    sqlPerRequest: null,
    pdfPages: run.pages,
    packets: run.packets,
    seconds: round(run.seconds, 1),
    workerIdleRssMb: round(run.idleMb),
    workerPeakRssMb: round(run.peakTreeMb),
    workerNodePeakRssMb: round(run.peakNodeMb),
    loadAverage: round(run.loadAverage, 2),
  }));
}
