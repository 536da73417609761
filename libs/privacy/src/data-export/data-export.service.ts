import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock } from '@loopwright/core';
import { AuditLog, type Actor } from '@loopwright/identity';
import { CandidatesService, LoopsService } from '@loopwright/loops';
import { PacketRenderService, PacketViewModelBuilder } from '@loopwright/packets';
import { QuestionsService } from '@loopwright/question-bank';
import { ScorecardErasure, ScorecardsService } from '@loopwright/scorecards';
import type { DataSource } from 'typeorm';
import { ErasureRequest } from '../erasure/erasure-request.entity.js';
import { toErasureDto } from '../erasure/erasure.service.js';
import type { CandidateDataExportDto, DataExportPacketDto } from './data-export.dto.js';

/**
 * An access request (Art. 15) or a portability request (Art. 20): everything held about one candidate, from each
 * feature's service, with each loop's packet rendered as HTML and Markdown inside the JSON. The blind rule holds:
 * a requester who interviews on one of the loops and has not submitted their own scorecard gets 403
 * SUBMIT_YOURS_FIRST, as for the packets.
 */
@Injectable()
export class DataExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly candidates: CandidatesService,
    private readonly loops: LoopsService,
    private readonly cards: ScorecardErasure,
    private readonly scorecards: ScorecardsService,
    private readonly questions: QuestionsService,
    private readonly audit: AuditLog,
    private readonly builder: PacketViewModelBuilder,
    private readonly renderer: PacketRenderService,
    private readonly clock: Clock,
  ) {}

  async export(actor: Actor, candidateId: string): Promise<CandidateDataExportDto> {
    const manager = this.dataSource.manager;
    const candidate = await this.candidates.get(actor, candidateId);
    const organizationId = actor.organizationId;
    const [conflicts, loops] = [await this.candidates.listConflicts(actor, candidateId), await this.loops.loopsOfCandidate(manager, organizationId, candidateId)];
    const loopIds = loops.map((loop) => loop.id);
    await this.scorecards.assertMayReadOthersOfAll(actor, loopIds);
    const { scorecards, decisions } = await this.cards.dataOfLoops(manager, organizationId, loopIds);
    const questionsSeen = await this.questions.questionIdsSeenByCandidate(organizationId, candidateId, manager);
    const auditEvents = await this.audit.eventsAbout(manager, organizationId, [
      candidateId,
      ...conflicts.map((conflict) => conflict.id),
      ...loopIds,
      ...loops.flatMap((loop) => loop.rounds.map((round) => round.id)),
      ...scorecards.map((card) => card.id),
      ...scorecards.flatMap((card) => card.amendments.map((amendment) => amendment.id)),
    ]);
    const erasures = await manager.find(ErasureRequest, { where: { organizationId, candidateId }, order: { executedAt: 'ASC' } });
    const packets: DataExportPacketDto[] = [];
    for (const loopId of loopIds) packets.push(await this.packet(organizationId, loopId));
    return {
      generatedAt: this.clock.now(),
      candidate,
      conflicts,
      loops,
      scorecards,
      decisions,
      questionsSeen: [...questionsSeen].sort(),
      auditEvents,
      erasures: erasures.map(toErasureDto),
      packets,
    };
  }

  private async packet(organizationId: string, loopId: string): Promise<DataExportPacketDto> {
    const { viewModel } = await this.builder.build(organizationId, loopId, { redactInterviewers: false, includeShadows: true });
    const html = await this.renderer.renderPacket(viewModel, 'html');
    const markdown = await this.renderer.renderPacket(viewModel, 'markdown');
    return { loopId, htmlFileName: html.fileName, html: String(html.body), markdown: String(markdown.body) };
  }
}
