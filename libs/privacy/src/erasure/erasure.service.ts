import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, conflict, notFound } from '@loopwright/core';
import { DomainEvents } from '@loopwright/events';
import { AuditLog, type Actor } from '@loopwright/identity';
import { CandidatesService, LoopsService } from '@loopwright/loops';
import { MailOutbox, RoundInvites } from '@loopwright/notifications';
import { PacketExportsService } from '@loopwright/packets';
import { QuestionsService } from '@loopwright/question-bank';
import { ScorecardErasure } from '@loopwright/scorecards';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { CreateErasureDto, ErasureDto } from './erasure.dto.js';
import { ErasureRequest, type ErasureTrigger } from './erasure-request.entity.js';

/** What an anonymized candidate is called. */
export const anonymousName = (candidateNumber: number): string => `Candidate #${candidateNumber}`;

/** The reason the loops of an erased candidate are cancelled with. */
const CANCEL_REASON = 'The candidate was erased';

export const toErasureDto = (row: ErasureRequest): ErasureDto => ({
  id: row.id,
  candidateId: row.candidateId,
  candidateNumber: row.candidateNumber,
  mode: row.mode,
  trigger: row.trigger,
  reason: row.reason,
  requestedById: row.requestedById,
  executedAt: row.executedAt,
  erased: row.erased,
});

/**
 * Erases a candidate (GDPR Art. 17) in one transaction: each feature erases its own rows through its service, the
 * archives of expired exports are deleted once it commits. Anonymize keeps ratings, recommendations, decisions,
 * times and question exposure (analytics and calibration keep working); delete removes the candidate and everything
 * only theirs. A legal hold refuses both (409 LEGAL_HOLD).
 */
@Injectable()
export class ErasureService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly candidates: CandidatesService,
    private readonly loops: LoopsService,
    private readonly scorecards: ScorecardErasure,
    private readonly questions: QuestionsService,
    private readonly exports: PacketExportsService,
    private readonly invites: RoundInvites,
    private readonly outbox: MailOutbox,
    private readonly audit: AuditLog,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  async erase(actor: Actor, candidateId: string, input: CreateErasureDto, trigger: ErasureTrigger = 'request'): Promise<ErasureDto> {
    const { record, exportIds } = await this.dataSource.transaction(async (manager) => this.eraseIn(manager, actor, candidateId, input, trigger));
    await this.exports.removeArchives(exportIds);
    return toErasureDto(record);
  }

  /** The organization's erasure records, newest first. */
  async list(actor: Actor, candidateId?: string): Promise<ErasureDto[]> {
    const rows = await this.dataSource.manager.find(ErasureRequest, {
      where: candidateId ? { organizationId: actor.organizationId, candidateId } : { organizationId: actor.organizationId },
      order: { executedAt: 'DESC', id: 'DESC' },
      take: 200,
    });
    // No record: the candidate must be the organization's (a deleted one leaves its records, so it has some).
    if (candidateId && rows.length === 0 && !(await this.candidates.namesByIds(actor.organizationId, [candidateId])).has(candidateId)) throw notFound('Candidate');
    return rows.map(toErasureDto);
  }

  private async eraseIn(manager: EntityManager, actor: Actor, candidateId: string, input: CreateErasureDto, trigger: ErasureTrigger): Promise<{ record: ErasureRequest; exportIds: string[] }> {
    const mode = input.mode ?? 'anonymize';
    const candidate = await this.candidates.lockForErasure(manager, actor, candidateId);
    this.candidates.assertNotOnHold(candidate);
    if (candidate.anonymizedAt && mode === 'anonymize') throw conflict('CANDIDATE_ANONYMIZED', 'The candidate is anonymized already');
    const organizationId = actor.organizationId;
    const candidateNumber = await this.nextNumber(manager, organizationId);
    const erasureId = randomUUID();
    const name = anonymousName(candidateNumber);

    const loops = await this.loops.loopsOfCandidate(manager, organizationId, candidateId);
    const loopIds = loops.map((loop) => loop.id);
    const rounds = loops.flatMap((loop) => loop.rounds);
    const cards = await this.scorecards.idsOfLoops(manager, organizationId, loopIds);
    const conflictIds = await this.candidates.conflictIds(manager, organizationId, candidateId);

    // Rounds not held yet are cancelled (their invites too, by the invites subscriber, under the new name).
    await this.loops.cancelOpenLoopsOfCandidate(manager, actor, candidateId, CANCEL_REASON);
    await this.invites.renameCandidate(manager, organizationId, rounds, name);
    const mail = await this.outbox.eraseMentioning(manager, organizationId, {
      roundIds: rounds.map((round) => round.id),
      texts: [candidate.name, candidate.email ?? '', candidate.phone ?? ''],
    });
    const exportIds = await this.exports.expireForLoops(manager, organizationId, loopIds, mode === 'delete');
    // Before the erasure's own audit events, which keep their values (ids only).
    const auditEvents = await this.audit.scrubValuesFor(manager, organizationId, [
      candidateId,
      ...conflictIds,
      ...loopIds,
      ...rounds.map((round) => round.id),
      ...cards.scorecardIds,
      ...cards.amendmentIds,
    ]);
    if (mode === 'anonymize') {
      await this.scorecards.eraseFreeTextOfLoops(manager, organizationId, loopIds);
      await this.candidates.anonymize(manager, actor, candidateId, name, erasureId);
    } else {
      await this.scorecards.deleteForLoops(manager, organizationId, loopIds);
      await this.questions.deleteExposuresOfCandidate(manager, organizationId, candidateId);
      await this.loops.deleteLoops(manager, organizationId, loopIds);
      await this.candidates.deleteForErasure(manager, actor, candidateId, erasureId);
    }
    const record = manager.create(ErasureRequest, {
      id: erasureId,
      organizationId,
      candidateId,
      candidateNumber,
      mode,
      trigger,
      reason: input.reason,
      requestedById: actor.userId,
      executedAt: this.clock.now(),
      erased: {
        loops: loopIds.length,
        rounds: rounds.length,
        scorecards: cards.scorecardIds.length,
        amendments: cards.amendmentIds.length,
        exports: exportIds.length,
        mail,
        auditEvents,
      },
    });
    await manager.insert(ErasureRequest, record);
    await this.audit.record(manager, actor, {
      action: 'candidate.erasure_executed',
      entityType: 'erasure_request',
      entityId: erasureId,
      changes: { mode: { before: null, after: mode }, candidateId: { before: null, after: candidateId } },
    });
    await this.events.record(manager, actor, {
      type: mode === 'anonymize' ? 'candidate.anonymized' : 'candidate.deleted',
      payload: { candidateId, erasureId },
    });
    return { record, exportIds };
  }

  /** The next n of "Candidate #n" in the organization; a transaction lock keeps two erasures from taking the same. */
  private async nextNumber(manager: EntityManager, organizationId: string): Promise<number> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('erasure:' || $1::text))`, [organizationId]);
    const [row] = await manager.query<{ next: number }[]>(
      `SELECT COALESCE(max(candidate_number), 0)::int + 1 AS next FROM erasure_requests WHERE organization_id = $1`,
      [organizationId],
    );
    return row?.next ?? 1;
  }
}
