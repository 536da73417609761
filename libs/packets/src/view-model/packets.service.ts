import { Injectable } from '@nestjs/common';
import { forbidden } from '@loopwright/core';
import { AccessLog, hasRole, type Actor } from '@loopwright/identity';
import { PacketTemplatesService } from '../custom-templates/packet-templates.service.js';
import { PacketRenderService, type RenderedPacket } from '../packet-render.service.js';
import { PacketViewModelBuilder } from './packet-view-model.builder.js';
import type { PacketQueryDto } from './packet-query.dto.js';
import { packetCacheKey, RenderedPacketCache } from './rendered-packet-cache.js';

/** Who reads a loop's packets: admins, recruiters and the hiring manager of its position (the blind rule aside). */
export const mayReadPackets = (actor: Actor, position: { hiringManagerId: string }): boolean =>
  hasRole(actor, 'admin', 'recruiter') || position.hiringManagerId === actor.userId;

/**
 * One candidate packet for a reader allowed to see it: admins, recruiters, the position's hiring manager; one of them
 * who interviews or shadows on the loop only after submitting their own scorecard (403 SUBMIT_YOURS_FIRST, checked by
 * the builder on the loop it reads). Each packet read is an access event (one more statement): five in all. The render
 * is reused for identical inputs, options and template (RenderedPacketCache), after every check has passed: the view
 * model is assembled only for a render.
 */
@Injectable()
export class PacketsService {
  constructor(
    private readonly builder: PacketViewModelBuilder,
    private readonly renderer: PacketRenderService,
    private readonly templates: PacketTemplatesService,
    private readonly access: AccessLog,
    private readonly cache: RenderedPacketCache,
  ) {}

  async render(actor: Actor, loopId: string, query: PacketQueryDto): Promise<RenderedPacket> {
    const options = { redactInterviewers: query.redact === 'interviewers', includeShadows: query.includeShadows ?? false };
    const inputs = await this.builder.read(actor.organizationId, loopId, { ...options, reader: actor });
    if (!mayReadPackets(actor, inputs.loop.position)) throw forbidden('Only admins, recruiters and the hiring manager of this position read its packets');
    const template = query.templateId ? await this.templates.findForRendering(actor.organizationId, query.templateId) : undefined;
    const key = packetCacheKey(actor.organizationId, query.format, template?.source ?? null, options, inputs);
    const packet = await this.cache.getOrRender(key, () => this.renderer.renderPacket(this.builder.assemble(inputs, options).viewModel, query.format, template));
    await this.access.record(actor, { kind: 'packet', entityType: 'loop', entityId: loopId, candidateIds: [inputs.loop.candidate.id], format: query.format });
    return packet;
  }
}
