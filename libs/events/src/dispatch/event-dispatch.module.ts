import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { EventsModule } from '../events.module.js';
import { EventDispatchWorker } from './event-dispatch.worker.js';
import { EventDispatcher } from './event-dispatcher.js';

/** The dispatcher and the subscribers it finds (`@SubscribesToDomainEvents()`); passes run when `drain()` is called. */
@Module({
  imports: [EventsModule, DiscoveryModule],
  providers: [EventDispatcher],
  exports: [EventDispatcher],
})
export class EventDispatchModule {}

/** The worker's part: the dispatcher woken through the job queue and by a periodic sweep. */
@Module({
  imports: [EventDispatchModule],
  providers: [EventDispatchWorker],
  exports: [EventDispatchWorker],
})
export class EventDispatchWorkerModule {}
