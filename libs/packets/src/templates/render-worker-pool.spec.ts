import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { jest } from '@jest/globals';
import { AppError } from '@loopwright/core';
import { RenderWorkerPool } from './render-worker-pool.js';

const directory = mkdtempSync(path.join(tmpdir(), 'loopwright-render-pool-'));

/** A worker script that starts only once `release` exists (the test decides when), then echoes the source. */
function slowStarter(release: string): string {
  const script = path.join(directory, `slow-start-${path.basename(release)}.mjs`);
  writeFileSync(
    script,
    [
      "import { parentPort } from 'node:worker_threads';",
      "import { existsSync } from 'node:fs';",
      `while (!existsSync(${JSON.stringify(release)})) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);`,
      "parentPort.on('message', (job) => { parentPort.postMessage({ id: job.id, started: true }); parentPort.postMessage({ id: job.id, ok: true, output: job.source }); });",
    ].join('\n'),
  );
  return script;
}

const job = { format: 'html' as const, source: 'done', viewModel: {}, maxOutputBytes: 1024 };

describe('RenderWorkerPool', () => {
  it('counts a job’s time limit from when its worker picks it up, not from a slow start', async () => {
    const release = path.join(directory, 'release-1');
    const pool = new RenderWorkerPool({ script: slowStarter(release), workerData: {}, size: 1, maxQueue: 1 });
    jest.useFakeTimers();
    try {
      const rendered = pool.run(job, 20);
      // A second passes (on the pool's clock) while the worker has not started: the job waits, not charged.
      jest.advanceTimersByTime(1_000);
      writeFileSync(release, '');
      expect(await rendered).toBe('done');
    } finally {
      jest.useRealTimers();
      await pool.close();
    }
  });

  it('fails a job whose worker does not start within the start limit', async () => {
    const pool = new RenderWorkerPool({ script: slowStarter(path.join(directory, 'never')), workerData: {}, size: 1, maxQueue: 1, startTimeoutMs: 50 });
    try {
      const error = await pool.run(job, 10_000).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('TEMPLATE_RENDER_FAILED');
      expect((error as AppError).message).toContain('did not start within 50 ms');
    } finally {
      await pool.close();
    }
  });
});
