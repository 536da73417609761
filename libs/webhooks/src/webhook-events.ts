import type { DomainEvent, DomainEventType } from '@loopwright/events';

/** The domain events an endpoint may receive. */
export const WEBHOOK_EVENT_TYPES = [
  'scorecard.submitted',
  'scorecard.amended',
  'round.scheduled',
  'round.rescheduled',
  'round.cancelled',
  'loop.decided',
  'export.completed',
  'candidate.anonymized',
] as const satisfies readonly DomainEventType[];
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Sent by `POST /api/webhook-endpoints/:id/test` only. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

/**
 * The thin payload's `data`: only the ids of the event (`loopId`, `scorecardId`, …), nothing else (no seat, no field
 * names), so the receiver reads the rest through the API with its own permissions and the blind rule.
 */
export function thinData(payload: DomainEvent['payload']): Record<string, string> {
  return Object.fromEntries(Object.entries(payload).filter(([key, value]) => /Id$/.test(key) && typeof value === 'string')) as Record<string, string>;
}

/** `msg_` and the event's (or test delivery's) id without dashes: the `webhook-id` of every attempt and endpoint. */
export const messageIdFor = (id: string): string => `msg_${id.replace(/-/g, '')}`;

/** The body posted: `{type, timestamp, data}`, its timestamp the time of the event. */
export const thinPayload = (type: string, occurredAt: Date, data: Record<string, string>): Record<string, unknown> => ({
  type,
  timestamp: occurredAt.toISOString(),
  data,
});
