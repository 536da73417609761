import { Worker, type ResourceLimits } from 'node:worker_threads';
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
  /** The worker script (render-worker.mjs). */
  script: string;
  /** Passed to every worker once: the time zone and the shipped partials. */
  workerData: unknown;
  /** Workers rendering at once. */
  size: number;
  /** Jobs waiting for a worker before new ones are refused (503). */
  maxQueue: number;
  /** Memory caps of each worker: a render that allocates past them kills only its worker. */
  resourceLimits?: ResourceLimits;
  /**
   * How long a worker may take to start and pick up a job (default 30 s). A job's own time limit counts from
   * when its worker picked it up, so that a slow start (a busy machine) is not charged to the template.
   */
  startTimeoutMs?: number;
}

type WorkerReply =
  | { id: number; started: true }
  | { id: number; ok: true; output: string }
  | { id: number; ok: false; error: RenderErrorDescription };

interface Pending {
  job: RenderJob & { id: number };
  timeoutMs: number;
  resolve: (output: string) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker | null;
  current: (Pending & { timer: NodeJS.Timeout }) | null;
}

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
 * A few worker threads that render untrusted templates one job at a time each. A job that runs past its time
 * limit gets its worker terminated (a new one starts for the next job); a worker that crashes or runs out of
 * memory fails its job and is replaced. Idle workers do not keep the process alive.
 */
export class RenderWorkerPool {
  private readonly slots: Slot[];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: RenderWorkerPoolOptions) {
    this.slots = Array.from({ length: Math.max(1, options.size) }, () => ({ worker: null, current: null }));
  }

  run(job: RenderJob, timeoutMs: number): Promise<string> {
    if (this.closed) return Promise.reject(new Error('The template renderer is closed'));
    if (this.queue.length >= this.options.maxQueue) return Promise.reject(templateRendererBusy());
    return new Promise<string>((resolve, reject) => {
      this.queue.push({ job: { ...job, id: this.nextId++ }, timeoutMs, resolve, reject });
      this.dispatch();
    });
  }

  /** Workers currently running (started and not ended); for tests and health. */
  get liveWorkers(): number {
    return this.slots.filter((slot) => slot.worker !== null).length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.reject(new Error('The template renderer is closed'));
    await Promise.all(
      this.slots.map(async (slot) => {
        const { worker, current } = slot;
        slot.worker = null;
        slot.current = null;
        if (current) {
          clearTimeout(current.timer);
          current.reject(new Error('The template renderer is closed'));
        }
        if (worker) await worker.terminate();
      }),
    );
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.current || this.queue.length === 0) continue;
      const pending = this.queue.shift() as Pending;
      const worker = slot.worker ?? this.spawn(slot);
      worker.ref();
      const startTimeoutMs = this.options.startTimeoutMs ?? 30_000;
      const timer = setTimeout(() => this.timeOut(slot, `the renderer did not start within ${startTimeoutMs} ms`), startTimeoutMs);
      slot.current = { ...pending, timer };
      try {
        worker.postMessage(pending.job);
      } catch (error) {
        this.finish(slot, () => pending.reject(templateRenderFailed(`the view model cannot be sent to the renderer (${String(error)})`)));
      }
    }
  }

  private spawn(slot: Slot): Worker {
    const worker = new Worker(this.options.script, {
      workerData: this.options.workerData,
      resourceLimits: this.options.resourceLimits,
    });
    worker.on('message', (reply: WorkerReply) => {
      const current = slot.current;
      if (slot.worker !== worker || !current || reply.id !== current.job.id) return;
      if ('started' in reply) {
        clearTimeout(current.timer);
        current.timer = setTimeout(() => this.timeOut(slot), current.timeoutMs);
        return;
      }
      this.finish(slot, () => (reply.ok ? current.resolve(reply.output) : current.reject(toAppError(reply.error, current.job))));
    });
    const lost = (error: Error | null): void => {
      if (slot.worker !== worker) return;
      slot.worker = null;
      const current = slot.current;
      if (!current) return;
      const outOfMemory = (error as { code?: string } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.finish(slot, () =>
        current.reject(
          outOfMemory
            ? templateOutputTooLarge(current.job.maxOutputBytes)
            : templateRenderFailed(error ? error.message : 'the renderer stopped unexpectedly'),
        ),
      );
    };
    worker.on('error', (error) => lost(error));
    worker.on('exit', () => lost(null));
    slot.worker = worker;
    return worker;
  }

  /** Stops the slot's worker: its job ran past its time limit (or, with `notStarted`, never started). */
  private timeOut(slot: Slot, notStarted?: string): void {
    const current = slot.current;
    if (!current) return;
    const worker = slot.worker;
    slot.worker = null;
    void worker?.terminate();
    this.finish(slot, () => current.reject(notStarted ? templateRenderFailed(notStarted) : templateTimeout(current.timeoutMs)));
  }

  private finish(slot: Slot, settle: () => void): void {
    if (slot.current) clearTimeout(slot.current.timer);
    slot.current = null;
    slot.worker?.unref();
    settle();
    this.dispatch();
  }
}
