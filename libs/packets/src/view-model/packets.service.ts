import { Injectable } from '@nestjs/common';
import { forbidden } from '@loopwright/core';
import { AccessLog, hasRole, type Actor } from '@loopwright/identity';
import { ScorecardsService } from '@loopwright/scorecards';
import { PacketTemplatesService } from '../custom-templates/packet-templates.service.js';
import { PacketRenderService, type RenderedPacket } from '../packet-render.service.js';
import { PacketViewModelBuilder } from './packet-view-model.builder.js';
import type { PacketQueryDto } from './packet-query.dto.js';

/** Who reads a loop's packets: admins, recruiters and the hiring manager of its position (the blind rule aside). */
export const mayReadPackets = (actor: Actor, position: { hiringManagerId: string }): boolean =>
  hasRole(actor, 'admin', 'recruiter') || position.hiringManagerId === actor.userId;

/**
 * One candidate packet for a reader allowed to see it: admins, recruiters, the position's hiring manager; one of them
 * who interviews or shadows on the loop only after submitting their own scorecard (403 SUBMIT_YOURS_FIRST). Each
 * packet read is an access event (one more statement).
 */
@Injectable()
export class PacketsService {
  constructor(
    private readonly builder: PacketViewModelBuilder,
    private readonly renderer: PacketRenderService,
    private readonly templates: PacketTemplatesService,
    private readonly scorecards: ScorecardsService,
    private readonly access: AccessLog,
  ) {}

  async render(actor: Actor, loopId: string, query: PacketQueryDto): Promise<RenderedPacket> {
    await this.scorecards.assertMayReadOthers(actor, loopId);
    const { viewModel, hiringManagerId, candidateId } = await this.builder.build(actor.organizationId, loopId, {
      redactInterviewers: query.redact === 'interviewers',
      includeShadows: query.includeShadows ?? false,
    });
    if (!mayReadPackets(actor, { hiringManagerId })) throw forbidden('Only admins, recruiters and the hiring manager of this position read its packets');
    const template = query.templateId ? await this.templates.findForRendering(actor.organizationId, query.templateId) : undefined;
    const packet = await this.renderer.renderPacket(viewModel, query.format, template);
    await this.access.record(actor, { kind: 'packet', entityType: 'loop', entityId: loopId, candidateIds: [candidateId], format: query.format });
    return packet;
  }
}
