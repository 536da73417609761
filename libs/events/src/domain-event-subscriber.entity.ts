import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A subscriber some worker runs, and the types it handles. Each event recorded from then on gets a delivery for every
 * subscriber of its type, in the event's transaction: a subscriber receives what happened since it first registered.
 */
@Entity('domain_event_subscribers')
export class DomainEventSubscriberRecord {
  @PrimaryColumn('text')
  name: string;

  @Column('text', { array: true })
  handles: string[];

  @CreateDateColumn({ name: 'registered_at', type: 'timestamptz', precision: 3 })
  registeredAt: Date;
}
