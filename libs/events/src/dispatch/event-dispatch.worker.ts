import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@loopwright/core';
import { JobQueue, WokenPasses } from '@loopwright/database';
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
  private readonly passes: WokenPasses;

  constructor(
    private readonly queue: JobQueue,
    private readonly dispatcher: EventDispatcher,
    private readonly config: AppConfig,
  ) {
    this.passes = new WokenPasses(
      () => this.dispatcher.drain(),
      (error) => this.logger.error({ err: error }, 'Event dispatch pass failed'),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.dispatcher.subscriberNames.length === 0) return;
    await this.passes.start(this.queue, { name: DISPATCH_WAKE_QUEUE, options: DISPATCH_WAKE_QUEUE_OPTIONS }, this.config.eventDispatch.sweepSeconds);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.passes.stop();
  }

  /** Resolves once a pass that started after this call has finished. */
  wake(): Promise<void> {
    return this.passes.wake();
  }
}
