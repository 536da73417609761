import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { notFound, staleVersion, type Page } from '@loopwright/core';
import { BY_NAME, keysetPage, lockInOrg } from '@loopwright/database';
import { AccessLog, AuditLog, changesBetween, type Actor } from '@loopwright/identity';
import { ScorecardsService } from '@loopwright/scorecards';
import { randomUUID } from 'node:crypto';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { PACKET_VIEW_MODEL_DOC, type PacketViewModel } from '../packet-view-model.js';
import { PacketTemplateEngine } from '../templates/packet-template-engine.js';
import { PACKET_CONTENT_TYPES, type PacketFormat } from '../templates/template-formats.js';
import { PacketViewModelBuilder } from '../view-model/packet-view-model.builder.js';
import type { CustomPacketTemplate } from '../packet-render.service.js';
import { PacketTemplate } from './packet-template.entity.js';
import { PacketTemplateVersion } from './packet-template-version.entity.js';
import type { PacketViewModelDocDto } from './packet-view-model-doc.dto.js';
import type {
  CreatePacketTemplateDto,
  ListPacketTemplatesQueryDto,
  PacketTemplateDto,
  PacketTemplateSummaryDto,
  UpdatePacketTemplateDto,
} from './packet-template.dto.js';

/** A template rendered for its author to look at, in its format's content type. */
export interface RenderedPreview {
  body: string;
  contentType: string;
}

const toSummary = (template: PacketTemplate): PacketTemplateSummaryDto => ({
  id: template.id,
  name: template.name,
  format: template.format,
  version: template.currentVersion,
  createdAt: template.createdAt,
  updatedAt: template.updatedAt,
});

