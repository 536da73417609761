import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, decodeCursor, forbidden, notFound, toPage, validationFailed, type Page } from '@loopwright/core';
import { poolQuery, rowsVersionSql, SqlParams } from '@loopwright/database';
import { DomainEvents } from '@loopwright/events';
import { AuditLog, UsersService, type Actor } from '@loopwright/identity';
import { QuestionsService, type CatalogRefs, type PlannedQuestion } from '@loopwright/question-bank';
import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { isStaff } from '@loopwright/identity';
import { canChangeLoopsOf } from '../access.js';
import { Candidate } from '../candidates/candidate.entity.js';
import { loopClosed, positionClosed } from '../loops.errors.js';
import { Position, type RoleFamily } from '../positions/position.entity.js';
import { LoopTemplatesService } from '../templates/loop-templates.service.js';
import type { CancelLoopDto, CreateLoopDto, ListLoopsQueryDto } from './create-loop.dto.js';
import type { LoopDto, LoopListItemDto } from './loop.dto.js';
import { effectiveStatus, isClosed, isClosedSql } from './loop-status.js';
import type { LoopStatus } from './loop.entity.js';
import { toLoopDto, toLoopSummaryDto, type LoopReferences } from './loop.mapper.js';
import { LoopRound } from './loop-round.entity.js';
import { Loop } from './loop.entity.js';
import { KitsRepository, type CalendarRoundRow, type RoundContextRow } from '../kits/kits.repository.js';
import { LoopsRepository, type LoopHeaderRow, type RoundRow } from './loops.repository.js';
import { roundEndedEvents } from './round-events.js';
import { RoundQuestion } from './round-question.entity.js';
import { RoundShadow } from './round-shadow.entity.js';
import { openReminderSeats, recordReminderProgress, seatsDueForReminder, type ReminderProgress, type ReminderSeat } from './reminder-seats.js';
import { positionsOfLoops } from './loop-positions.js';

/** A round to plan questions for. */
export interface RoundToPlan {
  roundId: string;
  pillarIds: string[];
  count: number;
  /** Question tags to prefer (a template round's `tags`): matching questions first, the others fill up. */
  tags?: string[];
}

/** A round of one of a position's loops, for read models over many loops (loops oldest first, rounds in order). */
export interface PositionRound {
  roundId: string;
  loopId: string;
  candidateId: string;
  title: string;
  position: number;
}

/** A person's seat (interviewer or shadow) on a round that has ended, of a loop still open. */
export interface EndedSeat {
  roundId: string;
  loopId: string;
  title: string;
  endsAt: Date;
  /** When the round got its current times; null for rounds timed before that was kept. */
  scheduledAt: Date | null;
  candidateName: string;
  userId: string;
  shadow: boolean;
}

/** A loop as reports of the features above read it (packets): no personal data but the candidate's name and email. */
export interface LoopForReport {
  id: string;
  /** The status a reader sees at the injected clock's time (`effectiveStatus`). */
  status: LoopStatus;
  /** The status as stored, which `status` is derived from (`reportAsOf` derives it again at a later time). */
  storedStatus: LoopStatus;
  /** `email` is null once the candidate is anonymized. */
  candidate: { id: string; name: string; email: string | null };
  position: { id: string; title: string; level: string; roleFamily: RoleFamily; hiringManagerId: string };
  /** In order. */
  rounds: {
    id: string;
    position: number;
    title: string;
    pillarIds: string[];
    startsAt: Date | null;
    endsAt: Date | null;
    interviewerId: string | null;
    shadowIds: string[];
  }[];
}

/** A candidate's loop as the privacy feature reads it (erasure, data export). */
export interface CandidateLoop {
  id: string;
  positionId: string;
  status: LoopStatus;
  createdAt: Date;
  closedAt: Date | null;
  rounds: { id: string; position: number; title: string; startsAt: Date | null; endsAt: Date | null; interviewerId: string | null }[];
}

/** The role filter of planning: questions tagged for roles suit only those; `other` positions take any question. */
export const planningRole = (roleFamily: RoleFamily): string | null => (roleFamily === 'other' ? null : roleFamily);

