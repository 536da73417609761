import { Injectable } from '@nestjs/common';
import { Clock } from '@loopwright/core';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DispatchWake } from './dispatch-wake.js';
import { aggregateOf, type NewDomainEvent } from './domain-event-types.js';

/** Who made the change: an `Actor` fits (userId null for the system). */
export interface EventOrigin {
  organizationId: string;
  userId: string | null;
}

/**
 * One statement: a transaction-level lock per aggregate (so that the events of one aggregate take their sequence
 * numbers in the order their transactions commit, whatever the caller locked), the events, and a pending delivery
 * for each registered subscriber of each event's type (one row returned per delivery).
 */
const RECORD_SQL = `
  WITH locked AS (
    SELECT count(pg_advisory_xact_lock(hashtext('loopwright:domain-events'), hashtext(key))) AS n FROM unnest($2::text[]) AS key
  ), recorded AS (
    INSERT INTO domain_events (id, organization_id, type, aggregate_type, aggregate_id, actor_id, occurred_at, payload)
    SELECT e.id, e.organization_id, e.type, e.aggregate_type, e.aggregate_id, e.actor_id, e.occurred_at, e.payload
      FROM locked,
           jsonb_to_recordset($1::jsonb) AS e(position int, id uuid, organization_id uuid, type text, aggregate_type text,
                                              aggregate_id uuid, actor_id uuid, occurred_at timestamptz, payload jsonb)
     ORDER BY e.position
    RETURNING id, organization_id, type, aggregate_type, aggregate_id, sequence
  )
  INSERT INTO domain_event_deliveries (subscriber, event_id, organization_id, aggregate_type, aggregate_id, event_sequence)
  SELECT s.name, r.id, r.organization_id, r.aggregate_type, r.aggregate_id, r.sequence
    FROM recorded r JOIN domain_event_subscribers s ON r.type = ANY (s.handles)
  RETURNING 1 AS delivery`;

/** Records domain events in the caller's transaction: they exist if and only if the change commits. */
@Injectable()
export class DomainEvents {
  constructor(
    private readonly clock: Clock,
    private readonly wake: DispatchWake,
  ) {}

  /** In the order given (the order subscribers see them for one aggregate); no events, no statement. */
  async record(manager: EntityManager, origin: EventOrigin, ...events: NewDomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    if (!manager.queryRunner?.isTransactionActive)
      throw new Error('DomainEvents.record runs inside the transaction of the change it announces');
    const occurredAt = this.clock.now().toISOString();
    const rows = events.map((event, position) => {
      const aggregate = aggregateOf(event);
      return {
        position,
        id: randomUUID(),
        organization_id: origin.organizationId,
        type: event.type,
        aggregate_type: aggregate.type,
        aggregate_id: aggregate.id,
        actor_id: origin.userId,
        occurred_at: occurredAt,
        payload: event.payload,
      };
    });
    const lockKeys = [...new Set(rows.map((row) => `${row.aggregate_type}:${row.aggregate_id}`))].sort();
    const deliveries = await manager.query<unknown[]>(RECORD_SQL, [JSON.stringify(rows), lockKeys]);
    // Nobody subscribes to these (yet): nothing for a dispatcher to do.
    if (deliveries.length > 0) this.wake.markRecorded(manager);
  }
}
