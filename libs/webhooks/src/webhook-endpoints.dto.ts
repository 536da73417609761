import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsBoolean, IsIn, IsString, MaxLength } from 'class-validator';
import { Optional } from '@loopwright/core';
import { WEBHOOK_DELIVERY_STATUSES, type WebhookDeliveryStatus } from './webhook-delivery.entity.js';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './webhook-events.js';

export class CreateWebhookEndpointDto {
  /** Where deliveries are posted: an `https://` (or `http://`) URL without user name or password. @example "https://ats.example.com/hooks/loopwright" */
  @IsString()
  @MaxLength(2000)
  url: string;

  /** The event kinds to receive (at least one). */
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  events: WebhookEventType[];

  /** true by default; an inactive endpoint receives nothing. */
  @Optional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateWebhookEndpointDto {
  @Optional()
  @IsString()
  @MaxLength(2000)
  url?: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true, required: false })
  @Optional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  events?: WebhookEventType[];

  /** true turns an endpoint the sender disabled (it answered 410) back on. */
  @Optional()
  @IsBoolean()
  active?: boolean;
}

/** An endpoint as admins read it: never its secret. */
export class WebhookEndpointDto {
  id: string;
  url: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true })
  events: WebhookEventType[];
  active: boolean;
  /** `gone` when the sender turned it off because the receiver answered 410; null otherwise. */
  disabledReason: string | null;
  /** Until then the secret before the last rotation signs deliveries too; null when no rotation is under way. */
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The answer to creation: the endpoint and its signing secret, shown this once. */
export class CreatedWebhookEndpointDto extends WebhookEndpointDto {
  /** `whsec_<base64>`: keep it, it is not shown again. */
  secret: string;
}

export class WebhookEndpointPageDto {
  items: WebhookEndpointDto[];
  nextCursor: string | null;
}

/** The new signing secret, shown this once; the previous one keeps signing until `previousSecretExpiresAt`. */
export class RotatedWebhookSecretDto {
  secret: string;
  previousSecretExpiresAt: Date;
}

/** One message to one endpoint: where it stands, never the response body. */
export class WebhookDeliveryDto {
  id: string;
  endpointId: string;
  /** The domain event it announces; null for `webhook.test`. */
  eventId: string | null;
  /** The event kind, or `webhook.test`. */
  type: string;
  /** The `webhook-id` header: the same on every attempt and redelivery. */
  messageId: string;
  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES })
  status: WebhookDeliveryStatus;
  attempts: number;
  /** The HTTP status of the last attempt; null when none came back. */
  responseStatus: number | null;
  /** How long the last attempt took to its response, in milliseconds. */
  durationMs: number | null;
  /** `http 500`, `TIMEOUT`, `NETWORK`, `DNS_FAILED`, `ADDRESS_REFUSED`, `ENDPOINT_INACTIVE`; null after a success. */
  lastError: string | null;
  /** When the next attempt is due; null once delivered or failed. */
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

export class WebhookDeliveryPageDto {
  items: WebhookDeliveryDto[];
  nextCursor: string | null;
}
