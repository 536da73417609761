import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, forbidden, notFound, validationFailed } from '@loopwright/core';
import { DomainEvents } from '@loopwright/events';
import { AccessLog, AuditLog, OrganizationsService, UsersService, type Actor } from '@loopwright/identity';
import { LoopsService, type LoopDto } from '@loopwright/loops';
import { PillarsService } from '@loopwright/question-bank';
import type { DataSource } from 'typeorm';
import { mayDecide } from './decision-rights.js';
import type { DecisionDto, DebriefSummaryDto, MissingScorecardDto, OverdueGroupDto, OverdueItemDto, ScorecardDto, SummaryPillarDto } from './scorecard.dto.js';
import { dueTimes, type DueHours } from './due-times.js';
import type { DecisionInputDto } from './scorecard-input.dto.js';
import { pillarStats, ratingValue, tallyOf, type PillarCell } from './scorecard-math.js';
import { scorecardsMissing } from './scorecards.errors.js';
import { ScorecardsRepository, type DecisionRow } from './scorecards.repository.js';
import { ScorecardsService } from './scorecards.service.js';

/** A seat (interviewer or shadow) of an ended round whose scorecard is not submitted, its rating past due. */
export interface OverdueRow {
  round_id: string;
  loop_id: string;
  round_title: string;
  candidate_name: string;
  user_id: string;
  user_name: string;
  shadow: boolean;
  ends_at: Date;
  rating_due_at: Date;
  writeup_due_at: Date;
  status: string | null;
  has_recommendation: boolean;
}

/** The summary with what a debrief page shows around it: the loop as the caller sees it, and the scorecards summarized. */
export interface Debrief {
  loop: LoopDto;
  summary: DebriefSummaryDto;
  /** The submitted scorecards the summary is made of (with their amendments), in round order. */
  scorecards: ScorecardDto[];
}

const HOUR = 3_600_000;

/** By code point, as the database's C collation orders names. */
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const toDecisionDto = (row: DecisionRow): DecisionDto => ({
  loopId: row.loop_id,
  decision: row.decision,
  note: row.note,
  forced: row.forced,
  missingRoundIds: row.missing_round_ids,
  decidedById: row.decided_by_id,
  decidedAt: row.decided_at,
});

