import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * An organization's Slack channel: the incoming-webhook URL its daily digest of overdue scorecards is posted to. The
 * URL is a secret (whoever has it posts to the channel): never answered in full, never logged, masked in the audit log.
 */
@Entity('slack_settings')
export class SlackSettings {
  @PrimaryColumn('uuid', { name: 'organization_id' })
  organizationId: string;

  @ManyToOne('Organization', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: { id: string };

  @Column('text', { name: 'webhook_url' })
  webhookUrl: string;

  @Column({ type: 'timestamptz', name: 'updated_at', precision: 3 })
  updatedAt: Date;
}
