import { Injectable } from '@nestjs/common';
import { Clock } from '@loopwright/core';
import { SubscribesToDomainEvents, type DomainEvent, type DomainEventSubscriber } from '@loopwright/events';
import type { EntityManager } from 'typeorm';
import { messageIdFor, thinData, thinPayload, WEBHOOK_EVENT_TYPES, type WebhookEventType } from './webhook-events.js';
import { WebhookWake } from './webhook-wake.js';

/**
 * One delivery per active endpoint of the organization that receives the type, in the dispatcher's transaction (once
 * per event and endpoint: the unique key makes a repeat insert nothing). The message id is the event's.
 */
const FAN_OUT_SQL = `
  INSERT INTO webhook_deliveries (id, organization_id, endpoint_id, event_id, event_type, message_id, payload, status, attempts, next_attempt_at, created_at)
  SELECT gen_random_uuid(), e.organization_id, e.id, $2, $3, $4, $5::jsonb, 'pending', 0, $6, $6
    FROM webhook_endpoints e
   WHERE e.organization_id = $1 AND e.active AND $3 = ANY (e.events)
  ON CONFLICT (endpoint_id, event_id) WHERE event_id IS NOT NULL DO NOTHING
  RETURNING id`;

@SubscribesToDomainEvents()
@Injectable()
export class WebhookFanOutSubscriber implements DomainEventSubscriber<WebhookEventType> {
  readonly name = 'webhooks';
  readonly handles = WEBHOOK_EVENT_TYPES;

  constructor(
    private readonly clock: Clock,
    private readonly wake: WebhookWake,
  ) {}

  async handle(event: DomainEvent<WebhookEventType>, manager: EntityManager): Promise<void> {
    const payload = thinPayload(event.type, event.occurredAt, thinData(event.payload));
    const queued = await manager.query<unknown[]>(FAN_OUT_SQL, [
      event.organizationId,
      event.id,
      event.type,
      messageIdFor(event.id),
      JSON.stringify(payload),
      this.clock.now(),
    ]);
    if (queued.length > 0) this.wake.markQueued(manager);
  }
}
