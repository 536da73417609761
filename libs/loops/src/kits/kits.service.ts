import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, decodeCursor, notFound, toPage, type Page } from '@loopwright/core';
import type { Actor } from '@loopwright/identity';
import { QuestionsService } from '@loopwright/question-bank';
import type { DataSource } from 'typeorm';
import { isStaff } from '@loopwright/identity';
import type { AssignmentDto, InterviewKitDto, ListAssignmentsQueryDto } from './kit.dto.js';
import { KitsRepository, type RoundContextRow } from './kits.repository.js';

/** When the user said they did not attend the round, on their seat (the interviewer's, or a shadow's). */
export function notAttendedAtOf(round: RoundContextRow, userId: string | null): Date | null {
  if (userId === null) return null;
  if (round.interviewer_id === userId) return round.interviewer_not_attended_at;
  const at = round.shadows.find((item) => item.userId === userId)?.notAttendedAt;
  return at ? new Date(at) : null;
}

/** One of my rounds with when it got its current times (null for rounds timed before that was kept), which the API shape leaves out. */
export interface ScheduledAssignment {
  assignment: AssignmentDto;
  scheduledAt: Date | null;
}

/** Interview kits and "my assignments": what an interviewer (or shadow) needs, candidates' names only. */
@Injectable()
export class KitsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly kits: KitsRepository,
    private readonly questions: QuestionsService,
    private readonly clock: Clock,
  ) {}

  /**
   * The round's interviewer, its shadows and staff read the kit; anyone else gets 404. Two statements: the round, then
   * the pillars and the planned question versions from the question bank.
   */
  async kit(actor: Actor, roundId: string): Promise<InterviewKitDto> {
    return this.kitOf(actor, await this.round(actor, roundId));
  }

  /**
   * The round as `kit` reads it (one statement; null when it is not in the organization), for a reader that also
   * hands it to `ScorecardsService.mine`: a page showing the kit and my scorecard reads the round once.
   */
  round(actor: Actor, roundId: string): Promise<RoundContextRow | null> {
    return this.kits.roundContext(actor.organizationId, roundId);
  }

  /** `kit` on a round already read (`round`): the same access rule and 404, one statement (the question bank's). */
  async kitOf(actor: Actor, round: RoundContextRow | null): Promise<InterviewKitDto> {
    if (!round) throw notFound('Round');
    const shadow = round.shadows.some((item) => item.userId === actor.userId);
    if (!isStaff(actor) && round.interviewer_id !== actor.userId && !shadow) throw notFound('Round');
    const catalog = await this.questions.catalog(actor.organizationId, { versions: round.questions }, this.dataSource.manager);
    const byRef = new Map(catalog.versions.map((version) => [`${version.questionId}:${version.version}`, version]));
    return {
      round: {
        id: round.id,
        loopId: round.loop_id,
        title: round.title,
        startsAt: round.starts_at,
        endsAt: round.ends_at,
        interviewerId: round.interviewer_id,
        shadowInterviewerIds: round.shadows.map((item) => item.userId),
        scorecardStatus: round.scorecard_status,
      },
      shadow,
      notAttendedAt: notAttendedAtOf(round, actor.userId),
      candidate: { id: round.candidate_id, name: round.candidate_name },
      position: { id: round.position_id, title: round.position_title, roleFamily: round.role_family, level: round.position_level },
      pillars: catalog.pillars.filter((pillar) => round.pillar_ids.includes(pillar.id)),
      questions: round.questions.flatMap((ref) => {
        const version = byRef.get(`${ref.questionId}:${ref.version}`);
        return version
          ? [
              {
                questionId: ref.questionId,
                version: ref.version,
                title: version.title,
                pillarId: version.pillarId,
                prompt: version.prompt,
                rubric: version.rubric,
                followUps: version.followUps,
              },
            ]
          : [];
      }),
    };
  }

  /**
   * My rounds as interviewer or shadow: upcoming first (soonest first), then past ones (latest first). One statement:
   * the rounds with their pillars (the question bank's `pillarsSql`).
   */
  async assignments(actor: Actor, query: ListAssignmentsQueryDto): Promise<Page<AssignmentDto>> {
    const page = await this.scheduledAssignments(actor, query);
    return { items: page.items.map((item) => item.assignment), nextCursor: page.nextCursor };
  }

  /** `assignments`, each with when the round got its current times (what its due times count from too): the same statement. */
  async scheduledAssignments(actor: Actor, query: ListAssignmentsQueryDto): Promise<Page<ScheduledAssignment>> {
    if (!actor.userId) return { items: [], nextCursor: null };
    const after = decodeCursor(query.cursor, { bucket: 'integer', sortKey: 'number', id: 'uuid' });
    const rows = await this.kits.assignments(actor.organizationId, actor.userId, this.clock.now(), query.limit, after);
    return toPage(
      rows,
      query.limit,
      (row) => ({
        assignment: {
          roundId: row.id,
          loopId: row.loop_id,
          loopStatus: row.loop_status,
          title: row.title,
          startsAt: row.starts_at,
          endsAt: row.ends_at,
          candidate: { id: row.candidate_id, name: row.candidate_name },
          position: { id: row.position_id, title: row.position_title },
          pillars: row.pillars.map(({ id, key, name }) => ({ id, key, name })),
          shadow: row.shadow,
          scorecardStatus: row.scorecard_status,
          upcoming: row.bucket === 0,
        },
        scheduledAt: row.scheduled_at,
      }),
      (row) => ({ bucket: row.bucket, sortKey: row.sort_key, id: row.id }),
    );
  }
}
