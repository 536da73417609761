import { DomainEventDelivery } from './domain-event-delivery.entity.js';
import { DomainEventSubscriberRecord } from './domain-event-subscriber.entity.js';
import { DomainEventRecord } from './domain-event.entity.js';

export const EVENTS_ENTITIES = [DomainEventRecord, DomainEventSubscriberRecord, DomainEventDelivery];
