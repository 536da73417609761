import { Check, Column, Entity, Index } from 'typeorm';
import type { PacketFormat } from '../templates/template-formats.js';
import { TimestampedOrganizationEntity } from '@loopwright/database';

/** An organization's own packet template; its source lives in immutable versions. */
@Entity('packet_templates')
@Check('packet_templates_format_known', `format IN ('html', 'markdown')`)
@Index('packet_templates_org_name_idx', ['organizationId', 'name', 'id'])
export class PacketTemplate extends TimestampedOrganizationEntity {
  @Column('text')
  name: string;

  @Column('text')
  format: PacketFormat;

  @Column('int', { name: 'current_version', default: 1 })
  currentVersion: number;

  /** Deleted templates keep their versions, so that a packet made with one can still be explained. */
  @Column('timestamptz', { name: 'deleted_at', nullable: true })
  deletedAt: Date | null;
}
