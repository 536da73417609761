import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@loopwright/identity';
import { WebhookDeliveriesController, WebhookEndpointsController } from './webhook-endpoints.controller.js';
import { WebhookEndpoints } from './webhook-endpoints.service.js';
import { WebhookFanOutSubscriber } from './webhook-fanout.subscriber.js';
import { WebhookSendWorker } from './webhook-send.worker.js';
import { SYSTEM_SENDER_ENVIRONMENT, WebhookSender, WebhookSenderEnvironment } from './webhook-sender.js';
import { WebhookWake } from './webhook-wake.js';
import { WEBHOOKS_ENTITIES } from './webhooks.entities.js';

/** Outbound webhooks, the API part: endpoints (admins), test messages, deliveries and redelivery. */
@Module({
  imports: [IdentityModule, TypeOrmModule.forFeature(WEBHOOKS_ENTITIES)],
  controllers: [WebhookEndpointsController, WebhookDeliveriesController],
  providers: [WebhookWake, WebhookEndpoints],
  exports: [WebhookEndpoints],
})
export class WebhooksModule {}

/** The subscriber that queues deliveries from domain events and the sender, with no job queue or timer: tests call `drain()`. */
@Module({
  imports: [TypeOrmModule.forFeature(WEBHOOKS_ENTITIES)],
  providers: [WebhookWake, WebhookFanOutSubscriber, WebhookSender, { provide: WebhookSenderEnvironment, useValue: SYSTEM_SENDER_ENVIRONMENT }],
  exports: [WebhookSender],
})
export class WebhooksDeliveryModule {}

/** The worker's part: the subscriber, and the sender woken through the job queue and by its sweep. */
@Module({
  imports: [WebhooksDeliveryModule],
  providers: [WebhookSendWorker],
})
export class WebhooksWorkerModule {}
