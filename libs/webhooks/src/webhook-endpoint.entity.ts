import { Column, Entity, Index } from 'typeorm';
import { TimestampedOrganizationEntity } from '@loopwright/database';

/**
 * Where an organization wants its domain events posted (Standard Webhooks). `secret` signs every delivery and is
 * shown once (at creation and rotation), never logged or answered again. After a rotation the previous secret signs
 * too, until `previousSecretExpiresAt`.
 */
@Entity('webhook_endpoints')
@Index('webhook_endpoints_organization_idx', ['organizationId', 'createdAt'])
export class WebhookEndpoint extends TimestampedOrganizationEntity {
  @Column('text')
  url: string;

  /** The event kinds it receives. */
  @Column('text', { array: true })
  events: string[];

  @Column('boolean', { default: true })
  active: boolean;

  /** Why the sender turned it off (`gone`: the receiver answered 410); null when an admin did, or it is active. */
  @Column('text', { name: 'disabled_reason', nullable: true })
  disabledReason: string | null;

  /** `whsec_<base64>`: a secret (no encryption helper exists yet, so it is kept as it is; never logged). */
  @Column('text')
  secret: string;

  @Column('text', { name: 'previous_secret', nullable: true })
  previousSecret: string | null;

  @Column({ type: 'timestamptz', name: 'previous_secret_expires_at', precision: 3, nullable: true })
  previousSecretExpiresAt: Date | null;
}