/** Organizations' own packet templates: validated at upload, versioned, soft-deleted. */
@Injectable()
export class PacketTemplatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: PacketTemplateEngine,
    private readonly audit: AuditLog,
    private readonly builder: PacketViewModelBuilder,
    private readonly scorecards: ScorecardsService,
    private readonly access: AccessLog,
  ) {}

  async create(actor: Actor, input: CreatePacketTemplateDto): Promise<PacketTemplateDto> {
    this.engine.validate(input.source, input.format);
    return this.dataSource.transaction(async (manager) => {
      const template = manager.create(PacketTemplate, {
        id: randomUUID(),
        organizationId: actor.organizationId,
        name: input.name,
        format: input.format,
        currentVersion: 1,
        deletedAt: null,
      });
      await manager.insert(PacketTemplate, template);
      await this.insertVersion(manager, actor, template.id, 1, input.source);
      await this.audit.recordCreated(manager, actor, 'packet_template', template.id, { name: input.name, format: input.format, version: 1 }, ['name', 'format', 'version']);
      return this.detail(manager, actor.organizationId, template.id);
    });
  }

  async list(actor: Actor, query: ListPacketTemplatesQueryDto): Promise<Page<PacketTemplateSummaryDto>> {
    const builder = this.dataSource.manager
      .createQueryBuilder(PacketTemplate, 't')
      .where('t.organization_id = :organizationId AND t.deleted_at IS NULL', { organizationId: actor.organizationId });
    return keysetPage(builder, BY_NAME, query, toSummary);
  }

  get(actor: Actor, id: string): Promise<PacketTemplateDto> {
    return this.detail(this.dataSource.manager, actor.organizationId, id);
  }

  async update(actor: Actor, id: string, input: UpdatePacketTemplateDto): Promise<PacketTemplateDto> {
    return this.dataSource.transaction(async (manager) => {
      const template = await lockInOrg(manager, PacketTemplate, actor.organizationId, id, { deletedAt: IsNull() });
      if (!template) throw notFound('Packet template');
      if (input.version !== undefined && input.version !== template.currentVersion) {
        throw staleVersion(await this.detail(manager, actor.organizationId, id));
      }
      const before = { name: template.name, version: template.currentVersion };
      const current = await this.currentVersion(manager, template);
      if (input.source !== undefined && input.source !== current.source) {
        this.engine.validate(input.source, template.format);
        template.currentVersion += 1;
        await this.insertVersion(manager, actor, id, template.currentVersion, input.source);
      }
      if (input.name !== undefined) template.name = input.name;
      const changes = changesBetween(before, { name: template.name, version: template.currentVersion }, ['name', 'version']);
      if (Object.keys(changes).length > 0) {
        await manager.update(PacketTemplate, { id }, { name: template.name, currentVersion: template.currentVersion });
        await this.audit.record(manager, actor, { action: 'packet_template.updated', entityType: 'packet_template', entityId: id, changes });
      }
      return this.detail(manager, actor.organizationId, id);
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const result = await manager.update(PacketTemplate, { organizationId: actor.organizationId, id, deletedAt: IsNull() }, { deletedAt: new Date() });
      if (!result.affected) throw notFound('Packet template');
      await this.audit.record(manager, actor, { action: 'packet_template.deleted', entityType: 'packet_template', entityId: id });
    });
  }

  /** The stored template a packet is rendered with; deleted ones are not offered any more. */
  async findForRendering(organizationId: string, id: string): Promise<CustomPacketTemplate & { id: string; version: number }> {
    const template = await this.dataSource.manager.findOneBy(PacketTemplate, { organizationId, id, deletedAt: IsNull() });
    if (!template) throw notFound('Packet template');
    const version = await this.currentVersion(this.dataSource.manager, template);
    return { id, format: template.format, source: version.source, version: template.currentVersion };
  }

  /** The documented view model: its fields, the helpers, and the example packet. */
  viewModelDoc(): PacketViewModelDocDto {
    return { ...PACKET_VIEW_MODEL_DOC, example: this.engine.examplePacket() };
  }

  /** Renders a stored template in the sandbox, on a loop's packet (`loopId`) or the documented example. */
  async preview(actor: Actor, id: string, loopId?: string): Promise<RenderedPreview> {
    const template = await this.findForRendering(actor.organizationId, id);
    return this.renderPreview(actor, template.source, template.format, loopId);
  }

  /**
   * Renders a source that is not saved (the editor's preview), checked as an upload is first: 400 TEMPLATE_INVALID
   * with line and column when it would not be accepted.
   */
  async previewSource(actor: Actor, input: { source: string; format: PacketFormat }, loopId?: string): Promise<RenderedPreview> {
    this.engine.validate(input.source, input.format);
    return this.renderPreview(actor, input.source, input.format, loopId);
  }

  /**
   * A loop's packet under the blind rule, as GET /api/loops/:id/packet: 403 SUBMIT_YOURS_FIRST for an admin who
   * interviews or shadows on the loop and has not submitted their own scorecard. A preview on a loop is a packet
   * read (an access event, format `preview`).
   */
  private async renderPreview(actor: Actor, source: string, format: PacketFormat, loopId: string | undefined): Promise<RenderedPreview> {
    let viewModel: PacketViewModel = this.engine.examplePacket();
    let candidateId: string | null = null;
    if (loopId) {
      await this.scorecards.assertMayReadOthers(actor, loopId);
      ({ viewModel, candidateId } = await this.builder.build(actor.organizationId, loopId, { redactInterviewers: false, includeShadows: false }));
    }
    const body = await this.engine.renderUntrusted(source, format, viewModel);
    if (loopId && candidateId) await this.access.record(actor, { kind: 'packet', entityType: 'loop', entityId: loopId, candidateIds: [candidateId], format: 'preview' });
    return { body, contentType: PACKET_CONTENT_TYPES[format] };
  }

  private async detail(manager: EntityManager, organizationId: string, id: string): Promise<PacketTemplateDto> {
    const template = await manager.findOneBy(PacketTemplate, { organizationId, id, deletedAt: IsNull() });
    if (!template) throw notFound('Packet template');
    const version = await this.currentVersion(manager, template);
    return { ...toSummary(template), source: version.source, authorId: version.authorId };
  }

  private async currentVersion(manager: EntityManager, template: PacketTemplate): Promise<PacketTemplateVersion> {
    return manager.findOneByOrFail(PacketTemplateVersion, {
      organizationId: template.organizationId,
      templateId: template.id,
      number: template.currentVersion,
    });
  }

  private async insertVersion(manager: EntityManager, actor: Actor, templateId: string, number: number, source: string): Promise<void> {
    await manager.insert(PacketTemplateVersion, {
      id: randomUUID(),
      organizationId: actor.organizationId,
      templateId,
      number,
      source,
      authorId: actor.userId,
    });
  }
}
