import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { PacketTemplate } from './packet-template.entity.js';
import { OrganizationEntity } from '@loopwright/database';

@Entity('packet_template_versions')
@Index('packet_template_versions_template_number_key', ['templateId', 'number'], { unique: true })
export class PacketTemplateVersion extends OrganizationEntity {
  @Column('uuid', { name: 'template_id' })
  templateId: string;

  @ManyToOne(() => PacketTemplate, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'template_id' })
  template?: Relation<PacketTemplate>;

  @Column('int')
  number: number;

  @Column('text')
  source: string;

  @Column('uuid', { name: 'author_id', nullable: true })
  authorId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
