import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, forbidden, notFound, staleVersion, toCsv, validationFailed, type FieldProblem } from '@loopwright/core';
import { rowsVersionSql, type SqlParams } from '@loopwright/database';
import { DomainEvents } from '@loopwright/events';
import { AccessLog, AuditLog, isStaff, PERSONAL_VALUE, UsersService, type Actor } from '@loopwright/identity';
import { isClosed, loopClosed, LoopsService, type LoopDto, type RoundContextRow } from '@loopwright/loops';
import { PillarsService, QuestionsService } from '@loopwright/question-bank';
import type { DataSource, EntityManager } from 'typeorm';
import { dueTimes, type RoundTiming } from './due-times.js';
import type { AmendmentDto, QuestionAskedDto, ScorecardDto } from './scorecard.dto.js';
import type { AmendScorecardDto, QuestionAskedInputDto, RatingInputDto, SaveScorecardDto, SubmitScorecardDto } from './scorecard-input.dto.js';
import { effectiveValues, MIN_SUMMARY_LENGTH, missingForSubmit } from './scorecard-math.js';
import type { StoredQuestion, StoredRating } from './scorecard.entity.js';
import { roundNotStarted, scorecardIncomplete, scorecardNotSubmitted, scorecardSubmitted, submitYoursFirst } from './scorecards.errors.js';
import { toLoopRecord, type LoopRecord } from './loop-record.js';

/** Who holds a seat on a round of a loop: its interviewer and its shadows. */
export interface LoopSeats {
  interviewerId: string | null;
  shadowIds: readonly string[];
}
import { ScorecardsRepository, type AmendmentRow, type DraftChanges, type QuestionPatch, type ScorecardRow } from './scorecards.repository.js';

/** The round and whether the caller is on it as a shadow. */
interface MyRound {
  round: RoundContextRow;
  shadow: boolean;
  userId: string;
}

/** What a list of submitted scorecards shows besides their rows: each round's title and place, each author's name. */
interface CardContext {
  /** By round id: the title and the place in the order of all rounds listed (loops oldest first, rounds in order). */
  rounds: Map<string, { title: string; order: number }>;
  names: Map<string, string>;
}

/** The loop as its reader got it names every round and every person seated on one. */
function contextOf(loop: LoopDto): CardContext {
  const names = new Map<string, string>();
  for (const round of loop.rounds) {
    if (round.interviewer) names.set(round.interviewer.id, round.interviewer.name);
    for (const shadow of round.shadowInterviewers) names.set(shadow.id, shadow.name);
  }
  return { rounds: new Map(loop.rounds.map((round, order) => [round.id, { title: round.title, order }])), names };
}

/** By code point, as the database's C collation orders names. */
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Round order, main before shadow, then by author's name and the scorecard's id. */
function inRoundOrder(rows: ScorecardRow[], context: CardContext): ScorecardRow[] {
  const order = (row: ScorecardRow): number => context.rounds.get(row.round_id)?.order ?? Number.MAX_SAFE_INTEGER;
  const name = (row: ScorecardRow): string => context.names.get(row.author_id) ?? '';
  return [...rows].sort(
    (a, b) => order(a) - order(b) || Number(a.shadow) - Number(b.shadow) || byText(name(a), name(b)) || byText(a.id, b.id),
  );
}

/**
 * Scorecards: a draft per (round, interviewer or shadow) saved with optimistic concurrency, submitted once, then
 * amended; the blind rule on reading a loop's scorecards. Other features use `submittedForLoop`.
 */
