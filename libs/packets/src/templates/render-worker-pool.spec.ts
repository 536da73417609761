import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { jest } from '@jest/globals';
import { AppError } from '@loopwright/core';
import { RenderWorkerPool, type RenderJob } from './render-worker-pool.js';

const directory = mkdtempSync(path.join(tmpdir(), 'loopwright-render-pool-'));

/** A worker script: `body` is the default export's body, with the job as `job` (it must say when it starts). */
function workerScript(name: string, body: string, prelude = ''): string {
  const script = path.join(directory, `${name}.mjs`);
  writeFileSync(script, `${prelude}\nexport default function render(job) {\n  job.started.postMessage(null);\n${body}\n}\n`);
  return script;
}

/** Echoes the source; starts only once `release` exists (the test decides when). */
const slowStarter = (release: string): string =>
  workerScript(
    `slow-start-${path.basename(release)}`,
    'return { ok: true, output: job.source };',
    [
      "import { existsSync } from 'node:fs';",
      `while (!existsSync(${JSON.stringify(release)})) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);`,
    ].join('\n'),
  );

const job: RenderJob = { format: 'html', source: 'done', viewModel: {}, maxOutputBytes: 1024 };

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => new Error('expected the render to fail'),
    (caught: unknown) => caught,
  );
  if (!(error instanceof AppError)) throw error;
  return error;
}

describe('RenderWorkerPool', () => {
  it('counts a job’s time limit from when its worker starts it, not from a slow start', async () => {
    const release = path.join(directory, 'release-1');
    const pool = new RenderWorkerPool({ script: slowStarter(release), workerData: {}, size: 1, maxQueue: 1 });
    // Only timers are faked: piscina's microtasks and the workers' messages run as usual.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
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

  it('fails the job of a worker that runs out of memory with TEMPLATE_OUTPUT_TOO_LARGE, and replaces the worker', async () => {
    const script = workerScript(
      'hungry',
      "if (job.source === 'small') return { ok: true, output: 'small' };\n  const hoard = [];\n  for (;;) hoard.push(new Array(100_000).fill(job.source));",
    );
    const pool = new RenderWorkerPool({ script, workerData: {}, size: 1, maxQueue: 1, resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 } });
    try {
      const error = await appError(pool.run(job, 10 * 60_000));
      expect(error.code).toBe('TEMPLATE_OUTPUT_TOO_LARGE');
      expect(error.details).toEqual({ maxOutputBytes: 1024 });
      expect(await pool.run({ ...job, source: 'small' }, 10 * 60_000)).toBe('small');
    } finally {
      await pool.close();
    }
  });

  it('fails the job of a worker that exits with TEMPLATE_RENDER_FAILED, and the next job gets a new worker', async () => {
    const script = workerScript('exiting', "if (job.source === 'exit') process.exit(3);\n  return { ok: true, output: job.source };");
    const pool = new RenderWorkerPool({ script, workerData: {}, size: 1, maxQueue: 1 });
    try {
      const error = await appError(pool.run({ ...job, source: 'exit' }, 10 * 60_000));
      expect(error.code).toBe('TEMPLATE_RENDER_FAILED');
      expect(error.status).toBe(422);
      expect(await pool.run(job, 10 * 60_000)).toBe('done');
    } finally {
      await pool.close();
    }
  });

  it('answers what the worker reports as the packet errors, and refuses jobs once closed', async () => {
    const script = workerScript('reporting', "return { ok: false, error: { code: 'TEMPLATE_INVALID', message: 'Parse error - 2:4', line: 2, column: 4 } };");
    const pool = new RenderWorkerPool({ script, workerData: {}, size: 1, maxQueue: 1 });
    const error = await appError(pool.run(job, 10 * 60_000));
    expect(error.code).toBe('TEMPLATE_INVALID');
    expect(error.details).toMatchObject({ line: 2, column: 4, problem: 'Parse error' });
    await pool.close();
    await expect(pool.run(job, 10 * 60_000)).rejects.toThrow('The template renderer is closed');
  });
});
