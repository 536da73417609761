import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, forbidden, notFound, validationFailed } from '@loopwright/core';
import { AuditLog, changesBetween, type Actor } from '@loopwright/identity';
import { DomainEvents } from '@loopwright/events';
import { PillarsService, QuestionsService } from '@loopwright/question-bank';
import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { canChangeLoopsOf } from '../access.js';
import { isExclusionViolation } from '@loopwright/database';
import { loopClosed, roundHasScorecard, type RoundScorecardRef } from '../loops.errors.js';
import type { RoleFamily } from '../positions/position.entity.js';
import type { AssignmentFacts } from './assignment-rules.js';
import { sameList, sameSet } from './id-lists.js';
import type { LoopDto } from './loop.dto.js';
import { isClosed, plannedStatus } from './loop-status.js';
import { INTERVIEWER_NO_OVERLAP, LoopRound } from './loop-round.entity.js';
import { Loop, type LoopStatus } from './loop.entity.js';
import { AssignmentFactsService } from './assignment-facts.service.js';
import { LoopsRepository } from './loops.repository.js';
import { LoopsService } from './loops.service.js';
import type { AddRoundDto, SuggestionsQueryDto, UpdateRoundDto } from './round-input.dto.js';
import { roundChangeEvents, roundEndedEvents } from './round-events.js';
import { assignmentAfter, checkAssignment, raceLostRefusal, usersToCheck, type RoundAssignment } from './round-assignment-check.js';
import { keptForPillars, requestedPlan, type PlannedVersion } from './round-question-plan.js';
import { RoundQuestion } from './round-question.entity.js';
import { RoundShadow } from './round-shadow.entity.js';
import { checkSlot } from './round-times.js';
import { interviewerOptions, shadowOptions, type RoundOptions } from './round-options.js';
import type { InterviewerSuggestionsDto } from './suggestions.dto.js';

const sameTime = (a: Date | null, b: Date | null): boolean => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/** How many questions a round added by hand gets planned when the request names none. */
export const DEFAULT_QUESTION_COUNT = 2;

interface LoopForChange {
  id: string;
  status: LoopStatus;
  candidate_id: string;
  hiring_manager_id: string;
  role_family: RoleFamily;
}

const AUDITED_ROUND_FIELDS = [
  'title',
  'pillarIds',
  'durationMinutes',
  'startsAt',
  'endsAt',
  'interviewerId',
  'shadowInterviewerIds',
  'questionIds',
];

/**
 * Rounds of a loop: adding, changing (scheduling and assigning under the rules of `API.md`), removing, and the
 * interviewer suggestions. Assignments of one interviewer are serialized by a transaction-level advisory lock, and
 * the exclusion constraint on `loop_rounds` refuses overlapping rounds of one interviewer whatever happens.
 */
