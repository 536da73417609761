import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, conflict, forbidden, notFound, validationFailed, type Page, type PageQueryDto } from '@loopwright/core';
import { keysetPage, NEWEST_FIRST } from '@loopwright/database';
import { AuditLog, hasRole, type Actor } from '@loopwright/identity';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import type {
  CreatedWebhookEndpointDto,
  CreateWebhookEndpointDto,
  RotatedWebhookSecretDto,
  UpdateWebhookEndpointDto,
  WebhookDeliveryDto,
  WebhookEndpointDto,
} from './webhook-endpoints.dto.js';
import { messageIdFor, thinPayload, WEBHOOK_TEST_EVENT, type WebhookEventType } from './webhook-events.js';
import { newWebhookSecret } from './webhook-signature.js';
import { WebhookWake } from './webhook-wake.js';

/** After a rotation the previous secret signs too, for this long, so receivers can switch without losing a message. */
export const SECRET_OVERLAP_MS = 24 * 3_600_000;

/** Why an endpoint URL is refused, or null. Where it points is checked at each delivery (after DNS), not here. */
export function endpointUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'url must be an absolute http:// or https:// URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'url must be an http:// or https:// URL';
  if (url.username || url.password) return 'url must not carry a user name or password';
  return null;
}

/** The organization's webhook endpoints and their deliveries (admins only). */
@Injectable()
export class WebhookEndpoints {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly wake: WebhookWake,
  ) {}

  async create(actor: Actor, input: CreateWebhookEndpointDto): Promise<CreatedWebhookEndpointDto> {
    assertAdmin(actor);
    const url = checkedUrl(input.url);
    const secret = newWebhookSecret();
    return this.dataSource.transaction(async (manager) => {
      const endpoint = manager.create(WebhookEndpoint, {
        id: randomUUID(),
        organizationId: actor.organizationId,
        url,
        events: [...input.events],
        active: input.active ?? true,
        disabledReason: null,
        secret,
        previousSecret: null,
        previousSecretExpiresAt: null,
      });
      await manager.save(endpoint);
      await this.audit.record(manager, actor, {
        action: 'webhook_endpoint.created',
        entityType: 'webhook_endpoint',
        entityId: endpoint.id,
        changes: { url: { before: null, after: url }, events: { before: null, after: endpoint.events }, active: { before: null, after: endpoint.active } },
      });
      return { ...toDto(endpoint), secret };
    });
  }

  async list(actor: Actor, query: PageQueryDto): Promise<Page<WebhookEndpointDto>> {
    assertAdmin(actor);
    const builder = this.dataSource.manager
      .createQueryBuilder(WebhookEndpoint, 'e')
      .where('e.organization_id = :organizationId', { organizationId: actor.organizationId });
    return keysetPage(builder, NEWEST_FIRST, query, toDto);
  }

  async get(actor: Actor, id: string): Promise<WebhookEndpointDto> {
    assertAdmin(actor);
    return toDto(await this.endpointIn(this.dataSource.manager, actor, id));
  }

  async update(actor: Actor, id: string, input: UpdateWebhookEndpointDto): Promise<WebhookEndpointDto> {
    assertAdmin(actor);
    const url = input.url === undefined ? undefined : checkedUrl(input.url);
    return this.dataSource.transaction(async (manager) => {
      const endpoint = await this.endpointIn(manager, actor, id, true);
      const before = { url: endpoint.url, events: endpoint.events, active: endpoint.active };
      if (url !== undefined) endpoint.url = url;
      if (input.events !== undefined) endpoint.events = [...input.events];
      if (input.active !== undefined) {
        endpoint.active = input.active;
        if (input.active) endpoint.disabledReason = null;
      }
      await manager.save(endpoint);
      const after = { url: endpoint.url, events: endpoint.events, active: endpoint.active };
      const changes = Object.fromEntries(
        (Object.keys(after) as (keyof typeof after)[])
          .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
          .map((field) => [field, { before: before[field], after: after[field] }]),
      );
      if (Object.keys(changes).length > 0)
        await this.audit.record(manager, actor, { action: 'webhook_endpoint.updated', entityType: 'webhook_endpoint', entityId: id, changes });
      return toDto(endpoint);
    });
  }

  /** Deletes the endpoint and its deliveries. */
  async remove(actor: Actor, id: string): Promise<void> {
    assertAdmin(actor);
    await this.dataSource.transaction(async (manager) => {
      await this.endpointIn(manager, actor, id, true);
      await manager.delete(WebhookEndpoint, { id, organizationId: actor.organizationId });
      await this.audit.record(manager, actor, { action: 'webhook_endpoint.deleted', entityType: 'webhook_endpoint', entityId: id });
    });
  }

  /** A new secret; the one it replaces signs too for 24 h (a previous rotation's secret stops at once). */
  async rotateSecret(actor: Actor, id: string): Promise<RotatedWebhookSecretDto> {
    assertAdmin(actor);
    return this.dataSource.transaction(async (manager) => {
      const endpoint = await this.endpointIn(manager, actor, id, true);
      const secret = newWebhookSecret();
      const previousSecretExpiresAt = new Date(this.clock.now().getTime() + SECRET_OVERLAP_MS);
      endpoint.previousSecret = endpoint.secret;
      endpoint.previousSecretExpiresAt = previousSecretExpiresAt;
      endpoint.secret = secret;
      await manager.save(endpoint);
      await this.audit.record(manager, actor, {
        action: 'webhook_endpoint.secret_rotated',
        entityType: 'webhook_endpoint',
        entityId: id,
        changes: { secret: { before: 'set', after: 'set' } },
      });
      return { secret, previousSecretExpiresAt };
    });
  }

  /** Queues a `webhook.test` message (`data: {endpointId}`) for the worker to send. 409 `ENDPOINT_INACTIVE`. */
  async sendTest(actor: Actor, id: string): Promise<WebhookDeliveryDto> {
    assertAdmin(actor);
    return this.dataSource.transaction(async (manager) => {
      const endpoint = await this.endpointIn(manager, actor, id);
      if (!endpoint.active) throw conflict('ENDPOINT_INACTIVE', 'This endpoint is inactive: turn it on to send it a test');
      const now = this.clock.now();
      const deliveryId = randomUUID();
      const delivery = manager.create(WebhookDelivery, {
        id: deliveryId,
        organizationId: actor.organizationId,
        endpointId: id,
        eventId: null,
        eventType: WEBHOOK_TEST_EVENT,
        messageId: messageIdFor(deliveryId),
        payload: thinPayload(WEBHOOK_TEST_EVENT, now, { endpointId: id }),
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        createdAt: now,
      });
      await manager.save(delivery);
      await this.audit.record(manager, actor, { action: 'webhook_endpoint.tested', entityType: 'webhook_endpoint', entityId: id });
      this.wake.markQueued(manager);
      return toDeliveryDto(delivery);
    });
  }

  async deliveries(actor: Actor, endpointId: string, query: PageQueryDto): Promise<Page<WebhookDeliveryDto>> {
    assertAdmin(actor);
    await this.endpointIn(this.dataSource.manager, actor, endpointId);
    const builder = this.dataSource.manager
      .createQueryBuilder(WebhookDelivery, 'd')
      .where('d.organization_id = :organizationId AND d.endpoint_id = :endpointId', { organizationId: actor.organizationId, endpointId });
    return keysetPage(builder, NEWEST_FIRST, query, toDeliveryDto);
  }

  /**
   * Sends a delivery again from a fresh schedule (attempts from 0), with the same `webhook-id`. 409
   * `DELIVERY_IN_PROGRESS` while an attempt is under way, `ENDPOINT_INACTIVE` for an inactive endpoint.
   */
  async redeliver(actor: Actor, deliveryId: string): Promise<WebhookDeliveryDto> {
    assertAdmin(actor);
    return this.dataSource.transaction(async (manager) => {
      const delivery = await manager
        .createQueryBuilder(WebhookDelivery, 'd')
        .setLock('pessimistic_write')
        .where('d.id = :deliveryId AND d.organization_id = :organizationId', { deliveryId, organizationId: actor.organizationId })
        .getOne();
      if (!delivery) throw notFound('Webhook delivery');
      if (delivery.status === 'sending') throw conflict('DELIVERY_IN_PROGRESS', 'An attempt of this delivery is under way');
      const endpoint = await this.endpointIn(manager, actor, delivery.endpointId);
      if (!endpoint.active) throw conflict('ENDPOINT_INACTIVE', 'This endpoint is inactive: turn it on to redeliver');
      Object.assign(delivery, { status: 'pending', attempts: 0, nextAttemptAt: this.clock.now(), lastError: null, deliveredAt: null });
      await manager.save(delivery);
      await this.audit.record(manager, actor, { action: 'webhook_delivery.redelivered', entityType: 'webhook_delivery', entityId: deliveryId });
      this.wake.markQueued(manager);
      return toDeliveryDto(delivery);
    });
  }

  private async endpointIn(manager: EntityManager, actor: Actor, id: string, lock = false): Promise<WebhookEndpoint> {
    const builder = manager
      .createQueryBuilder(WebhookEndpoint, 'e')
      .where('e.id = :id AND e.organization_id = :organizationId', { id, organizationId: actor.organizationId });
    if (lock) builder.setLock('pessimistic_write');
    const endpoint = await builder.getOne();
    if (!endpoint) throw notFound('Webhook endpoint');
    return endpoint;
  }
}

