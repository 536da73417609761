import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { PacketOutputFormat } from '../templates/template-formats.js';
import { OrganizationEntity } from '@loopwright/database';

export const EXPORT_STATUSES = ['queued', 'running', 'done', 'failed', 'expired'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** A bulk export of packets, made by the worker into one zip under DATA_DIR/exports. */
@Entity('packet_exports')
@Check('packet_exports_status_known', `status IN ('queued', 'running', 'done', 'failed', 'expired')`)
@Check('packet_exports_format_known', `format IN ('html', 'markdown', 'pdf')`)
@Index('packet_exports_org_created_idx', ['organizationId', 'createdAt'])
export class PacketExport extends OrganizationEntity {
  @Column('uuid', { name: 'requested_by' })
  requestedBy: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'requested_by' })
  requester?: { id: string };

  @Column('uuid', { name: 'position_id', nullable: true })
  positionId: string | null;

  /** Fixed when the export is requested, so a retried job exports the same loops. */
  @Column('uuid', { name: 'loop_ids', array: true })
  loopIds: string[];

  @Column('text')
  format: PacketOutputFormat;

  @Column('uuid', { name: 'template_id', nullable: true })
  templateId: string | null;

  @Column('boolean', { name: 'redact_interviewers', default: false })
  redactInterviewers: boolean;

  @Column('boolean', { name: 'include_shadows', default: false })
  includeShadows: boolean;

  @Column('text', { default: 'queued' })
  status: ExportStatus;

  /** Packets written so far. */
  @Column('int', { default: 0 })
  done: number;

  @Column('text', { nullable: true })
  error: string | null;

  @Column('bigint', { name: 'size_bytes', nullable: true })
  sizeBytes: string | null;

  @Column('text', { name: 'sha256', nullable: true })
  sha256: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'finished_at', precision: 3, nullable: true })
  finishedAt: Date | null;

  /** While running: when the attempt last said it is alive (database time). The worker retries exports silent for too long. */
  @Column({ type: 'timestamptz', name: 'heartbeat_at', precision: 3, nullable: true })
  heartbeatAt: Date | null;

  /** While running: the pg-boss job of the attempt, to hand back to the queue if the attempt dies. */
  @Column('uuid', { name: 'job_id', nullable: true })
  jobId: string | null;
}
