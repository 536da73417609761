import { Module } from '@nestjs/common';
import { DispatchWake } from './dispatch-wake.js';
import { DomainEvents } from './domain-events.js';

/** Recording domain events (the outbox); features import it and call `DomainEvents.record` in their transactions. */
@Module({
  providers: [DomainEvents, DispatchWake],
  exports: [DomainEvents],
})
export class EventsModule {}
