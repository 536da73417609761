import { Injectable } from '@nestjs/common';
import { forbidden } from '@loopwright/core';
import { hasRole, type Actor } from '@loopwright/identity';
import { PacketTemplatesService } from '../custom-templates/packet-templates.service.js';
import { PacketRenderService, type RenderedPacket } from '../packet-render.service.js';
import { PacketViewModelBuilder } from './packet-view-model.builder.js';
import type { PacketQueryDto } from './packet-query.dto.js';

/** One candidate packet for a reader allowed to see it: admins, recruiters, the position's hiring manager. */
@Injectable()
export class PacketsService {
  constructor(
    private readonly builder: PacketViewModelBuilder,
    private readonly renderer: PacketRenderService,
    private readonly templates: PacketTemplatesService,
  ) {}

  async render(actor: Actor, loopId: string, query: PacketQueryDto): Promise<RenderedPacket> {
    const { viewModel, hiringManagerId } = await this.builder.build(actor.organizationId, loopId, {
      redactInterviewers: query.redact === 'interviewers',
      includeShadows: query.includeShadows ?? false,
    });
    if (!hasRole(actor, 'admin', 'recruiter') && hiringManagerId !== actor.userId) {
      throw forbidden('Only admins, recruiters and the hiring manager of this position read its packets');
    }
    const template = query.templateId ? await this.templates.findForRendering(actor.organizationId, query.templateId) : undefined;
    return this.renderer.renderPacket(viewModel, query.format, template);
  }
}
