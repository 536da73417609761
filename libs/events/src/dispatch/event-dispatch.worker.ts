import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@loopwright/core';
import { JobQueue } from '@loopwright/database';
import { DISPATCH_WAKE_QUEUE, DISPATCH_WAKE_QUEUE_OPTIONS } from '../events.constants.js';
import { EventDispatcher } from './event-dispatcher.js';

/**
 * Runs the dispatcher in the worker: when woken through pg-boss (a job sent after each commit that recorded
 * events), every EVENTS_SWEEP_SECONDS (retries that came due, wake-ups that were lost) and once at start (what was
 * recorded while no worker ran). One pass at a time per process; a wake-up during a pass makes another one follow.
 */
@Injectable()
export class EventDispatchWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EventDispatchWorker.name);
  private sweep: NodeJS.Timeout | null = null;
  private pass: Promise<void> | null = null;
  private again = false;
  private stopping = false;

  constructor(
    private readonly queue: JobQueue,
    private readonly dispatcher: EventDispatcher,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.dispatcher.subscriberNames.length === 0) return;
    await this.queue.ensureQueue(DISPATCH_WAKE_QUEUE, DISPATCH_WAKE_QUEUE_OPTIONS);
    await this.queue.boss.work(DISPATCH_WAKE_QUEUE, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async () => this.wake());
    this.sweep = setInterval(() => void this.wake(), this.config.eventDispatch.sweepSeconds * 1000);
    void this.wake();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.sweep) clearInterval(this.sweep);
    this.sweep = null;
    await this.pass;
  }

  /** Resolves once a pass that started after this call has finished. */
  wake(): Promise<void> {
    this.again = true;
    this.pass ??= this.passes().finally(() => {
      this.pass = null;
    });
    return this.pass;
  }

  private async passes(): Promise<void> {
    while (this.again && !this.stopping) {
      this.again = false;
      try {
        await this.dispatcher.drain();
      } catch (error) {
        this.logger.error({ err: error }, 'Event dispatch pass failed');
      }
    }
  }
}