@Injectable()
export class ScorecardsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scorecards: ScorecardsRepository,
    private readonly loops: LoopsService,
    private readonly questions: QuestionsService,
    private readonly pillars: PillarsService,
    private readonly users: UsersService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly events: DomainEvents,
    private readonly access: AccessLog,
  ) {}

  /**
   * When feedback on these rounds is due, counted as the scorecards' own due times are (`dueTimes`: from the later of
   * each round's end and when it got that time): the rating (recommendation) and the write-up (submission). Rounds
   * without an end are left out. One statement.
   */
  async dueTimes(actor: Actor, rounds: ({ roundId: string } & RoundTiming)[]): Promise<Map<string, { ratingDueAt: Date; writeupDueAt: Date }>> {
    const timed = rounds.filter((round) => round.endsAt !== null);
    if (timed.length === 0) return new Map();
    const hours = await this.scorecards.dueHours(this.dataSource.manager, actor.organizationId);
    if (!hours) return new Map();
    return new Map(timed.map((round) => [round.roundId, dueTimes(round, hours) as { ratingDueAt: Date; writeupDueAt: Date }]));
  }

  /**
   * My scorecard of the round, created as an empty draft on first read. Someone who left the round (another
   * interviewer was assigned, or the shadow removed) while holding a draft still reads that draft, marked
   * `detached`; nobody else ever does, and a new interviewer starts with an empty draft of their own. `read.round`:
   * the round as the caller already read it (`KitsService.round`, null when it was not found), not read again.
   */
  async mine(actor: Actor, roundId: string, read: { round?: RoundContextRow | null } = {}): Promise<ScorecardDto> {
    const manager = this.dataSource.manager;
    let mine: MyRound;
    try {
      mine = await this.myRound(manager, actor, roundId, read.round);
    } catch (error) {
      const kept = actor.userId ? await this.scorecards.findMine(manager, actor.organizationId, roundId, actor.userId) : null;
      if (!kept) throw error;
      // Without the kit (no longer theirs), the questions' titles say what the notes were about.
      return { ...(await this.withQuestionTitles(manager, actor.organizationId, this.toDto(kept, []))), detached: true };
    }
    const existing = await this.scorecards.findMine(manager, actor.organizationId, roundId, mine.userId);
    if (existing?.status === 'draft' && this.seatStatus(mine) === 'not_started') {
      // Back on a round where an earlier draft of theirs was kept: the round shows that draft again.
      await this.loops.setScorecardStatus(manager, actor.organizationId, roundId, 'draft', mine.shadow ? mine.userId : undefined);
    }
    const row = existing ?? (await this.createDraft(actor, mine));
    return this.viewOne(manager, actor.organizationId, row);
  }

  /**
   * The blind rule, THE one place for it: whoever interviews or shadows a round of the loop reads other people's
   * ratings of it (scorecards, summary, packet) only after submitting their own, whatever their other roles
   * (403 SUBMIT_YOURS_FIRST). Says nothing about who else may read them: each route checks that.
   */
  async assertMayReadOthers(actor: Actor, loopId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    if ((await this.loopsAwaitingMine(manager, actor, { loopIds: [loopId] })).size > 0) throw submitYoursFirst();
  }

  /**
   * The blind rule (as assertMayReadOthers) on what a report has already read: the loop's seats (from
   * `LoopsService.loopForReport`) and its record (`loopRecord`), so no statement of its own.
   */
  assertMayReadOthersOfRecord(actor: Actor, seats: readonly LoopSeats[], record: LoopRecord): void {
    const userId = actor.userId;
    if (!userId) return;
    const seated = seats.some((seat) => seat.interviewerId === userId || seat.shadowIds.includes(userId));
    if (seated && !record.submittedAuthorIds.includes(userId)) throw submitYoursFirst();
  }

  /**
   * The blind rule for many loops at once (bulk exports): among `loopIds` (or a position's loops), those whose other
   * scorecards the actor may not read yet (a seat on it, their own not submitted). Two statements, however many loops.
   */
  loopsHiddenFrom(actor: Actor, scope: { loopIds?: string[]; positionId?: string }): Promise<Set<string>> {
    return this.loopsAwaitingMine(this.dataSource.manager, actor, scope);
  }

  /**
   * The blind rule for a list of loops: 403 SUBMIT_YOURS_FIRST (`details.loopIds`) when the actor may not yet read
   * the others' scorecards of any of them.
   */
  async assertMayReadOthersOfAll(actor: Actor, loopIds: string[]): Promise<void> {
    const hidden = await this.loopsHiddenFrom(actor, { loopIds });
    if (hidden.size > 0) throw submitYoursFirst({ loopIds: loopIds.filter((id) => hidden.has(id)) });
  }

  /** The loops (among `loopIds`, or of a position) where the actor holds a seat and has not submitted their scorecard. */
  private async loopsAwaitingMine(
    manager: EntityManager,
    actor: Actor,
    scope: { loopIds?: string[]; positionId?: string },
  ): Promise<Set<string>> {
    if (!actor.userId) return new Set();
    const seated = await this.loops.loopsWithSeat(manager, actor.organizationId, actor.userId, scope);
    if (seated.length === 0) return new Set();
    const done = await this.scorecards.loopsSubmittedBy(manager, actor.organizationId, actor.userId, seated);
    return new Set(seated.filter((loopId) => !done.has(loopId)));
  }

  /**
   * A draft save: the round (auth), the asked questions' versions (when given), then ONE conditional UPDATE on the
   * version, which merges the given ratings (per pillar) and asked questions (per question) into the stored ones. Zero rows: 409 STALE_VERSION with the current scorecard (or SCORECARD_SUBMITTED, LOOP_CLOSED).
   * `manager` (and `outer` of submit and amend): the caller's transaction, for the demo team's seed, which goes through
   * these same paths; by default the request's own.
   */
  async save(actor: Actor, roundId: string, input: SaveScorecardDto, manager: EntityManager = this.dataSource.manager): Promise<ScorecardDto> {
    const mine = await this.myRound(manager, actor, roundId);
    const { round } = mine;
    if (isClosed(round.loop_status)) throw loopClosed(round.loop_status);
    const changes: DraftChanges = {};
    const problems: FieldProblem[] = [];
    if (input.ratings !== undefined) {
      this.checkRatings(round, input.ratings, problems);
      // Only the keys given: a pillar's rating or notes left out keep what was saved, null clears.
      changes.ratings = input.ratings.map(({ pillarId, rating, notes }) => ({
        pillarId,
        ...(rating !== undefined ? { rating } : {}),
        ...(notes !== undefined ? { notes } : {}),
      }));
    }
    if (input.questionsAsked !== undefined) {
      input.questionsAsked.forEach((item, index) => {
        if (item.remove && item.notes !== undefined)
          problems.push({ field: `questionsAsked.${index}.notes`, problems: ['a question being removed takes no notes'] });
        if (item.remove && item.rating !== undefined)
          problems.push({ field: `questionsAsked.${index}.rating`, problems: ['a question being removed takes no rating'] });
      });
      const resolved = new Map(
        (await this.resolveQuestions(manager, actor.organizationId, round, input.questionsAsked, problems)).map((question) => [question.questionId, question]),
      );
      changes.questionsAsked = input.questionsAsked.flatMap((item): QuestionPatch[] => {
        if (item.remove) return [{ questionId: item.questionId, remove: true }];
        const question = resolved.get(item.questionId);
        if (!question) return [];
        const { notes, rating, ...pinned } = question;
        return [{ ...pinned, ...(item.notes !== undefined ? { notes } : {}), ...(item.rating !== undefined ? { rating } : {}) }];
      });
    }
    if (problems.length > 0) throw validationFailed(problems);
    if (input.recommendation !== undefined) changes.recommendation = input.recommendation;
    if (input.summary !== undefined) changes.summary = input.summary;
    const saved = await this.scorecards.saveDraft(
      manager,
      actor.organizationId,
      { roundId, authorId: mine.userId, version: input.version, roundEndsAt: round.ends_at, roundScheduledAt: round.scheduled_at },
      changes,
      { actorId: actor.userId, requestId: actor.requestId },
    );
    if (saved) return this.toDto(saved, []);
    const existing = await this.scorecards.findMine(manager, actor.organizationId, roundId, mine.userId);
    if (!existing) {
      // Saved before it was ever read: create the draft, and save on it when the client meant its first version.
      const created = await this.createDraft(actor, mine, manager);
      const retried = created.version === input.version ? await this.save(actor, roundId, input, manager) : null;
      if (retried) return retried;
      throw staleVersion(this.toDto(created, []));
    }
    const current = existing;
    if (current.status === 'submitted') throw scorecardSubmitted();
    if (current.version === input.version) throw loopClosed('decided');
    throw staleVersion(this.toDto(current, []));
  }

  /**
   * Submits: complete (every pillar rated or not_assessed with notes, a recommendation, a summary of 20+
   * characters), at the version given, once the round has started by the clock (409 ROUND_NOT_STARTED before, and for
   * a round with no time yet); records the questions asked, the round's scorecard status and the audit
   * event in one transaction. The row never changes again.
   */
  async submit(actor: Actor, roundId: string, input: SubmitScorecardDto, outer: EntityManager = this.dataSource.manager): Promise<ScorecardDto> {
    return outer.transaction(async (manager) => {
      const before = await this.myRound(manager, actor, roundId);
      // The loop's lock, the one a change of its rounds takes too: then the round is read again, so a submit and a
      // reassignment never both win (one waits for the other and sees its result).
      const loopStatus = (await this.loops.lockLoopStatus(manager, actor.organizationId, before.round.loop_id)) ?? before.round.loop_status;
      if (isClosed(loopStatus)) throw loopClosed(loopStatus);
      const mine = await this.myRound(manager, actor, roundId);
      const { round } = mine;
      const row = await this.scorecards.findMine(manager, actor.organizationId, roundId, mine.userId, true);
      if (!row) throw notFound('Scorecard');
      if (row.status === 'submitted') throw scorecardSubmitted();
      if (row.version !== input.version) throw staleVersion(this.toDto(row, []));
      const now = this.clock.now();
      if (!round.starts_at || round.starts_at.getTime() > now.getTime()) throw roundNotStarted(roundId, round.starts_at, now);
      const missing = missingForSubmit(
        round.pillar_ids,
        { ratings: row.ratings, recommendation: row.recommendation, summary: row.summary },
      );
      if (missing.length > 0) throw scorecardIncomplete(missing);
      const submitted = await this.scorecards.submit(manager, actor.organizationId, row.id, row.version, now, { endsAt: round.ends_at, scheduledAt: round.scheduled_at });
      if (!submitted) throw staleVersion(this.toDto(row, []));
      if (submitted.questions_asked.length > 0) {
        await this.questions.recordExposure(
          manager,
          actor.organizationId,
          submitted.questions_asked.map((question) => ({
            questionId: question.questionId,
            version: question.version,
            candidateId: round.candidate_id,
            loopId: round.loop_id,
            kind: 'asked' as const,
            // The round's time, not the submission's: a question's last use and exposure follow when it was asked.
            at: round.starts_at ?? undefined,
          })),
        );
      }
      await this.loops.setScorecardStatus(manager, actor.organizationId, roundId, 'submitted', mine.shadow ? mine.userId : undefined);
      await this.audit.record(manager, actor, {
        action: 'scorecard.submitted',
        entityType: 'scorecard',
        entityId: row.id,
        changes: {
          status: { before: 'draft', after: 'submitted' },
          roundId: { before: null, after: roundId },
          shadow: { before: null, after: mine.shadow },
          recommendation: { before: null, after: submitted.recommendation },
        },
      });
      await this.events.record(manager, actor, {
        type: 'scorecard.submitted',
        payload: { loopId: round.loop_id, roundId, scorecardId: row.id, authorId: mine.userId, seat: mine.shadow ? 'shadow' : 'interviewer' },
      });
      return this.viewOne(manager, actor.organizationId, submitted);
    });
  }

  /** An amendment to my submitted scorecard: a new row with a reason; the scorecard itself stays as submitted. */
  async amend(actor: Actor, roundId: string, input: AmendScorecardDto, outer: EntityManager = this.dataSource.manager): Promise<ScorecardDto> {
    if ((input.ratings === undefined || input.ratings.length === 0) && input.recommendation === undefined && input.summary === undefined)
      throw validationFailed([{ field: 'ratings', problems: ['an amendment changes at least one of ratings, recommendation or summary'] }]);
    if (input.summary !== undefined && input.summary.trim().length < MIN_SUMMARY_LENGTH)
      throw validationFailed([{ field: 'summary', problems: [`summary must be at least ${MIN_SUMMARY_LENGTH} characters`] }]);
    return outer.transaction(async (manager) => {
      const mine = await this.myRound(manager, actor, roundId);
      const { round } = mine;
      const loopStatus = (await this.loops.lockLoopStatus(manager, actor.organizationId, round.loop_id)) ?? round.loop_status;
      if (isClosed(loopStatus)) throw loopClosed(loopStatus);
      const problems: FieldProblem[] = [];
      const ratings = input.ratings?.length ? this.checkRatings(round, input.ratings, problems) : null;
      ratings?.forEach((rating, index) => {
        if (rating.rating === 'not_assessed' && !rating.notes?.trim())
          problems.push({ field: `ratings.${index}.notes`, problems: ['not_assessed needs notes saying why'] });
      });
      if (problems.length > 0) throw validationFailed(problems);
      const row = await this.scorecards.findMine(manager, actor.organizationId, roundId, mine.userId, true);
      if (!row || row.status !== 'submitted') throw scorecardNotSubmitted();
      const amendment = await this.scorecards.insertAmendment(manager, actor.organizationId, {
        scorecardId: row.id,
        loopId: row.loop_id,
        authorId: mine.userId,
        reason: input.reason.trim(),
        ratings,
        recommendation: input.recommendation ?? null,
        summary: input.summary ?? null,
        at: this.clock.now(),
      });
      await this.audit.record(manager, actor, {
        action: 'scorecard.amended',
        entityType: 'scorecard',
        entityId: row.id,
        changes: {
          // The reason, the summary and the ratings' notes are free text about the candidate: the audit keeps that they changed.
          amendment: { before: null, after: { id: amendment.id, sequence: amendment.sequence } },
          reason: { before: null, after: amendment.reason },
          ...(ratings ? { ratings: { before: null, after: ratings.map(({ pillarId, rating }) => ({ pillarId, rating })) } } : {}),
          ...(ratings?.some((rating) => rating.notes) ? { notes: { before: null, after: PERSONAL_VALUE } } : {}),
          ...(input.recommendation !== undefined ? { recommendation: { before: null, after: input.recommendation } } : {}),
          ...(input.summary !== undefined ? { summary: { before: null, after: input.summary } } : {}),
        },
      });
      await this.events.record(manager, actor, {
        type: 'scorecard.amended',
        payload: { loopId: row.loop_id, roundId, scorecardId: row.id, amendmentId: amendment.id },
      });
      return this.viewOne(manager, actor.organizationId, row);
    });
  }

  /**
   * The submitted scorecards of a loop: staff any time; whoever interviews or shadows on the loop (staff too) only
   * after submitting their own (403 SUBMIT_YOURS_FIRST); drafts never. Anyone else: 404. The read is an access
   * event (`format`: how they are shown: `json`, `csv`, `page`).
   */
  async forLoop(actor: Actor, loopId: string, includeShadows: boolean, format: 'json' | 'csv' | 'page' = 'json'): Promise<ScorecardDto[]> {
    const manager = this.dataSource.manager;
    const loop = await this.loops.viewIn(manager, actor, loopId);
    await this.assertMayReadOthers(actor, loopId, manager);
    const cards = await this.submittedForLoop(manager, actor.organizationId, loop, { includeShadows });
    await this.access.record(actor, { kind: 'scorecards', entityType: 'loop', entityId: loopId, candidateIds: [loop.candidateId], format });
    return cards;
  }

  /** The loop's scorecards as CSV: one row per scorecard and pillar, effective values (amendments applied). */
  async forLoopCsv(actor: Actor, loopId: string, includeShadows: boolean): Promise<string> {
    const cards = await this.forLoop(actor, loopId, includeShadows, 'csv');
    return this.toCsv(actor.organizationId, cards);
  }

  /**
   * Every submitted scorecard of a position's loops as CSV (staff), leaving out the loops where the caller
   * interviews or shadows and has not submitted their own yet (the blind rule). One access event per candidate of
   * the loops it holds.
   */
  async forPositionCsv(actor: Actor, positionId: string, includeShadows: boolean): Promise<string> {
    const manager = this.dataSource.manager;
    const rounds = await this.loops.roundsOfPosition(manager, actor.organizationId, positionId);
    if (!rounds) throw notFound('Position');
    const hidden = await this.loopsAwaitingMine(manager, actor, { positionId });
    const loopIds = [...new Set(rounds.map((round) => round.loopId))].filter((loopId) => !hidden.has(loopId));
    const rows = await this.scorecards.submittedIn(manager, actor.organizationId, loopIds, includeShadows);
    const context: CardContext = {
      rounds: new Map(rounds.map((round, order) => [round.roundId, { title: round.title, order }])),
      names: await this.users.namesByIds(actor.organizationId, rows.map((row) => row.author_id), manager),
    };
    const cards = await this.toDtos(manager, actor.organizationId, rows, context);
    const shown = new Set(loopIds);
    const candidateIds = rounds.filter((round) => shown.has(round.loopId)).map((round) => round.candidateId);
    await this.access.record(actor, { kind: 'scorecards', entityType: 'position', entityId: positionId, candidateIds, format: 'csv' });
    return this.toCsv(actor.organizationId, cards);
  }

  /**
   * For other features (packets): a loop's submitted scorecards with ratings, evidence, questions asked (pinned
   * versions with title and prompt), recommendation, summary, amendments and the effective values, in round order,
   * with each author's name and round title taken from `loop` (as `LoopsService.viewIn` gave it to the caller).
   * Three statements, however many rounds. No access check: the caller decides who may read them.
   */
  async submittedForLoop(manager: EntityManager, organizationId: string, loop: LoopDto, options: { includeShadows: boolean }): Promise<ScorecardDto[]> {
    const rows = await this.scorecards.submittedIn(manager, organizationId, [loop.id], options.includeShadows);
    const context = contextOf(loop);
    // A submitted scorecard's author keeps their seat, so the loop names them all; should one be missing, ask for it.
    const unnamed = rows.map((row) => row.author_id).filter((id) => !context.names.has(id));
    if (unnamed.length > 0) for (const [id, name] of await this.users.namesByIds(organizationId, unnamed, manager)) context.names.set(id, name);
    return this.toDtos(manager, organizationId, rows, context);
  }

  /**
   * For reports of a loop (packets): its decision and submitted scorecards (shadows' with `includeShadows`), with their
   * amendments and the values in effect after them. ONE statement; no access check (the caller decides who reads it).
   */
  async loopRecord(organizationId: string, loopId: string, options: { includeShadows: boolean }, manager: EntityManager = this.dataSource.manager): Promise<LoopRecord> {
    return toLoopRecord(await this.scorecards.loopRecord(manager, organizationId, loopId, options.includeShadows));
  }

  /**
   * `loopRecord` with the version of what it read (`loopRecordVersionSql` gives the same while nothing it read
   * changed), in the same ONE statement.
   */
  async versionedLoopRecord(organizationId: string, loopId: string, options: { includeShadows: boolean }, manager: EntityManager): Promise<{ record: LoopRecord; version: string }> {
    const row = await this.scorecards.loopRecord(manager, organizationId, loopId, options.includeShadows, { withVersion: true });
    return { record: toLoopRecord(row), version: row.rows_version ?? '' };
  }

  /**
   * The version of exactly what `loopRecord` reads with these options (the decision, the submitted scorecards and
   * their amendments): an SQL expression to embed in the caller's statement (`rowsVersionSql` over the same
   * statement), so that a record kept with its version is known unchanged while the version is. Values are bound
   * through `params`.
   */
  loopRecordVersionSql(params: SqlParams, organizationId: string, loopId: string, options: { includeShadows: boolean }): string {
    return rowsVersionSql(this.scorecards.loopRecordSql(params, organizationId, loopId, options.includeShadows));
  }

  // ---- helpers ----

  /** The round's interviewer or one of its shadows; staff who are neither get 403, anyone else 404. */
  /** `read`: the round as the caller already read it (`LoopsService.roundContext`, `KitsService.round`), not read again. */
  private async myRound(manager: EntityManager, actor: Actor, roundId: string, read?: RoundContextRow | null): Promise<MyRound> {
    const round = read !== undefined ? read : await this.loops.roundContext(manager, actor.organizationId, roundId);
    if (!round) throw notFound('Round');
    const userId = actor.userId;
    const shadow = userId !== null && round.shadows.some((item) => item.userId === userId);
    if (userId !== null && (round.interviewer_id === userId || shadow)) return { round, shadow, userId };
    if (isStaff(actor)) throw forbidden('Only the round’s interviewer and its shadows have a scorecard on this round');
    throw notFound('Round');
  }

  private async createDraft(actor: Actor, before: MyRound, outer: EntityManager = this.dataSource.manager): Promise<ScorecardRow> {
    if (isClosed(before.round.loop_status)) throw loopClosed(before.round.loop_status);
    return outer.transaction(async (manager) => {
      // Under the loop's lock (as submit): the seat is read again, so a reassignment meanwhile is not undone.
      const loopStatus = await this.loops.lockLoopStatus(manager, actor.organizationId, before.round.loop_id);
      if (loopStatus && isClosed(loopStatus)) throw loopClosed(loopStatus);
      const mine = await this.myRound(manager, actor, before.round.id);
      const { round } = mine;
      const id = await this.scorecards.createDraft(manager, actor.organizationId, {
        loopId: round.loop_id,
        roundId: round.id,
        authorId: mine.userId,
        shadow: mine.shadow,
        roundEndsAt: round.ends_at,
        roundScheduledAt: round.scheduled_at,
      });
      if (id) {
        await this.loops.setScorecardStatus(manager, actor.organizationId, round.id, 'draft', mine.shadow ? mine.userId : undefined);
        await this.audit.record(manager, actor, {
          action: 'scorecard.created',
          entityType: 'scorecard',
          entityId: id,
          changes: { roundId: { before: null, after: round.id }, shadow: { before: null, after: mine.shadow } },
        });
      }
      const row = await this.scorecards.findMine(manager, actor.organizationId, round.id, mine.userId);
      if (!row) throw notFound('Scorecard');
      return row;
    });
  }

  /** The scorecard status the round shows for my seat. */
  private seatStatus(mine: MyRound): string {
    return mine.shadow ? (mine.round.shadows.find((seat) => seat.userId === mine.userId)?.scorecardStatus ?? 'not_started') : mine.round.scorecard_status;
  }

  /** Ratings for pillars of the round, each pillar once. */
  private checkRatings(round: RoundContextRow, ratings: (RatingInputDto & { rating?: unknown })[], problems: FieldProblem[]): StoredRating[] {
    const pillarIds = new Set(round.pillar_ids);
    const seen = new Set<string>();
    ratings.forEach((rating, index) => {
      if (!pillarIds.has(rating.pillarId))
        problems.push({ field: `ratings.${index}.pillarId`, problems: ['pillarId is not a pillar of this round'] });
      else if (seen.has(rating.pillarId)) problems.push({ field: `ratings.${index}.pillarId`, problems: ['each pillar is rated once'] });
      seen.add(rating.pillarId);
    });
    return ratings.map((rating) => ({
      pillarId: rating.pillarId,
      rating: (rating.rating ?? null) as StoredRating['rating'],
      notes: rating.notes ?? null,
    }));
  }

  /** Questions of the organization, each once, pinned to the round's planned version or else the current one. One statement. */
  private async resolveQuestions(
    manager: EntityManager,
    organizationId: string,
    round: RoundContextRow,
    asked: QuestionAskedInputDto[],
    problems: FieldProblem[],
  ): Promise<StoredQuestion[]> {
    if (asked.length === 0) return [];
    const found = new Map((await this.questions.refsByIds(manager, organizationId, asked.map((item) => item.questionId))).map((ref) => [ref.id, ref]));
    const planned = new Map(round.questions.map((question) => [question.questionId, question.version]));
    const seen = new Set<string>();
    const resolved: StoredQuestion[] = [];
    asked.forEach((item, index) => {
      const question = found.get(item.questionId);
      if (!question) problems.push({ field: `questionsAsked.${index}.questionId`, problems: ['questionId is not a question of this organization'] });
      else if (seen.has(item.questionId)) problems.push({ field: `questionsAsked.${index}.questionId`, problems: ['each question is listed once'] });
      else
        resolved.push({
          questionId: item.questionId,
          version: planned.get(item.questionId) ?? question.currentVersion,
          pillarId: question.pillarId,
          notes: item.notes ?? null,
          rating: item.rating ?? null,
        });
      seen.add(item.questionId);
    });
    return resolved;
  }

  private async viewOne(manager: EntityManager, organizationId: string, row: ScorecardRow): Promise<ScorecardDto> {
    const amendments = row.status === 'submitted' ? await this.scorecards.amendments(manager, organizationId, [row.id]) : [];
    return this.toDto(row, amendments);
  }

  /**
   * DTOs with amendments, the asked questions' titles and prompts (two more statements), authors' names and round
   * titles; in round order, then main before shadow, then by author.
   */
  private async toDtos(manager: EntityManager, organizationId: string, unordered: ScorecardRow[], context: CardContext): Promise<ScorecardDto[]> {
    if (unordered.length === 0) return [];
    const rows = inRoundOrder(unordered, context);
    const amendments = await this.scorecards.amendments(manager, organizationId, rows.map((row) => row.id));
    const refs = new Map<string, { questionId: string; version: number }>();
    for (const row of rows) for (const q of row.questions_asked) refs.set(`${q.questionId}:${q.version}`, { questionId: q.questionId, version: q.version });
    const versions = refs.size > 0 ? await this.questions.findVersions(manager, organizationId, [...refs.values()]) : [];
    const byRef = new Map(versions.map((version) => [`${version.questionId}:${version.version}`, version]));
    const byCard = new Map<string, AmendmentRow[]>();
    for (const amendment of amendments) byCard.set(amendment.scorecard_id, [...(byCard.get(amendment.scorecard_id) ?? []), amendment]);
    return rows.map((row) => {
      const dto: ScorecardDto = {
        ...this.toDto(row, byCard.get(row.id) ?? []),
        author: { id: row.author_id, name: context.names.get(row.author_id) ?? '' },
        roundTitle: context.rounds.get(row.round_id)?.title ?? '',
      };
      return titled(dto, byRef);
    });
  }

  private async withQuestionTitles(manager: EntityManager, organizationId: string, dto: ScorecardDto): Promise<ScorecardDto> {
    if (dto.questionsAsked.length === 0) return dto;
    const versions = await this.questions.findVersions(manager, organizationId, dto.questionsAsked.map(({ questionId, version }) => ({ questionId, version })));
    return titled(dto, new Map(versions.map((version) => [`${version.questionId}:${version.version}`, version])));
  }

  toDto(row: ScorecardRow, amendments: AmendmentRow[]): ScorecardDto {
    const amendmentDtos: AmendmentDto[] = amendments.map((amendment) => ({
      id: amendment.id,
      sequence: amendment.sequence,
      authorId: amendment.author_id,
      reason: amendment.reason,
      ratings: amendment.ratings,
      recommendation: amendment.recommendation,
      summary: amendment.summary,
      at: amendment.created_at,
    }));
    const questionsAsked: QuestionAskedDto[] = row.questions_asked.map((question) => ({ ...question, rating: question.rating ?? null }));
    return {
      id: row.id,
      roundId: row.round_id,
      loopId: row.loop_id,
      authorId: row.author_id,
      shadow: row.shadow,
      status: row.status,
      version: row.version,
      ratings: row.ratings,
      questionsAsked,
      recommendation: row.recommendation,
      summary: row.summary,
      submittedAt: row.submitted_at,
      ratingDueAt: row.rating_due_at,
      writeupDueAt: row.writeup_due_at,
      amended: amendmentDtos.length > 0,
      amendments: amendmentDtos,
      effective: effectiveValues(
        { ratings: row.ratings, recommendation: row.recommendation, summary: row.summary },
        amendments.map((amendment) => ({ ratings: amendment.ratings, recommendation: amendment.recommendation, summary: amendment.summary })),
      ),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  private async toCsv(organizationId: string, cards: ScorecardDto[]): Promise<string> {
    const pillars = new Map((await this.pillars.listInOrg(organizationId)).map((pillar) => [pillar.id, pillar]));
    const header = [
      'loopId',
      'roundId',
      'round',
      'interviewer',
      'shadow',
      'pillar',
      'rating',
      'submittedRating',
      'notes',
      'recommendation',
      'summary',
      'submittedAt',
      'amended',
      'amendmentReasons',
    ];
    const rows = cards.flatMap((card) => {
      const ratings = card.effective.ratings.length > 0 ? card.effective.ratings : [{ pillarId: '', rating: null, notes: null }];
      return ratings.map((rating) => [
        card.loopId,
        card.roundId,
        card.roundTitle ?? '',
        card.author?.name ?? card.authorId,
        card.shadow,
        pillars.get(rating.pillarId)?.name ?? rating.pillarId,
        rating.rating,
        card.ratings.find((original) => original.pillarId === rating.pillarId)?.rating ?? null,
        rating.notes,
        card.effective.recommendation,
        card.effective.summary,
        card.submittedAt instanceof Date ? card.submittedAt.toISOString() : card.submittedAt,
        card.amended,
        card.amendments.map((amendment) => amendment.reason).join(' | '),
      ]);
    });
    return toCsv(header, rows);
  }
}

/** The asked questions with the title and prompt of the version each was asked in. */
function titled(dto: ScorecardDto, byRef: ReadonlyMap<string, { title: string; prompt: string }>): ScorecardDto {
  return {
    ...dto,
    questionsAsked: dto.questionsAsked.map((question) => {
      const version = byRef.get(`${question.questionId}:${question.version}`);
      return version ? { ...question, title: version.title, prompt: version.prompt } : question;
    }),
  };
}
