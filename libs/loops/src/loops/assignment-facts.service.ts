import { Injectable } from '@nestjs/common';
import { UsersService } from '@loopwright/identity';
import type { EntityManager } from 'typeorm';
import type { AssignmentFacts } from './assignment-rules.js';
import { LoopsRepository } from './loops.repository.js';

/** A round of the loop and its time slot (none yet: the time rules do not apply). */
export interface AssignmentSlot {
  roundId: string | null;
  startsAt: Date | null;
  endsAt: Date | null;
}

export interface AssignmentContext extends AssignmentSlot {
  /** The users to check; null for every active interviewer of the organization. */
  userIds: string[] | null;
  candidateId: string;
  loopId: string;
}

/**
 * The facts the assignment rules need, for the given users, rounds of a loop and their time slots: who the people are
 * and what they are qualified for (identity's), then their seats, conflicts and calendars (the loops'). Two
 * statements, however many users and rounds; users not in the organization are left out.
 */
@Injectable()
export class AssignmentFactsService {
  constructor(
    private readonly repository: LoopsRepository,
    private readonly users: UsersService,
  ) {}

  async gather(manager: EntityManager, organizationId: string, context: AssignmentContext): Promise<AssignmentFacts[]> {
    const { roundId, startsAt, endsAt, ...people } = context;
    const [facts] = await this.gatherForSlots(manager, organizationId, { ...people, slots: [{ roundId, startsAt, endsAt }] });
    return facts ?? [];
  }

  /** Per slot, in the order of `slots`: the facts of each user (in the order identity lists them). */
  async gatherForSlots(
    manager: EntityManager,
    organizationId: string,
    context: { userIds: string[] | null; candidateId: string; loopId: string; slots: AssignmentSlot[] },
  ): Promise<AssignmentFacts[][]> {
    if (context.slots.length === 0) return [];
    const people =
      context.userIds === null
        ? await this.users.activeInterviewerProfiles(manager, organizationId)
        : await this.users.profilesByIds(manager, organizationId, context.userIds);
    const seats = new Map(
      (await this.repository.seatFacts(manager, organizationId, { ...context, users: people })).map((row) => [`${row.slot}:${row.user_id}`, row]),
    );
    return context.slots.map((_, slot) =>
      people.flatMap((person): AssignmentFacts[] => {
        const seat = seats.get(`${slot}:${person.id}`);
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
      }),
    );
  }
}
