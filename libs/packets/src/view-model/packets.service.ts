import { Injectable } from '@nestjs/common';
import { forbidden } from '@loopwright/core';
import { AccessLog, hasRole, type Actor } from '@loopwright/identity';
import { PacketTemplatesService } from '../custom-templates/packet-templates.service.js';
import { PacketRenderService, type RenderedPacket } from '../packet-render.service.js';
import { PacketViewModelBuilder } from './packet-view-model.builder.js';
import type { PacketQueryDto } from './packet-query.dto.js';
import { packetSlot, RenderedPacketCache, templateTag } from './rendered-packet-cache.js';

/** Who reads a loop's packets: admins, recruiters and the hiring manager of its position (the blind rule aside). */
export const mayReadPackets = (actor: Actor, position: { hiringManagerId: string }): boolean =>
  hasRole(actor, 'admin', 'recruiter') || position.hiringManagerId === actor.userId;

/**
 * One candidate packet for a reader allowed to see it: admins, recruiters, the position's hiring manager; one of them
 * who interviews or shadows on the loop only after submitting their own scorecard (403 SUBMIT_YOURS_FIRST, checked by
 * the builder on the loop as it is now). The last render of each slot (loop, format, template, options) is kept
 * (RenderedPacketCache) and served again while the builder proves its inputs unchanged: then a packet read is two
 * statements, the versions of the four reads and the access event; otherwise the reads whose versions changed are
 * issued (four at most, two more for the versions), the view model assembled and rendered. Every check runs on every
 * read, on what the versions prove current; each packet read is an access event.
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
    const slot = packetSlot(actor.organizationId, loopId, query.format, query.templateId ?? null, options);
    const kept = this.cache.get(slot);
    const { read, unchanged } = await this.builder.readCurrent(actor.organizationId, loopId, { ...options, reader: actor }, kept?.read);
    if (!mayReadPackets(actor, read.inputs.loop.position)) throw forbidden('Only admins, recruiters and the hiring manager of this position read its packets');
    const template = query.templateId ? await this.templates.findForRendering(actor.organizationId, query.templateId) : undefined;
    const tag = templateTag(template);
    const packet =
      unchanged && kept?.template === tag
        ? kept.packet
        : this.cache.keep(slot, { read, template: tag, packet: await this.renderer.renderPacket(this.builder.assemble(read.inputs, options).viewModel, query.format, template) });
    await this.access.record(actor, { kind: 'packet', entityType: 'loop', entityId: loopId, candidateIds: [read.inputs.loop.candidate.id], format: query.format });
    return packet;
  }
}