function assertAdmin(actor: Actor): void {
  if (!hasRole(actor, 'admin')) throw forbidden('Only admins manage webhooks');
}

function checkedUrl(value: string): string {
  const url = value.trim();
  const problem = endpointUrlProblem(url);
  if (problem) throw validationFailed([{ field: 'url', problems: [problem] }]);
  return url;
}

function toDto(endpoint: WebhookEndpoint): WebhookEndpointDto {
  return {
    id: endpoint.id,
    url: endpoint.url,
    events: endpoint.events as WebhookEventType[],
    active: endpoint.active,
    disabledReason: endpoint.disabledReason,
    previousSecretExpiresAt: endpoint.previousSecretExpiresAt,
    createdAt: endpoint.createdAt,
    updatedAt: endpoint.updatedAt,
  };
}

export function toDeliveryDto(delivery: WebhookDelivery): WebhookDeliveryDto {
  return {
    id: delivery.id,
    endpointId: delivery.endpointId,
    eventId: delivery.eventId,
    type: delivery.eventType,
    messageId: delivery.messageId,
    status: delivery.status,
    attempts: delivery.attempts,
    responseStatus: delivery.responseStatus ?? null,
    durationMs: delivery.durationMs ?? null,
    lastError: delivery.lastError ?? null,
    nextAttemptAt: delivery.nextAttemptAt,
    deliveredAt: delivery.deliveredAt ?? null,
    createdAt: delivery.createdAt,
  };
}