@Injectable()
export class RoundsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: LoopsRepository,
    private readonly loops: LoopsService,
    private readonly pillars: PillarsService,
    private readonly questions: QuestionsService,
    private readonly audit: AuditLog,
    private readonly events: DomainEvents,
    private readonly assignmentFacts: AssignmentFactsService,
    private readonly clock: Clock,
  ) {}

  async add(actor: Actor, loopId: string, input: AddRoundDto): Promise<LoopDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.addInTransaction(manager, actor, loopId, input);
      return this.loops.viewIn(manager, actor, loopId);
    });
  }

  /** Also used by the demo team's setup. Returns the new round's id. */
  async addInTransaction(manager: EntityManager, actor: Actor, loopId: string, input: AddRoundDto): Promise<string> {
    const loop = await this.loopForChange(manager, actor, loopId);
    const [{ next }] = await manager.query<{ next: number }[]>(
      'SELECT coalesce(max(position) + 1, 0)::int AS next FROM loop_rounds WHERE organization_id = $1 AND loop_id = $2',
      [actor.organizationId, loopId],
    );
    await this.assertPillars(manager, actor.organizationId, input.pillarIds);
    const round = manager.create(LoopRound, {
      id: randomUUID(),
      organizationId: actor.organizationId,
      loopId,
      position: next,
      title: input.title,
      pillarIds: input.pillarIds,
      durationMinutes: input.durationMinutes ?? 60,
      startsAt: null,
      endsAt: null,
      interviewerId: null,
      scorecardStatus: 'not_started',
    });
    await manager.insert(LoopRound, round);
    const changes = await this.apply(
      manager,
      actor,
      loop,
      round,
      input,
      input.questionIds === undefined ? (input.questionCount ?? DEFAULT_QUESTION_COUNT) : 0,
    );
    await this.audit.record(manager, actor, {
      action: 'loop.round_added',
      entityType: 'loop_round',
      entityId: round.id,
      changes: { loopId: { before: null, after: loopId }, ...changes },
    });
    await this.events.record(manager, actor, ...roundChangeEvents(loopId, round.id, changes));
    await this.syncStatus(manager, actor, loop);
    return round.id;
  }

  async update(actor: Actor, loopId: string, roundId: string, input: UpdateRoundDto): Promise<LoopDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.updateInTransaction(manager, actor, loopId, roundId, input);
      return this.loops.viewIn(manager, actor, loopId);
    });
  }

  /** Also used by the demo team's setup. */
  async updateInTransaction(manager: EntityManager, actor: Actor, loopId: string, roundId: string, input: UpdateRoundDto): Promise<void> {
    const loop = await this.loopForChange(manager, actor, loopId);
    const round = await manager.findOne(LoopRound, {
      where: { organizationId: actor.organizationId, loopId, id: roundId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!round) throw notFound('Round');
    await this.assertSubmittedKept(manager, round, input);
    if (input.pillarIds) await this.assertPillars(manager, actor.organizationId, input.pillarIds);
    const changes = await this.apply(manager, actor, loop, round, input, 0);
    if (Object.keys(changes).length > 0) {
      await this.audit.record(manager, actor, {
        action: 'loop.round_updated',
        entityType: 'loop_round',
        entityId: roundId,
        changes: { loopId: { before: loopId, after: loopId }, ...changes },
      });
      await this.events.record(manager, actor, ...roundChangeEvents(loopId, roundId, changes));
    }
    await this.syncStatus(manager, actor, loop);
  }

  async remove(actor: Actor, loopId: string, roundId: string): Promise<LoopDto> {
    return this.dataSource.transaction(async (manager) => {
      const loop = await this.loopForChange(manager, actor, loopId);
      const round = await manager.findOne(LoopRound, {
        where: { organizationId: actor.organizationId, loopId, id: roundId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!round) throw notFound('Round');
      const seats = await this.scorecardsOn(manager, round);
      const scorecards = seats.filter((card) => card.status !== 'not_started');
      if (scorecards.length > 0) throw roundHasScorecard(round.id, scorecards);
      await manager.delete(LoopRound, { organizationId: actor.organizationId, id: roundId });
      await manager.query('UPDATE loop_rounds SET position = position - 1 WHERE organization_id = $1 AND loop_id = $2 AND position > $3', [
        actor.organizationId,
        loopId,
        round.position,
      ]);
      await this.audit.record(manager, actor, {
        action: 'loop.round_removed',
        entityType: 'loop_round',
        entityId: roundId,
        changes: changesBetween(
          { loopId, title: round.title, interviewerId: round.interviewerId, startsAt: round.startsAt, endsAt: round.endsAt },
          {},
          ['loopId', 'title', 'interviewerId', 'startsAt', 'endsAt'],
        ),
      });
      const shadowIds = seats.filter((seat) => seat.shadow).map((seat) => seat.userId);
      await this.events.record(manager, actor, ...roundEndedEvents(loopId, round, shadowIds));
      await this.syncStatus(manager, actor, loop);
      return this.loops.viewIn(manager, actor, loopId);
    });
  }

  /**
   * For a round and a time slot (the round's by default): the active interviewers who pass every rule, least loaded
   * in that ISO week first, and the others with the rules they break. One statement for the whole organization.
   */
  async suggestions(actor: Actor, loopId: string, roundId: string, query: SuggestionsQueryDto): Promise<InterviewerSuggestionsDto> {
    const manager = this.dataSource.manager;
    const loop = await this.repository.loopForChange(manager, actor.organizationId, loopId, false);
    if (!loop) throw notFound('Loop');
    if (!canChangeLoopsOf(actor, loop.hiring_manager_id))
      throw forbidden('Only the hiring manager of this position, a recruiter or an admin may assign its rounds');
    const round = await manager.findOneBy(LoopRound, { organizationId: actor.organizationId, loopId, id: roundId });
    if (!round) throw notFound('Round');
    const startsAt = query.startsAt ? new Date(query.startsAt) : round.startsAt;
    const endsAt = query.endsAt
      ? new Date(query.endsAt)
      : query.startsAt && startsAt
        ? new Date(
            startsAt.getTime() +
              (round.startsAt && round.endsAt ? round.endsAt.getTime() - round.startsAt.getTime() : round.durationMinutes * 60_000),
          )
        : round.endsAt;
    if (!startsAt || !endsAt)
      throw validationFailed([{ field: 'startsAt', problems: ['the round has no time yet: give startsAt and endsAt'] }]);
    checkSlot(startsAt, endsAt);
    const facts = await this.assignmentFacts.gather(manager, actor.organizationId, {
      userIds: null,
      candidateId: loop.candidate_id,
      loopId,
      roundId,
      startsAt,
      endsAt,
    });
    return { roundId, startsAt, endsAt, ...interviewerOptions(facts, round.pillarIds) };
  }

  /**
   * For every round of the loop, in order: the interviewer suggestions at its slot (none before it has one) and who
   * may shadow it, by the same rules as `suggestions` and a change of the round. Four statements, however many rounds.
   */
  async optionsForLoop(actor: Actor, loopId: string): Promise<RoundOptions[]> {
    const manager = this.dataSource.manager;
    const loop = await this.repository.loopForChange(manager, actor.organizationId, loopId, false);
    if (!loop) throw notFound('Loop');
    if (!canChangeLoopsOf(actor, loop.hiring_manager_id))
      throw forbidden('Only the hiring manager of this position, a recruiter or an admin may assign its rounds');
    const rounds = await manager.find(LoopRound, { where: { organizationId: actor.organizationId, loopId }, order: { position: 'ASC', id: 'ASC' } });
    const facts = await this.assignmentFacts.gatherForSlots(manager, actor.organizationId, {
      userIds: null,
      candidateId: loop.candidate_id,
      loopId,
      slots: rounds.map((round) => ({ roundId: round.id, startsAt: round.startsAt, endsAt: round.endsAt })),
    });
    return rounds.map((round, index) => ({
      roundId: round.id,
      interviewers: round.startsAt ? interviewerOptions(facts[index] ?? [], round.pillarIds) : null,
      shadows: shadowOptions(facts[index] ?? [], round.pillarIds),
    }));
  }

  /**
   * Moves a round one place earlier (`up`) or later (`down`) in its loop, swapping it with its neighbour; at either end
   * nothing changes. Audited as `loop.rounds_reordered` with the order before and after.
   */
  async move(actor: Actor, loopId: string, roundId: string, direction: 'up' | 'down'): Promise<LoopDto> {
    return this.dataSource.transaction(async (manager) => {
      const loop = await this.loopForChange(manager, actor, loopId);
      const rounds = await manager.find(LoopRound, {
        select: { id: true, position: true },
        where: { organizationId: actor.organizationId, loopId },
        order: { position: 'ASC', id: 'ASC' },
      });
      const index = rounds.findIndex((round) => round.id === roundId);
      if (index < 0) throw notFound('Round');
      const other = rounds[direction === 'up' ? index - 1 : index + 1];
      if (other) {
        const before = rounds.map((round) => round.id);
        const after = [...before];
        [after[index], after[before.indexOf(other.id)]] = [other.id, roundId];
        await manager.query(
          `UPDATE loop_rounds r SET position = o.n - 1 FROM unnest($3::uuid[]) WITH ORDINALITY AS o(id, n)
            WHERE r.organization_id = $1 AND r.loop_id = $2 AND r.id = o.id`,
          [actor.organizationId, loop.id, after],
        );
        await this.audit.record(manager, actor, {
          action: 'loop.rounds_reordered',
          entityType: 'loop',
          entityId: loop.id,
          changes: { roundIds: { before, after } },
        });
      }
      return this.loops.viewIn(manager, actor, loopId);
    });
  }

  /**
   * The scorecards a round has, by the statuses the scorecards feature sets on it (the interviewer's on the round,
   * each shadow's on their seat). Read under the loop's lock, the one a submit takes (FOR SHARE): no submit can land
   * between this read and the change.
   */
  private async scorecardsOn(manager: EntityManager, round: LoopRound): Promise<RoundScorecardRef[]> {
    const shadows = await manager.find(RoundShadow, { where: { organizationId: round.organizationId, roundId: round.id } });
    return [
      ...(round.interviewerId ? [{ userId: round.interviewerId, shadow: false, status: round.scorecardStatus }] : []),
      ...shadows.map((seat) => ({ userId: seat.userId, shadow: true, status: seat.scorecardStatus })),
    ];
  }

  /**
   * Once a round has a submitted scorecard (main or shadow), what it was written against stays: the interviewer,
   * the pillars and the seat of each shadow who submitted (409 ROUND_HAS_SCORECARD). Times, title and plan may change.
   */
  private async assertSubmittedKept(manager: EntityManager, round: LoopRound, input: UpdateRoundDto): Promise<void> {
    const submitted = (await this.scorecardsOn(manager, round)).filter((card) => card.status === 'submitted');
    if (submitted.length === 0) return;
    const fields: string[] = [];
    if (input.interviewerId !== undefined && input.interviewerId !== round.interviewerId) fields.push('interviewerId');
    if (input.pillarIds !== undefined && !sameSet(input.pillarIds, round.pillarIds)) fields.push('pillarIds');
    const keptShadows = input.shadowInterviewerIds;
    if (keptShadows !== undefined && submitted.some((card) => card.shadow && !keptShadows.includes(card.userId))) fields.push('shadowInterviewerIds');
    if (fields.length > 0) throw roundHasScorecard(round.id, submitted, fields);
  }

  /** Locks the loop; 404 outside the organization, 403 for a hiring manager of another position, 409 once closed. */
  private async loopForChange(manager: EntityManager, actor: Actor, loopId: string): Promise<LoopForChange> {
    const loop = await this.repository.loopForChange(manager, actor.organizationId, loopId, true);
    if (!loop) throw notFound('Loop');
    if (!canChangeLoopsOf(actor, loop.hiring_manager_id))
      throw forbidden('Only the hiring manager of this position, a recruiter or an admin may change its rounds');
    if (isClosed(loop.status)) throw loopClosed(loop.status);
    return loop;
  }

  /**
   * Applies a change to a round that exists (possibly just inserted bare): the new times and people, checked by
   * `round-assignment-check.ts`, and the next plan (`round-question-plan.ts`), then writes the round, the shadow seats
   * that change, the plan and the exposure of questions new to the candidate. Returns the audited changes.
   */
  private async apply(
    manager: EntityManager,
    actor: Actor,
    loop: LoopForChange,
    round: LoopRound,
    input: UpdateRoundDto,
    planCount: number,
  ): Promise<Record<string, { before: unknown; after: unknown }>> {
    const organizationId = actor.organizationId;
    const currentShadows = (await manager.find(RoundShadow, { where: { organizationId, roundId: round.id } }))
      .map((shadow) => shadow.userId)
      .sort();
    const assignment = assignmentAfter(round, input, currentShadows);
    await this.assertAssignable(manager, organizationId, loop, round.id, assignment);
    const { pillarIds, startsAt, endsAt, interviewerId, shadowIds } = assignment;
    const currentQuestions = await manager.find(RoundQuestion, {
      where: { organizationId, roundId: round.id },
      order: { position: 'ASC' },
    });
    const plan = await this.nextPlan(manager, organizationId, loop, round.id, assignment, currentQuestions, input.questionIds);

    const after = {
      title: input.title ?? round.title,
      pillarIds,
      durationMinutes: input.durationMinutes ?? round.durationMinutes,
      startsAt,
      endsAt,
      ...(sameTime(startsAt, round.startsAt) && sameTime(endsAt, round.endsAt) ? {} : { scheduledAt: startsAt ? this.clock.now() : null }),
      interviewerId,
      // A new interviewer starts with no scorecard (the previous one's draft stays theirs, keyed by author), and
      // without the previous one's "I did not attend".
      ...(interviewerId !== round.interviewerId ? { scorecardStatus: 'not_started', interviewerNotAttendedAt: null } : {}),
    };
    try {
      await manager.update(LoopRound, { organizationId, id: round.id }, after);
    } catch (error) {
      if (isExclusionViolation(error, INTERVIEWER_NO_OVERLAP)) {
        // Another assignment won the race: the clashing round is committed, so read it outside this aborted transaction.
        const clash = interviewerId ? await this.factsFor(this.dataSource.manager, organizationId, loop, round.id, assignment, [interviewerId]) : [];
        throw raceLostRefusal(interviewerId, clash[0]);
      }
      throw error;
    }
    if (!sameList(shadowIds, currentShadows)) {
      // Only the seats that change: a shadow who stays keeps their scorecard status.
      const removed = currentShadows.filter((userId) => !shadowIds.includes(userId));
      const added = shadowIds.filter((userId) => !currentShadows.includes(userId));
      if (removed.length > 0) await manager.delete(RoundShadow, { organizationId, roundId: round.id, userId: In(removed) });
      if (added.length > 0)
        await manager.insert(
          RoundShadow,
          added.map((userId) => ({ roundId: round.id, userId, organizationId })),
        );
    }
    const currentIds = currentQuestions.map((question) => question.questionId);
    if (
      !sameList(
        plan.map((question) => question.questionId),
        currentIds,
      )
    ) {
      await manager.delete(RoundQuestion, { organizationId, roundId: round.id });
      if (plan.length > 0) {
        await manager.insert(
          RoundQuestion,
          plan.map((question, position) => ({
            roundId: round.id,
            questionId: question.questionId,
            organizationId,
            loopId: loop.id,
            version: question.version,
            position,
          })),
        );
      }
      const added = plan.filter((question) => !currentIds.includes(question.questionId));
      if (added.length > 0) {
        await this.questions.recordPlanned(manager, organizationId, { candidateId: loop.candidate_id, loopId: loop.id }, added);
      }
    }
    let finalQuestionIds = plan.map((question) => question.questionId);
    if (planCount > 0) {
      const inLoop = await manager.find(RoundQuestion, { select: { questionId: true }, where: { organizationId, loopId: loop.id } });
      const planned = await this.loops.planQuestions(
        manager,
        organizationId,
        {
          loopId: loop.id,
          candidateId: loop.candidate_id,
          roleFamily: loop.role_family,
          alreadyInLoop: inLoop.map((row) => row.questionId),
        },
        [{ roundId: round.id, pillarIds, count: planCount }],
      );
      finalQuestionIds = planned.map((question) => question.questionId);
    }
    return changesBetween<Record<string, unknown>>(
      {
        title: round.title,
        pillarIds: round.pillarIds,
        durationMinutes: round.durationMinutes,
        startsAt: round.startsAt,
        endsAt: round.endsAt,
        interviewerId: round.interviewerId,
        shadowInterviewerIds: currentShadows,
        questionIds: currentIds,
      },
      { ...after, shadowInterviewerIds: shadowIds, questionIds: finalQuestionIds },
      AUDITED_ROUND_FIELDS,
    );
  }

  /** Locks the interviewer to check (see `lockInterviewer`), then applies the rules to everyone `usersToCheck` names. */
  private async assertAssignable(
    manager: EntityManager,
    organizationId: string,
    loop: LoopForChange,
    roundId: string,
    assignment: RoundAssignment,
  ): Promise<void> {
    if (assignment.interviewerToCheck) await this.repository.lockInterviewer(manager, assignment.interviewerToCheck);
    const userIds = usersToCheck(assignment);
    if (userIds.length === 0) return;
    const facts = await this.factsFor(manager, organizationId, loop, roundId, assignment, userIds);
    checkAssignment(assignment, new Map(facts.map((fact) => [fact.userId, fact])));
  }

  /** What the rules need to know of these users for the round at its new slot: one statement. */
  private factsFor(
    manager: EntityManager,
    organizationId: string,
    loop: LoopForChange,
    roundId: string,
    slot: { startsAt: Date | null; endsAt: Date | null },
    userIds: string[],
  ): Promise<AssignmentFacts[]> {
    return this.assignmentFacts.gather(manager, organizationId, {
      userIds,
      candidateId: loop.candidate_id,
      loopId: loop.id,
      roundId,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
    });
  }

  /**
   * The round's next plan: the given `questionIds` checked (see `requestedPlan`), or the current plan minus the
   * questions of pillars the round no longer assesses (see `keptForPillars`).
   */
  private async nextPlan(
    manager: EntityManager,
    organizationId: string,
    loop: LoopForChange,
    roundId: string,
    { pillarIds, pillarsChanged }: Pick<RoundAssignment, 'pillarIds' | 'pillarsChanged'>,
    current: RoundQuestion[],
    questionIds: string[] | undefined,
  ): Promise<PlannedVersion[]> {
    if (questionIds === undefined) {
      if (!pillarsChanged || current.length === 0) return current.map(({ questionId, version }) => ({ questionId, version }));
      const questions = await this.questions.refsByIds(manager, organizationId, current.map((question) => question.questionId));
      return keptForPillars(current, pillarIds, new Map(questions.map((row) => [row.id, row.pillarId])));
    }
    const questions = await this.questions.refsByIds(manager, organizationId, questionIds);
    const loopPlan = await manager.find(RoundQuestion, { where: { organizationId, loopId: loop.id } });
    const seenByCandidate = await this.questions.questionIdsSeenByCandidate(organizationId, loop.candidate_id, manager);
    return requestedPlan(questionIds, {
      roundId,
      pillarIds,
      current,
      questions: new Map(questions.map((row) => [row.id, row])),
      loopPlan,
      seenByCandidate,
    });
  }

  /** draft ↔ scheduled follows the rounds (every one with an interviewer and times); audited when it changes. */
  private async syncStatus(manager: EntityManager, actor: Actor, loop: LoopForChange): Promise<void> {
    const rounds = await manager.find(LoopRound, {
      select: { id: true, interviewerId: true, startsAt: true, endsAt: true },
      where: { organizationId: actor.organizationId, loopId: loop.id },
    });
    const next = plannedStatus(rounds);
    await manager.update(Loop, { organizationId: actor.organizationId, id: loop.id }, { status: next, updatedAt: new Date() });
    if (next !== loop.status) {
      await this.audit.record(manager, actor, {
        action: 'loop.status_changed',
        entityType: 'loop',
        entityId: loop.id,
        changes: { status: { before: loop.status, after: next } },
      });
      loop.status = next;
    }
  }

  private async assertPillars(manager: EntityManager, organizationId: string, pillarIds: string[]): Promise<void> {
    const known = await this.pillars.existingPillarIds(manager, organizationId, pillarIds);
    if (pillarIds.some((id) => !known.has(id)))
      throw validationFailed([{ field: 'pillarIds', problems: ['every pillarId must be a pillar of this organization'] }]);
  }
}
