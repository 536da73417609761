import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParam, PageQueryDto } from '@loopwright/core';
import { Allow, CurrentActor, type Actor } from '@loopwright/identity';
import {
  CreatedWebhookEndpointDto,
  CreateWebhookEndpointDto,
  RotatedWebhookSecretDto,
  UpdateWebhookEndpointDto,
  WebhookDeliveryDto,
  WebhookDeliveryPageDto,
  WebhookEndpointDto,
  WebhookEndpointPageDto,
} from './webhook-endpoints.dto.js';
import { WebhookEndpoints } from './webhook-endpoints.service.js';

@ApiTags('webhooks')
@ApiBearerAuth()
@Allow('admin')
@Controller('webhook-endpoints')
export class WebhookEndpointsController {
  constructor(private readonly endpoints: WebhookEndpoints) {}

  /**
   * Adds an endpoint that receives the chosen events, signed as Standard Webhooks 1.0 (`webhook-id`,
   * `webhook-timestamp`, `webhook-signature`). The answer carries the signing secret (`whsec_…`), shown only here.
   */
  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CreateWebhookEndpointDto): Promise<CreatedWebhookEndpointDto> {
    return this.endpoints.create(actor, body);
  }

  /** The organization's endpoints, newest first (no secrets). */
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<WebhookEndpointPageDto> {
    return this.endpoints.list(actor, query);
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<WebhookEndpointDto> {
    return this.endpoints.get(actor, id);
  }

  /** Changes the URL, the events or the active flag (`active: true` turns an endpoint disabled by a 410 back on). */
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: UpdateWebhookEndpointDto): Promise<WebhookEndpointDto> {
    return this.endpoints.update(actor, id, body);
  }

  /** Deletes the endpoint and its deliveries. */
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<void> {
    return this.endpoints.remove(actor, id);
  }

  /** A new signing secret, shown only here; for 24 h the old one signs too (two space-separated `v1,` signatures). */
  @Post(':id/rotate-secret')
  @HttpCode(HttpStatus.OK)
  rotateSecret(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<RotatedWebhookSecretDto> {
    return this.endpoints.rotateSecret(actor, id);
  }

  /** Queues a `webhook.test` message to the endpoint (`data: {endpointId}`); the worker sends it. */
  @Post(':id/test')
  @HttpCode(HttpStatus.ACCEPTED)
  sendTest(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<WebhookDeliveryDto> {
    return this.endpoints.sendTest(actor, id);
  }

  /** The endpoint's deliveries, newest first: status, attempts, last response status, duration, next retry. */
  @Get(':id/deliveries')
  deliveries(@CurrentActor() actor: Actor, @IdParam() id: string, @Query() query: PageQueryDto): Promise<WebhookDeliveryPageDto> {
    return this.endpoints.deliveries(actor, id, query);
  }
}

@ApiTags('webhooks')
@ApiBearerAuth()
@Allow('admin')
@Controller('webhook-deliveries')
export class WebhookDeliveriesController {
  constructor(private readonly endpoints: WebhookEndpoints) {}

  /** Sends the delivery again, from a fresh retry schedule, with the same `webhook-id`. */
  @Post(':id/redeliver')
  @HttpCode(HttpStatus.ACCEPTED)
  redeliver(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<WebhookDeliveryDto> {
    return this.endpoints.redeliver(actor, id);
  }
}