/**
 * Loops: a candidate × position, rounds copied from a template, questions planned from the bank. Other features
 * use `setScorecardStatus` and `roundContext`; they never touch the tables.
 */
@Injectable()
export class LoopsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly loops: LoopsRepository,
    private readonly kits: KitsRepository,
    private readonly templates: LoopTemplatesService,
    private readonly questions: QuestionsService,
    private readonly audit: AuditLog,
    private readonly users: UsersService,
    private readonly clock: Clock,
    private readonly events: DomainEvents,
  ) {}

  async create(actor: Actor, input: CreateLoopDto): Promise<LoopDto> {
    return this.dataSource.transaction(async (manager) => {
      const loopId = await this.createInTransaction(manager, actor, input);
      return this.viewIn(manager, actor, loopId);
    });
  }

  /**
   * Creates the loop, copies the template's rounds and plans their questions (one query per round), records the
   * exposures and the audit event. The candidate's row is locked, so two loops of one candidate made at once
   * cannot plan the same question.
   */
  async createInTransaction(manager: EntityManager, actor: Actor, input: CreateLoopDto): Promise<string> {
    const position = await manager.findOneBy(Position, { organizationId: actor.organizationId, id: input.positionId });
    if (!position) throw validationFailed([{ field: 'positionId', problems: ['positionId is not a position of this organization'] }]);
    if (!canChangeLoopsOf(actor, position.hiringManagerId))
      throw forbidden('Only the hiring manager of this position, a recruiter or an admin may start its loops');
    if (position.status !== 'open') throw positionClosed();
    const candidate = await manager.findOne(Candidate, {
      where: { organizationId: actor.organizationId, id: input.candidateId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!candidate) throw validationFailed([{ field: 'candidateId', problems: ['candidateId is not a candidate of this organization'] }]);
    const template = input.templateId ? await this.templates.findWithRounds(manager, actor.organizationId, input.templateId) : null;
    if (input.templateId && !template)
      throw validationFailed([{ field: 'templateId', problems: ['templateId is not a loop template of this organization'] }]);

    const loop = manager.create(Loop, {
      id: randomUUID(),
      organizationId: actor.organizationId,
      candidateId: candidate.id,
      positionId: position.id,
      templateId: template?.template.id ?? null,
      status: 'draft',
      createdById: actor.userId,
    });
    await manager.insert(Loop, loop);
    const rounds = (template?.rounds ?? []).map((round, position) =>
      manager.create(LoopRound, {
        id: randomUUID(),
        organizationId: actor.organizationId,
        loopId: loop.id,
        position,
        title: round.title,
        pillarIds: round.pillarIds,
        durationMinutes: round.durationMinutes,
        startsAt: null,
        endsAt: null,
        interviewerId: null,
        scorecardStatus: 'not_started',
      }),
    );
    if (rounds.length > 0) await manager.insert(LoopRound, rounds);
    const planned = await this.planQuestions(
      manager,
      actor.organizationId,
      { loopId: loop.id, candidateId: candidate.id, roleFamily: position.roleFamily, alreadyInLoop: [] },
      rounds.map((round, index) => ({
        roundId: round.id,
        pillarIds: round.pillarIds,
        count: template?.rounds[index]?.questionCount ?? 0,
        tags: template?.rounds[index]?.tags ?? [],
      })),
    );
    await this.audit.record(manager, actor, {
      action: 'loop.created',
      entityType: 'loop',
      entityId: loop.id,
      changes: {
        candidateId: { before: null, after: candidate.id },
        positionId: { before: null, after: position.id },
        templateId: { before: null, after: loop.templateId },
        status: { before: null, after: 'draft' },
        rounds: { before: null, after: rounds.map((round) => ({ id: round.id, title: round.title, pillarIds: round.pillarIds })) },
        plannedQuestions: {
          before: null,
          after: planned.map((question) => ({ roundId: question.roundId, questionId: question.questionId, version: question.version })),
        },
      },
    });
    return loop.id;
  }

  /**
   * Plans questions for rounds of one loop: per round ONE query (matching pillars and role, active, never seen by
   * the candidate; those carrying one of the round's `tags` first, then least exposed first, ties at random), never a
   * question twice in the loop; then records the
   * exposures in one statement.
   */
  async planQuestions(
    manager: EntityManager,
    organizationId: string,
    loop: { loopId: string; candidateId: string; roleFamily: RoleFamily; alreadyInLoop: string[] },
    rounds: RoundToPlan[],
  ): Promise<(PlannedQuestion & { roundId: string })[]> {
    const taken = [...loop.alreadyInLoop];
    const planned: (PlannedQuestion & { roundId: string })[] = [];
    for (const round of rounds) {
      if (round.count <= 0 || round.pillarIds.length === 0) continue;
      const picks = await this.questions.pickQuestionsForPlanning(manager, organizationId, {
        pillarIds: round.pillarIds,
        roleFamily: planningRole(loop.roleFamily),
        excludeIds: taken,
        candidateId: loop.candidateId,
        count: round.count,
        preferTags: round.tags,
      });
      for (const pick of picks) {
        taken.push(pick.questionId);
        planned.push({ ...pick, roundId: round.roundId });
      }
    }
    if (planned.length === 0) return planned;
    const positions = new Map<string, number>();
    await manager.insert(
      RoundQuestion,
      planned.map((question) => {
        const position = positions.get(question.roundId) ?? 0;
        positions.set(question.roundId, position + 1);
        return {
          roundId: question.roundId,
          questionId: question.questionId,
          organizationId,
          loopId: loop.loopId,
          version: question.version,
          position,
        };
      }),
    );
    await this.questions.recordPlanned(manager, organizationId, loop, planned);
    return planned;
  }

  /**
   * The loop with rounds, interviewers, planned questions and scorecard status: two statements, however many rounds
   * (the loop with its rounds; then the people's names and the pillars with the planned questions, `references`).
   */
  async get(actor: Actor, loopId: string): Promise<LoopDto> {
    return this.viewIn(this.dataSource.manager, actor, loopId);
  }

  async list(actor: Actor, query: ListLoopsQueryDto): Promise<Page<LoopListItemDto>> {
    const rows = await this.loops.list(actor.organizationId, {
      positionId: query.positionId,
      candidateId: query.candidateId,
      status: query.status,
      after: decodeCursor(query.cursor, { createdAt: 'timestamp', id: 'uuid' }),
      limit: query.limit,
      now: this.clock.now(),
    });
    return toPage(rows, query.limit, toLoopSummaryDto, (row) => ({ createdAt: row.created_at.toISOString(), id: row.id }));
  }

  /** For a list of loops: when each one's next round starts (the earliest start from `now` on), in ONE statement. */
  async nextRoundStarts(organizationId: string, loopIds: string[], now: Date = this.clock.now()): Promise<Map<string, Date>> {
    if (loopIds.length === 0) return new Map();
    const rows: { loop_id: string; starts_at: Date }[] = await this.dataSource.query(
      `SELECT loop_id, min(starts_at) AS starts_at FROM loop_rounds
        WHERE organization_id = $1 AND loop_id = ANY($2::uuid[]) AND starts_at >= $3 GROUP BY loop_id`,
      [organizationId, loopIds, now],
    );
    return new Map(rows.map((row) => [row.loop_id, row.starts_at]));
  }

  /**
   * Cancels a loop: its rounds not yet held (not ended, or without a time) lose their interviewer and shadows, so
   * that their calendars are free again (the audit event keeps who it was); held rounds stay as they were.
   */
  async cancel(actor: Actor, loopId: string, input: CancelLoopDto): Promise<LoopDto> {
    return this.dataSource.transaction(async (manager) => {
      const loop = await this.loops.loopForChange(manager, actor.organizationId, loopId, true);
      if (!loop) throw notFound('Loop');
      if (!canChangeLoopsOf(actor, loop.hiring_manager_id))
        throw forbidden('Only the hiring manager of this position, a recruiter or an admin may cancel its loops');
      if (isClosed(loop.status)) throw loopClosed(loop.status);
      await this.cancelIn(manager, actor, loopId, loop.status, input.reason);
      return this.viewIn(manager, actor, loopId);
    });
  }

  /**
   * The cancellation itself, inside the caller's transaction, once access and status are checked: rounds not held
   * lose their seats (`round.cancelled` and `interviewer.unassigned` events, so invites are cancelled), audited.
   */
  private async cancelIn(manager: EntityManager, actor: Actor, loopId: string, status: LoopStatus, reason: string): Promise<void> {
      const now = this.clock.now();
      const rounds = await manager.find(LoopRound, { where: { organizationId: actor.organizationId, loopId } });
      // A round with a submitted scorecard was held, whatever its times say: it keeps its people.
      const submittedShadowRounds = new Set(
        rounds.length === 0
          ? []
          : (
              await manager.find(RoundShadow, {
                where: { organizationId: actor.organizationId, roundId: In(rounds.map((round) => round.id)), scorecardStatus: 'submitted' },
              })
            ).map((seat) => seat.roundId),
      );
      const notHeld = rounds.filter(
        (round) =>
          (round.endsAt === null || round.endsAt.getTime() > now.getTime()) &&
          round.scorecardStatus !== 'submitted' &&
          !submittedShadowRounds.has(round.id),
      );
      const freed = notHeld.filter((round) => round.interviewerId !== null);
      const freedShadows = notHeld.length === 0 ? [] : await manager.find(RoundShadow, { where: { organizationId: actor.organizationId, roundId: In(notHeld.map((round) => round.id)) } });
      if (notHeld.length > 0) {
        const ids = notHeld.map((round) => round.id);
        await manager.update(LoopRound, { organizationId: actor.organizationId, id: In(ids) }, { interviewerId: null, interviewerNotAttendedAt: null });
        await manager.delete(RoundShadow, { organizationId: actor.organizationId, roundId: In(ids) });
      }
      await manager.update(Loop, { organizationId: actor.organizationId, id: loopId }, { status: 'cancelled', closedAt: now });
      await this.audit.record(manager, actor, {
        action: 'loop.cancelled',
        entityType: 'loop',
        entityId: loopId,
        changes: {
          status: { before: status, after: 'cancelled' },
          reason: { before: null, after: reason },
          unassignedRounds: { before: freed.map((round) => ({ roundId: round.id, interviewerId: round.interviewerId })), after: null },
        },
      });
      const shadowsOf = (roundId: string) => freedShadows.filter((seat) => seat.roundId === roundId).map((seat) => seat.userId);
      await this.events.record(manager, actor, ...notHeld.flatMap((round) => roundEndedEvents(loopId, round, shadowsOf(round.id))));
  }

  // ---- For the privacy feature (erasure, retention, data export), inside its transactions ----

  /** The candidate's loops with their rounds (ids, titles, times), oldest first: two statements. */
  async loopsOfCandidate(manager: EntityManager, organizationId: string, candidateId: string): Promise<CandidateLoop[]> {
    const loops = await manager.find(Loop, { where: { organizationId, candidateId }, order: { createdAt: 'ASC', id: 'ASC' } });
    if (loops.length === 0) return [];
    const rounds = await manager.find(LoopRound, { where: { organizationId, loopId: In(loops.map((loop) => loop.id)) }, order: { position: 'ASC' } });
    return loops.map((loop) => ({
      id: loop.id,
      positionId: loop.positionId,
      status: loop.status,
      createdAt: loop.createdAt,
      closedAt: loop.closedAt,
      rounds: rounds
        .filter((round) => round.loopId === loop.id)
        .map((round) => ({ id: round.id, position: round.position, title: round.title, startsAt: round.startsAt, endsAt: round.endsAt, interviewerId: round.interviewerId })),
    }));
  }

  /**
   * Cancels the candidate's open loops as `cancel` does (their rounds not yet held lose their seats, so the invites
   * subscriber cancels the invites), without the access check: the caller checked its own. Returns their ids.
   */
  async cancelOpenLoopsOfCandidate(manager: EntityManager, actor: Actor, candidateId: string, reason: string): Promise<string[]> {
    const loops = await manager.find(Loop, { where: { organizationId: actor.organizationId, candidateId }, lock: { mode: 'pessimistic_write' } });
    const open = loops.filter((loop) => !isClosed(loop.status));
    for (const loop of open) await this.cancelIn(manager, actor, loop.id, loop.status, reason);
    return open.map((loop) => loop.id);
  }

  /** Deletes these loops of the organization with their rounds, planned questions and shadows (delete-mode erasure). */
  async deleteLoops(manager: EntityManager, organizationId: string, loopIds: readonly string[]): Promise<number> {
    if (loopIds.length === 0) return 0;
    const rounds = await manager.find(LoopRound, { select: { id: true }, where: { organizationId, loopId: In([...loopIds]) } });
    const roundIds = rounds.map((round) => round.id);
    if (roundIds.length > 0) {
      await manager.delete(RoundQuestion, { organizationId, roundId: In(roundIds) });
      await manager.delete(RoundShadow, { organizationId, roundId: In(roundIds) });
      await manager.delete(LoopRound, { organizationId, id: In(roundIds) });
    }
    const { affected } = await manager.delete(Loop, { organizationId, id: In([...loopIds]) });
    return affected ?? 0;
  }

  // ---- For the scorecards feature, inside its transactions ----

  /** Marks a loop decided (the decision itself is the scorecards feature's); 409 LOOP_CLOSED when decided or cancelled. */
  async markDecided(manager: EntityManager, actor: Actor, loopId: string): Promise<void> {
    const loop = await this.loops.loopForChange(manager, actor.organizationId, loopId, true);
    if (!loop) throw notFound('Loop');
    if (isClosed(loop.status)) throw loopClosed(loop.status);
    await manager.update(Loop, { organizationId: actor.organizationId, id: loopId }, { status: 'decided', closedAt: this.clock.now() });
    await this.audit.record(manager, actor, {
      action: 'loop.decided',
      entityType: 'loop',
      entityId: loopId,
      changes: { status: { before: loop.status, after: 'decided' } },
    });
  }

  /**
   * The loop's status, share-locked until the caller's transaction ends: a change of the loop or its rounds (which
   * locks it for update) waits, and so does a decision. Null when the loop is not in the organization.
   */
  async lockLoopStatus(manager: EntityManager, organizationId: string, loopId: string): Promise<LoopStatus | null> {
    const loop = await manager.findOne(Loop, { select: { id: true, status: true }, where: { organizationId, id: loopId }, lock: { mode: 'pessimistic_read' } });
    return loop?.status ?? null;
  }

  /**
   * Every round of every loop of a position (cancelled loops too), loops oldest first and rounds in order: one
   * statement. Null when the position is not in the organization.
   */
  async roundsOfPosition(manager: EntityManager, organizationId: string, positionId: string): Promise<PositionRound[] | null> {
    const rows: { round_id: string | null; loop_id: string | null; candidate_id: string | null; title: string | null; position: number | null }[] = await manager.query(
      `SELECT r.id AS round_id, l.id AS loop_id, l.candidate_id, r.title, r.position
         FROM positions p
         LEFT JOIN loops l ON l.position_id = p.id AND l.organization_id = p.organization_id
         LEFT JOIN loop_rounds r ON r.loop_id = l.id
        WHERE p.organization_id = $1 AND p.id = $2
        ORDER BY l.created_at, l.id, r.position, r.id`,
      [organizationId, positionId],
    );
    if (rows.length === 0) return null;
    return rows.flatMap((row) =>
      row.round_id && row.loop_id && row.candidate_id
        ? [{ roundId: row.round_id, loopId: row.loop_id, candidateId: row.candidate_id, title: row.title ?? '', position: row.position ?? 0 }]
        : [],
    );
  }

  /**
   * Interviewer seats whose reminder ladder may have a step due at `now` (ended, scorecard not submitted, loop open;
   * never worked out for this interviewer and end, or its next step has come), at most `limit`, locked (SKIP LOCKED)
   * in the caller's transaction: one statement, across organizations (the worker's reminder scan).
   */
  seatsDueForReminder(manager: EntityManager, now: Date, limit: number): Promise<ReminderSeat[]> {
    return seatsDueForReminder(manager, now, limit);
  }

  /** The seats of ended rounds still waiting for a scorecard whose ladder is not over (the daily digests): one statement, no lock. */
  openReminderSeats(manager: EntityManager, endedBy: Date): Promise<ReminderSeat[]> {
    return openReminderSeats(manager, endedBy);
  }

  /** Records where the scanned seats' ladders stand (what `seatsDueForReminder` reads): one statement. */
  recordReminderProgress(manager: EntityManager, progress: readonly ReminderProgress[]): Promise<void> {
    return recordReminderProgress(manager, progress);
  }

  /**
   * The seats (each round's interviewer, and its shadows with `includeShadows`) of the rounds that ended before
   * `endedBefore`, in loops neither decided nor cancelled: one statement.
   */
  async endedSeatsOfOpenLoops(
    manager: EntityManager,
    organizationId: string,
    options: { endedBefore: Date; includeShadows: boolean },
  ): Promise<EndedSeat[]> {
    const rows: { round_id: string; loop_id: string; title: string; ends_at: Date; scheduled_at: Date | null; candidate_name: string; user_id: string; shadow: boolean }[] =
      await manager.query(
        `SELECT r.id AS round_id, r.loop_id, r.title, r.ends_at, r.scheduled_at, c.name AS candidate_name, x.user_id, x.shadow
           FROM loop_rounds r
           JOIN loops l ON l.id = r.loop_id AND NOT ${isClosedSql('l.status')}
           JOIN candidates c ON c.id = l.candidate_id
           CROSS JOIN LATERAL (
             SELECT r.interviewer_id AS user_id, false AS shadow WHERE r.interviewer_id IS NOT NULL
             UNION ALL
             SELECT sh.user_id, true FROM round_shadows sh WHERE sh.round_id = r.id AND $3
           ) x
          WHERE r.organization_id = $1 AND r.ends_at < $2
          ORDER BY r.ends_at, r.id, x.shadow, x.user_id`,
        [organizationId, options.endedBefore, options.includeShadows],
      );
    return rows.map((row) => ({
      roundId: row.round_id,
      loopId: row.loop_id,
      title: row.title,
      endsAt: row.ends_at,
      scheduledAt: row.scheduled_at,
      candidateName: row.candidate_name,
      userId: row.user_id,
      shadow: row.shadow,
    }));
  }

  /**
   * Sets the scorecard status a round shows (`draft`, `submitted`...): the interviewer's, or with `shadowUserId` the
   * status of that shadow's own scorecard. 404 when the round (or that shadow on it) is not in the organization.
   */
  async setScorecardStatus(
    manager: EntityManager,
    organizationId: string,
    roundId: string,
    status: string,
    shadowUserId?: string,
  ): Promise<void> {
    if (!status.trim()) throw validationFailed([{ field: 'status', problems: ['status must not be empty'] }]);
    const result = shadowUserId
      ? await manager.update(RoundShadow, { organizationId, roundId, userId: shadowUserId }, { scorecardStatus: status })
      : await manager.update(LoopRound, { organizationId, id: roundId }, { scorecardStatus: status });
    if (!result.affected) throw notFound('Round');
  }

  /**
   * A round with its loop (status, candidate, position and its hiring manager), interviewer, shadows, pillars and
   * planned question versions, in one statement; null when it is not in the organization.
   */
  roundContext(manager: EntityManager, organizationId: string, roundId: string): Promise<RoundContextRow | null> {
    return this.kits.roundContext(organizationId, roundId, manager);
  }

  /**
   * The timed rounds the user interviews or shadows overlapping `[from, to)`, cancelled loops left out, soonest first
   * (a calendar feed): one statement whatever the number of rounds.
   */
  calendarRounds(organizationId: string, userId: string, window: { from: Date; to: Date }, manager?: EntityManager): Promise<CalendarRoundRow[]> {
    return this.kits.calendarRounds(organizationId, userId, window.from, window.to, manager);
  }

  /** The loop with its candidate, position and rounds for a report, in ONE statement; null when it is not in the organization. */
  async loopForReport(organizationId: string, loopId: string, manager: EntityManager = this.dataSource.manager): Promise<LoopForReport | null> {
    const detail = await this.loops.detail(organizationId, loopId, manager);
    return detail && this.toReport(detail);
  }

  /**
   * `loopForReport` with the version of what it read (`loopForReportVersionSql` gives the same while nothing it read
   * changed), in the same ONE statement.
   */
  async versionedLoopForReport(organizationId: string, loopId: string, manager: EntityManager): Promise<{ report: LoopForReport; version: string } | null> {
    const detail = await this.loops.detail(organizationId, loopId, manager, { withVersion: true });
    return detail && { report: this.toReport(detail), version: detail.version ?? '' };
  }

  /**
   * The version of exactly what `loopForReport` reads (the loop, its candidate, position, rounds, shadows and planned
   * questions): an SQL expression to embed in the caller's statement (`rowsVersionSql` over the same statement), so
   * that a report kept with its version is known unchanged while the version is; null outside the organization.
   * Values are bound through `params`.
   */
  loopForReportVersionSql(params: SqlParams, organizationId: string, loopId: string): string {
    return rowsVersionSql(this.loops.detailSql(params, organizationId, loopId));
  }

  /** A report kept while its version held, with its status at the clock's time (a round may have ended since). */
  reportAsOf(report: LoopForReport): LoopForReport {
    const status = effectiveStatus(report.storedStatus, report.rounds, this.clock.now());
    return status === report.status ? report : { ...report, status };
  }

  private toReport({ header, rounds }: { header: LoopHeaderRow; rounds: RoundRow[] }): LoopForReport {
    return {
      id: header.id,
      status: effectiveStatus(header.status, rounds.map((round) => ({ endsAt: round.ends_at })), this.clock.now()),
      storedStatus: header.status,
      candidate: { id: header.candidate_id, name: header.candidate_name, email: header.candidate_email },
      position: {
        id: header.position_id,
        title: header.position_title,
        level: header.position_level,
        roleFamily: header.role_family,
        hiringManagerId: header.hiring_manager_id,
      },
      rounds: rounds.map((round) => ({
        id: round.id,
        position: round.position,
        title: round.title,
        pillarIds: round.pillar_ids,
        startsAt: round.starts_at,
        endsAt: round.ends_at,
        interviewerId: round.interviewer_id,
        shadowIds: round.shadow_ids,
      })),
    };
  }

  /** The loops of a position that were not cancelled, oldest first (exports); null when the position is not in the organization. */
  loopIdsOfPosition(organizationId: string, positionId: string): Promise<string[] | null> {
    return this.positionLoopIds(organizationId, positionId, `l.status <> 'cancelled'`);
  }

  /** A position's cancelled loops (analytics leave them out); null when the position is not in the organization. */
  cancelledLoopIdsOfPosition(organizationId: string, positionId: string): Promise<string[] | null> {
    return this.positionLoopIds(organizationId, positionId, `l.status = 'cancelled'`);
  }

  private async positionLoopIds(organizationId: string, positionId: string, statusSql: string): Promise<string[] | null> {
    const rows: { id: string | null }[] = await this.dataSource.query(
      `SELECT l.id FROM positions p LEFT JOIN loops l ON l.position_id = p.id AND l.organization_id = p.organization_id AND ${statusSql}
        WHERE p.organization_id = $1 AND p.id = $2 ORDER BY l.created_at, l.id`,
      [organizationId, positionId],
    );
    return rows.length === 0 ? null : rows.flatMap((row) => (row.id ? [row.id] : []));
  }

  /** The position of each of these loops of the organization, in the caller's transaction (analytics facts). */
  positionsOfLoops(manager: EntityManager, organizationId: string, loopIds: readonly string[]): Promise<{ loopId: string; positionId: string }[]> {
    return positionsOfLoops(manager, organizationId, loopIds);
  }

  /** For the blind rule: the loops (among `loopIds`, or of a position) where the user interviews or shadows a round. */
  loopsWithSeat(manager: EntityManager, organizationId: string, userId: string, scope: { loopIds?: string[]; positionId?: string }): Promise<string[]> {
    return this.loops.loopsWithSeat(organizationId, userId, scope, manager);
  }

  /** The candidates of these loops of the organization (each once): whose data an export of them holds. */
  async candidateIdsOfLoops(organizationId: string, loopIds: readonly string[]): Promise<string[]> {
    const rows: { candidate_id: string }[] = await this.dataSource.query(
      'SELECT DISTINCT candidate_id FROM loops WHERE organization_id = $1 AND id = ANY($2::uuid[]) ORDER BY candidate_id',
      [organizationId, loopIds],
    );
    return rows.map((row) => row.candidate_id);
  }

  /** Which of these ids are loops of the organization. */
  async existingLoopIds(organizationId: string, loopIds: string[]): Promise<Set<string>> {
    const rows: { id: string }[] = await this.dataSource.query('SELECT id FROM loops WHERE organization_id = $1 AND id = ANY($2::uuid[])', [organizationId, loopIds]);
    return new Set(rows.map((row) => row.id));
  }

  /** How many positions and loops the organization has (the first-run steps): one statement. */
  async setupCounts(organizationId: string): Promise<{ positions: number; loops: number }> {
    const [row] = await this.dataSource.query<{ positions: number; loops: number }[]>(
      `SELECT (SELECT count(*) FROM positions WHERE organization_id = $1)::int AS positions,
              (SELECT count(*) FROM loops WHERE organization_id = $1)::int AS loops`,
      [organizationId],
    );
    return { positions: row?.positions ?? 0, loops: row?.loops ?? 0 };
  }

  /** Staff read every loop; anyone else only a loop they interview or shadow on (404 otherwise), without personal data. */
  async viewIn(manager: EntityManager, actor: Actor, loopId: string): Promise<LoopDto> {
    return (await this.viewWithSchedulingIn(manager, actor, loopId)).loop;
  }

  /**
   * `viewIn`, with when each round got its current times (by round id; null for rounds timed before that was kept),
   * which the loop's API shape does not carry: what due times count from (the debrief). The same statements.
   */
  async viewWithSchedulingIn(manager: EntityManager, actor: Actor, loopId: string): Promise<{ loop: LoopDto; scheduledAt: Map<string, Date | null> }> {
    const detail = await this.loops.detail(actor.organizationId, loopId, manager);
    if (!detail) throw notFound('Loop');
    const { header, rounds } = detail;
    const staff = isStaff(actor);
    if (!staff && !rounds.some((round) => round.interviewer_id === actor.userId || round.shadow_ids.includes(actor.userId ?? ''))) {
      throw notFound('Loop');
    }
    const people = rounds.flatMap((round) => (round.interviewer_id ? [round.interviewer_id, ...round.shadow_ids] : round.shadow_ids));
    const questionIds = rounds.flatMap((round) => round.questions.map((question) => question.questionId));
    const loop = toLoopDto(header, rounds, await this.references(manager, actor.organizationId, people, questionIds), this.clock.now(), staff);
    return { loop, scheduledAt: new Map(rounds.map((round) => [round.id, round.scheduled_at])) };
  }

  /**
   * The people's names (identity) and the pillars with the planned questions (question bank) in ONE statement, made
   * of the SQL expressions their owners export for this (`namesSql`, `catalogSql`): it names no table itself.
   */
  private async references(manager: EntityManager, organizationId: string, people: string[], questionIds: string[]): Promise<LoopReferences> {
    const params = new SqlParams();
    const [row] = await poolQuery<{ names: Record<string, string>; catalog: CatalogRefs }[]>(
      manager,
      `SELECT ${this.users.namesSql(params, organizationId, people)} AS names, ${this.questions.catalogSql(params, organizationId, questionIds)} AS catalog`,
      params.values,
    );
    const { names, catalog } = row!;
    return {
      names: new Map(Object.entries(names)),
      pillars: catalog.pillars,
      questions: new Map(catalog.questions.map((question) => [question.id, question])),
    };
  }
}
