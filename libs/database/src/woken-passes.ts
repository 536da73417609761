import type PgBoss from 'pg-boss';
import type { JobQueue } from './job-queue.js';

/**
 * Runs `pass` in a worker when woken: by a job on a pg-boss queue (sent after a commit, see `CommitWake`), every
 * `sweepSeconds` (retries that came due, wake-ups that were lost) and once at start. One pass at a time per process; a
 * wake-up during a pass makes another one follow it.
 */
export class WokenPasses {
  private sweep: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private wanted = false;
  private stopping = false;

  constructor(
    private readonly pass: () => Promise<unknown>,
    private readonly onError: (error: unknown) => void,
  ) {}

  async start(jobQueue: JobQueue, queue: { name: string; options: Omit<PgBoss.Queue, 'name'> }, sweepSeconds: number): Promise<void> {
    await jobQueue.ensureQueue(queue.name, queue.options);
    await jobQueue.boss.work(queue.name, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async () => this.wake());
    this.sweep = setInterval(() => void this.wake(), sweepSeconds * 1000);
    void this.wake();
  }

  /** Resolves once a pass that started after this call has finished. */
  wake(): Promise<void> {
    this.wanted = true;
    this.running ??= this.passes().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** No new passes; resolves when the one under way has finished. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.sweep) clearInterval(this.sweep);
    this.sweep = null;
    await this.running;
  }

  private async passes(): Promise<void> {
    while (this.wanted && !this.stopping) {
      this.wanted = false;
      try {
        await this.pass();
      } catch (error) {
        this.onError(error);
      }
    }
  }
}
