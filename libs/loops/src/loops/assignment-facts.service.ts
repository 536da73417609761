import { Injectable } from '@nestjs/common';
import { UsersService } from '@loopwright/identity';
import type { EntityManager } from 'typeorm';
import type { AssignmentFacts } from './assignment-rules.js';
import { LoopsRepository } from './loops.repository.js';

export interface AssignmentContext {
  /** The users to check; null for every active interviewer of the organization. */
  userIds: string[] | null;
  candidateId: string;
  loopId: string;
  roundId: string | null;
  startsAt: Date | null;
  endsAt: Date | null;
}

/**
 * The facts the assignment rules need, for the given users, one round of a loop and an optional time slot: who the
 * people are and what they are qualified for (identity's), then their seats, conflicts and calendars (the loops').
 * Two statements, however many users; users not in the organization are left out.
 */
@Injectable()
export class AssignmentFactsService {
  constructor(
    private readonly repository: LoopsRepository,
    private readonly users: UsersService,
  ) {}

  async gather(manager: EntityManager, organizationId: string, context: AssignmentContext): Promise<AssignmentFacts[]> {
    const people =
      context.userIds === null
        ? await this.users.activeInterviewerProfiles(manager, organizationId)
        : await this.users.profilesByIds(manager, organizationId, context.userIds);
    const seats = new Map(
      (await this.repository.seatFacts(manager, organizationId, { ...context, users: people })).map((row) => [row.user_id, row]),
    );
    return people.flatMap((person): AssignmentFacts[] => {
      const seat = seats.get(person.id);
      if (!seat) return [];
      return [
        {
          userId: person.id,
          name: person.name,
          email: person.email,
          active: person.active,
          roles: person.roles,
          levels: person.levels,
          weeklyLimit: person.weeklyInterviewLimit,
          conflict: seat.conflict,
          inLoop: seat.in_loop_round !== null,
          inLoopRound: seat.in_loop_round,
          interviewsInLoop: seat.interviews_in_loop,
          overlapping: seat.overlapping_round !== null,
          overlappingRound: seat.overlapping_round && {
            ...seat.overlapping_round,
            startsAt: new Date(seat.overlapping_round.startsAt).toISOString(),
            endsAt: new Date(seat.overlapping_round.endsAt).toISOString(),
          },
          weekLoad: seat.week_load,
        },
      ];
    });
  }
}
