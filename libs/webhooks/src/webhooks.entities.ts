import { WebhookDelivery } from './webhook-delivery.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';

/** The webhooks feature's tables: endpoints and their deliveries. */
export const WEBHOOKS_ENTITIES = [WebhookEndpoint, WebhookDelivery];
