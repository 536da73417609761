import { Clock, CoreModule } from '@loopwright/core';
import { DatabaseModule } from '@loopwright/database';
import { EventDispatcher, EventDispatchModule } from '@loopwright/events';
import { WebhooksDeliveryModule, WebhookSender, WebhookSenderEnvironment } from '@loopwright/webhooks';
import { Test } from '@nestjs/testing';
import { ENTITIES } from '../../../apps/api/src/entities.js';
import { startModule } from './start-module.js';

export interface WebhooksWorker {
  /** Hands recorded events to the webhook fan-out subscriber (which queues a delivery per endpoint). */
  dispatcher: EventDispatcher;
  /** Sends the due deliveries. */
  sender: WebhookSender;
  close: () => Promise<void>;
}

/**
 * The worker's webhook part in a process of its own: the dispatcher with the fan-out subscriber and the sender, on
 * DATABASE_URL with the given clock, a fixed jitter (the middle of the range) and WEBHOOKS_* from `process.env`.
 * Nothing runs by itself: the test calls `drain()`.
 */
export async function createWebhooksWorker(clock: Clock): Promise<WebhooksWorker> {
  const moduleRef = await Test.createTestingModule({
    imports: [CoreModule, DatabaseModule.forRoot({ entities: ENTITIES }), EventDispatchModule, WebhooksDeliveryModule],
  })
    .overrideProvider(Clock)
    .useValue(clock)
    .overrideProvider(WebhookSenderEnvironment)
    .useValue({ jitter: () => 0.5 })
    .compile();
  await startModule(moduleRef);
  return { dispatcher: moduleRef.get(EventDispatcher), sender: moduleRef.get(WebhookSender), close: () => moduleRef.close() };
}