/** The debrief: the loop's summary, the hiring decision behind its gate, and what is overdue. */
@Injectable()
export class DebriefService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scorecards: ScorecardsRepository,
    private readonly cards: ScorecardsService,
    private readonly loops: LoopsService,
    private readonly pillars: PillarsService,
    private readonly organizations: OrganizationsService,
    private readonly users: UsersService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly events: DomainEvents,
    private readonly access: AccessLog,
  ) {}

  /**
   * Per pillar each round's (effective) rating with its interviewer, mean on 1..4, spread and disagreements; the
   * recommendation tally; the scorecards missing and late. Shadows only with `includeShadows`. The blind rule
   * applies to staff who interview or shadow on the loop (403 SUBMIT_YOURS_FIRST before their own is submitted).
   */
  async summary(actor: Actor, loopId: string, includeShadows: boolean): Promise<DebriefSummaryDto> {
    return (await this.debrief(actor, loopId, includeShadows, 'summary')).summary;
  }

  /**
   * `summary` with the loop and the submitted scorecards it was made from (for the debrief page): the same access,
   * the same blind rule, no extra statement. The read is an access event of `kind` (the page's `debrief` by default).
   */
  async debrief(actor: Actor, loopId: string, includeShadows: boolean, kind: 'summary' | 'debrief' = 'debrief'): Promise<Debrief> {
    const manager = this.dataSource.manager;
    const { loop, scheduledAt } = await this.loops.viewWithSchedulingIn(manager, actor, loopId);
    await this.cards.assertMayReadOthers(actor, loopId, manager);
    const [cards, pillars, statuses, hours, decision] = [
      await this.cards.submittedForLoop(manager, actor.organizationId, loop, { includeShadows }),
      await this.pillars.listInOrg(actor.organizationId, manager),
      await this.scorecards.statuses(manager, actor.organizationId, loopId),
      await this.dueHours(actor.organizationId),
      await this.scorecards.decision(manager, actor.organizationId, loopId),
    ];
    const roundById = new Map(loop.rounds.map((round) => [round.id, round]));
    const usedPillarIds = new Set(loop.rounds.flatMap((round) => round.pillarIds));
    const rows: SummaryPillarDto[] = pillars
      .filter((pillar) => usedPillarIds.has(pillar.id))
      .map((pillar) => {
        const cells: PillarCell[] = cards.flatMap((card) => {
          const rating = card.effective.ratings.find((item) => item.pillarId === pillar.id);
          if (!rating?.rating) return [];
          return [
            {
              roundId: card.roundId,
              roundTitle: card.roundTitle ?? roundById.get(card.roundId)?.title ?? '',
              interviewer: card.author ?? { id: card.authorId, name: '' },
              shadow: card.shadow,
              rating: rating.rating,
              value: ratingValue(rating.rating),
              notes: rating.notes,
            },
          ];
        });
        return { pillar: { id: pillar.id, key: pillar.key, name: pillar.name }, ratings: cells, ...pillarStats(cells) };
      });

    const now = this.clock.now().getTime();
    const status = new Map(statuses.map((row) => [`${row.round_id}:${row.author_id}`, row.status]));
    const missing: MissingScorecardDto[] = loop.rounds.flatMap((round) => {
      const people = [
        ...(round.interviewer ? [{ userId: round.interviewer.id, name: round.interviewer.name, shadow: false }] : []),
        ...(includeShadows ? round.shadowInterviewers.map((person) => ({ userId: person.id, name: person.name, shadow: true })) : []),
      ];
      return people
        .filter((person) => status.get(`${round.id}:${person.userId}`) !== 'submitted')
        .map((person) => {
          const { ratingDueAt, writeupDueAt } = dueTimes({ endsAt: round.endsAt, scheduledAt: scheduledAt.get(round.id) ?? null }, hours);
          return {
            roundId: round.id,
            roundTitle: round.title,
            interviewerId: person.userId,
            interviewer: { id: person.userId, name: person.name },
            shadow: person.shadow,
            status: status.get(`${round.id}:${person.userId}`) ?? 'not_started',
            ratingDueAt,
            writeupDueAt,
            late: ratingDueAt !== null && ratingDueAt.getTime() < now,
          };
        });
    });
    const summary: DebriefSummaryDto = {
      loopId,
      includeShadows,
      pillars: rows,
      tally: tallyOf(cards.map((card) => card.effective.recommendation)),
      recommendations: cards.map((card) => ({
        roundId: card.roundId,
        interviewerId: card.authorId,
        interviewer: card.author ?? { id: card.authorId, name: '' },
        shadow: card.shadow,
        recommendation: card.effective.recommendation,
      })),
      missing,
      late: missing.filter((item) => item.late),
      decision: decision ? toDecisionDto(decision) : null,
    };
    await this.access.record(actor, { kind, entityType: 'loop', entityId: loopId, candidateIds: [loop.candidateId], format: kind === 'summary' ? 'json' : 'page' });
    return { loop, summary, scorecards: cards };
  }

  /**
   * Hire or no hire, by the position's hiring manager or an admin: refused (409 SCORECARDS_MISSING) while a
   * scheduled round lacks its interviewer's submitted scorecard (shadows never block), or while no round has one at
   * all (a loop without scheduled rounds included), unless `force` with a note.
   * The loop becomes decided (read-only) through `LoopsService.markDecided`, in the same transaction.
   */
  async decide(actor: Actor, loopId: string, input: DecisionInputDto): Promise<DecisionDto> {
    const note = input.note?.trim() || null;
    if (input.force && !note) throw validationFailed([{ field: 'note', problems: ['a note saying why is required with force'] }]);
    return this.dataSource.transaction(async (manager) => {
      const loop = await this.loops.viewIn(manager, actor, loopId);
      if (!mayDecide(actor, loop.position)) throw forbidden('Only the hiring manager of this position or an admin decides');
      await this.loops.markDecided(manager, actor, loopId);
      // The loop is locked now: its rounds are read again, so a round added meanwhile is not missed.
      const locked = await this.loops.viewIn(manager, actor, loopId);
      const statuses = await this.scorecards.statuses(manager, actor.organizationId, loopId);
      const submitted = new Set(statuses.filter((row) => row.status === 'submitted').map((row) => `${row.round_id}:${row.author_id}`));
      const missing = locked.rounds
        .filter((round) => round.interviewerId !== null && round.startsAt !== null && !submitted.has(`${round.id}:${round.interviewerId}`))
        .map((round) => ({ roundId: round.id, title: round.title, interviewerId: round.interviewerId as string }));
      const submittedCount = locked.rounds.filter((round) => round.interviewerId !== null && submitted.has(`${round.id}:${round.interviewerId}`)).length;
      const gateFails = missing.length > 0 || submittedCount === 0;
      if (gateFails && !input.force) throw scorecardsMissing(missing, submittedCount);
      const row = await this.scorecards.insertDecision(manager, actor.organizationId, {
        loopId,
        decision: input.decision,
        note,
        forced: gateFails,
        missingRoundIds: missing.map((round) => round.roundId),
        decidedById: actor.userId,
        at: this.clock.now(),
      });
      await this.audit.record(manager, actor, {
        action: 'loop.decision_recorded',
        entityType: 'loop',
        entityId: loopId,
        changes: {
          decision: { before: null, after: input.decision },
          note: { before: null, after: note },
          forced: { before: null, after: row.forced },
          missingRoundIds: { before: null, after: row.missing_round_ids },
        },
      });
      await this.events.record(manager, actor, { type: 'loop.decided', payload: { loopId, candidateId: locked.candidateId, positionId: locked.positionId } });
      return toDecisionDto(row);
    });
  }

  /** Late scorecards by interviewer: the rating (no recommendation yet) and the write-up (not submitted) past due. */
  async overdue(actor: Actor, includeShadows: boolean): Promise<OverdueGroupDto[]> {
    const now = this.clock.now();
    const rows = await this.overdueRows(actor.organizationId, now, includeShadows);
    return groupOverdue(rows, now);
  }

  /**
   * Scorecards past their rating due time and not submitted, the ones never opened included: every seat of every
   * round of the open loops that ended more than the rating hours ago (from the loops feature; a round recorded after
   * its end is due later still, which `groupOverdue` checks on the due times), less the submitted ones; ordered by
   * interviewer, then round end. Four statements, however many.
   */
  private async overdueRows(organizationId: string, now: Date, includeShadows: boolean): Promise<OverdueRow[]> {
    const manager = this.dataSource.manager;
    const hours = await this.dueHours(organizationId);
    const seats = await this.loops.endedSeatsOfOpenLoops(manager, organizationId, {
      endedBefore: new Date(now.getTime() - hours.rating * HOUR),
      includeShadows,
    });
    if (seats.length === 0) return [];
    const cards = new Map(
      (await this.scorecards.seatStatuses(manager, organizationId, [...new Set(seats.map((seat) => seat.roundId))])).map((card) => [
        `${card.round_id}:${card.author_id}`,
        card,
      ]),
    );
    const open = seats.filter((seat) => cards.get(`${seat.roundId}:${seat.userId}`)?.status !== 'submitted');
    const names = await this.users.namesByIds(organizationId, open.map((seat) => seat.userId), manager);
    const rows = open.map((seat): OverdueRow => {
      const card = cards.get(`${seat.roundId}:${seat.userId}`);
      const due = dueTimes(seat, hours);
      return {
        round_id: seat.roundId,
        loop_id: seat.loopId,
        round_title: seat.title,
        candidate_name: seat.candidateName,
        user_id: seat.userId,
        user_name: names.get(seat.userId) ?? '',
        shadow: seat.shadow,
        ends_at: seat.endsAt,
        rating_due_at: due.ratingDueAt!,
        writeup_due_at: due.writeupDueAt!,
        status: card?.status ?? null,
        has_recommendation: card?.has_recommendation ?? false,
      };
    });
    return rows.sort(
      (a, b) =>
        byText(a.user_name, b.user_name) ||
        byText(a.user_id, b.user_id) ||
        new Date(a.ends_at).getTime() - new Date(b.ends_at).getTime() ||
        byText(a.round_id, b.round_id),
    );
  }

  /** The organization's due hours (the organization exists: the caller belongs to it). */
  private async dueHours(organizationId: string): Promise<DueHours> {
    const hours = await this.organizations.dueHours(this.dataSource.manager, organizationId);
    if (!hours) throw notFound('Organization');
    return hours;
  }
}

/** Groups overdue rows (ordered by interviewer) into rating-overdue and write-up-overdue lists per interviewer. */
export function groupOverdue(rows: OverdueRow[], now: Date): OverdueGroupDto[] {
  const groups = new Map<string, OverdueGroupDto>();
  for (const row of rows) {
    const group = groups.get(row.user_id) ?? { interviewer: { id: row.user_id, name: row.user_name }, ratingOverdue: [], writeupOverdue: [] };
    groups.set(row.user_id, group);
    const item: OverdueItemDto = {
      roundId: row.round_id,
      loopId: row.loop_id,
      roundTitle: row.round_title,
      candidateName: row.candidate_name,
      shadow: row.shadow,
      endsAt: row.ends_at,
      ratingDueAt: row.rating_due_at,
      writeupDueAt: row.writeup_due_at,
      scorecardStatus: row.status ?? 'not_started',
    };
    if (!row.has_recommendation && new Date(row.rating_due_at).getTime() < now.getTime()) group.ratingOverdue.push(item);
    if (new Date(row.writeup_due_at).getTime() < now.getTime()) group.writeupOverdue.push(item);
  }
  return [...groups.values()].filter((group) => group.ratingOverdue.length > 0 || group.writeupOverdue.length > 0);
}
