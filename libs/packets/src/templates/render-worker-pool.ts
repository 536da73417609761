import { MessageChannel, type MessagePort, type ResourceLimits } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { AppError } from '@loopwright/core';
import type { RenderErrorDescription } from '../runtime/packet-runtime.mjs';
import {
  templateInvalid,
  templateOutputTooLarge,
  templateRenderFailed,
  templateRendererBusy,
  templateTimeout,
} from '../packets.errors.js';
import type { PacketFormat } from './template-formats.js';

export interface RenderJob {
  format: PacketFormat;
  source: string;
  viewModel: unknown;
  maxOutputBytes: number;
}

export interface RenderWorkerPoolOptions {
  /** The worker script (render-worker.mjs): its default export renders one job. */
  script: string;
  /** Passed to every worker once: the time zone and the shipped partials. */
  workerData: unknown;
  /** Workers rendering at once. */
  size: number;
  /** Jobs waiting for a worker before new ones are refused (503). */
  maxQueue: number;
  /** Memory caps of each worker: a render that allocates past them kills only its worker. */
  resourceLimits?: ResourceLimits;
}

/** What the worker answers for a job. */
type RenderReply = { ok: true; output: string } | { ok: false; error: RenderErrorDescription };

const CLOSED = 'The template renderer is closed';

function toAppError(error: RenderErrorDescription, job: RenderJob): AppError {
  switch (error.code) {
    case 'TEMPLATE_OUTPUT_TOO_LARGE':
      return templateOutputTooLarge(job.maxOutputBytes);
    case 'TEMPLATE_INVALID':
      return templateInvalid([{ line: error.line ?? 1, column: error.column ?? 1, problem: error.message.replace(/ - \d+:\d+$/, '') }]);
    default:
      return templateRenderFailed(error.message, { line: error.line, column: error.column });
  }
}

/**
 * A few worker threads (a piscina pool) that render untrusted templates, one job at a time each. A job that runs
 * past its time limit is aborted, which terminates its worker (piscina starts another); a worker that crashes or
 * runs out of memory fails its job and is replaced. Idle workers do not keep the process alive.
 */
export class RenderWorkerPool {
  private readonly pool: Piscina<RenderJob & { started: MessagePort }, RenderReply>;
  private closed = false;

  constructor(private readonly options: RenderWorkerPoolOptions) {
    const size = Math.max(1, options.size);
    this.pool = new Piscina({
      filename: options.script,
      workerData: options.workerData,
      minThreads: size,
      maxThreads: size,
      concurrentTasksPerWorker: 1,
      resourceLimits: options.resourceLimits,
    });
    // Piscina reports here a worker that fails while it holds no job: no render failed, and it is replaced.
    this.pool.on('error', () => undefined);
  }

  run(job: RenderJob, timeoutMs: number): Promise<string> {
    if (this.closed) return Promise.reject(new Error(CLOSED));
    // Abortable jobs wait in piscina's skip queue, which its own `maxQueue` does not bound: the limit is applied here.
    if (this.pool.queueSize >= this.options.maxQueue) return Promise.reject(templateRendererBusy());
    return this.render(job, timeoutMs);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.pool.destroy();
  }

  private async render(job: RenderJob, timeoutMs: number): Promise<string> {
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    // The time limit runs from when a worker starts the job (it says so on this port), not while the job waits for
    // a worker or one starts up: piscina's AbortSignal alone would count that time too.
    const { port1: started, port2: workerPort } = new MessageChannel();
    started.once('message', () => {
      timer = setTimeout(() => {
        timedOut = true;
        abort.abort();
      }, timeoutMs);
    });
    let reply: RenderReply;
    try {
      reply = await this.pool.run({ ...job, started: workerPort }, { signal: abort.signal, transferList: [workerPort] });
    } catch (error) {
      throw timedOut ? templateTimeout(timeoutMs) : this.failure(error, job);
    } finally {
      clearTimeout(timer);
      started.close();
    }
    if (!reply.ok) throw toAppError(reply.error, job);
    return reply.output;
  }

  private failure(error: unknown, job: RenderJob): Error {
    if (this.closed) return new Error(CLOSED);
    const { code, name, message } = error as { code?: string; name?: string; message?: string };
    if (code === 'ERR_WORKER_OUT_OF_MEMORY') return templateOutputTooLarge(job.maxOutputBytes);
    if (name === 'DataCloneError') return templateRenderFailed(`the view model cannot be sent to the renderer (${String(error)})`);
    return templateRenderFailed(message ?? String(error));
  }
}
