import { Check, Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { OrganizationEntity } from '@loopwright/database';
import type { WebhookEndpoint } from './webhook-endpoint.entity.js';

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'sending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/**
 * One message for one endpoint, sent by the worker with retries. `message_id` is the `webhook-id` header: the same on
 * every attempt and redelivery, so receivers can drop repeats. `payload` is the thin body (`{type, timestamp, data}`).
 */
@Entity('webhook_deliveries')
@Check('webhook_deliveries_status_known', `status IN ('pending', 'sending', 'delivered', 'failed')`)
@Index('webhook_deliveries_event_key', ['endpointId', 'eventId'], { unique: true, where: 'event_id IS NOT NULL' })
@Index('webhook_deliveries_due_idx', ['nextAttemptAt'], { where: `status IN ('pending', 'sending')` })
@Index('webhook_deliveries_endpoint_idx', ['endpointId', 'createdAt'])
export class WebhookDelivery extends OrganizationEntity {
  @Column('uuid', { name: 'endpoint_id' })
  endpointId: string;

  @ManyToOne('WebhookEndpoint', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'endpoint_id' })
  endpoint?: Relation<WebhookEndpoint>;

  /** The domain event it announces; null for a `webhook.test` message. */
  @Column('uuid', { name: 'event_id', nullable: true })
  eventId: string | null;

  @Column('text', { name: 'event_type' })
  eventType: string;

  @Column('text', { name: 'message_id' })
  messageId: string;

  @Column('jsonb')
  payload: Record<string, unknown>;

  @Column('text', { default: 'pending' })
  status: WebhookDeliveryStatus;

  @Column('int', { default: 0 })
  attempts: number;

  /** When the next attempt is due (pending), or when a claimed attempt's lease ends (sending); null once settled. */
  @Column({ type: 'timestamptz', name: 'next_attempt_at', precision: 3, nullable: true })
  nextAttemptAt: Date | null;

  /** The HTTP status of the last attempt; null when none came back (refused address, timeout, network). */
  @Column('int', { name: 'response_status', nullable: true })
  responseStatus: number | null;

  @Column('int', { name: 'duration_ms', nullable: true })
  durationMs: number | null;

  /** A code and status of the last failure (`http 500`, `TIMEOUT`, `ADDRESS_REFUSED`), never the response body. */
  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', name: 'delivered_at', precision: 3, nullable: true })
  deliveredAt: Date | null;

  @Column({ type: 'timestamptz', name: 'created_at', precision: 3 })
  createdAt: Date;
}
