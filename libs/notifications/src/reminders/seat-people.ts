import { Injectable } from '@nestjs/common';
import { OrganizationsService, UsersService, type MailProfile } from '@loopwright/identity';
import type { ReminderSeat } from '@loopwright/loops';
import { dueTimes } from '@loopwright/scorecards';
import type { EntityManager } from 'typeorm';
import type { LadderSeat } from './reminder-ladder.js';

/** The columns' defaults, for an organization that vanished mid-scan. */
export const DEFAULT_DUE_HOURS = { rating: 1, writeup: 24 };

/** What a reminder pass knows of its seats once it has looked up their organizations and people. */
export interface SeatPeople {
  profiles: MailProfile[];
  people: Map<string, MailProfile>;
  /** The organizations' time zones, by id. */
  zones: Map<string, string>;
  /** The seat's write-up due time and the interviewer's time zone, as the reminder ladder reads them. */
  ladderOf(seat: ReminderSeat): LadderSeat;
}

/** The two look-ups of the reminder scan and the digests: the seats' organizations' due hours, then the people. */
@Injectable()
export class SeatPeopleLookup {
  constructor(
    private readonly users: UsersService,
    private readonly organizations: OrganizationsService,
  ) {}

  /** Two statements. `withRecruiters`: every recruiter of the seats' organizations too. */
  async of(
    manager: EntityManager,
    seats: readonly ReminderSeat[],
    userIds: readonly string[],
    withRecruiters: boolean,
  ): Promise<SeatPeople> {
    const organizationIds = [...new Set(seats.map((seat) => seat.organizationId))];
    const hours = await this.organizations.dueHoursByIds(manager, organizationIds);
    const profiles = await this.users.mailProfiles(manager, userIds, withRecruiters ? organizationIds : []);
    const people = new Map(profiles.map((profile) => [profile.id, profile]));
    return {
      profiles,
      people,
      zones: new Map([...hours].map(([id, organization]) => [id, organization.timezone])),
      ladderOf: (seat) => ({
        roundEndsAt: seat.endsAt,
        writeupDueAt: dueTimes(seat, hours.get(seat.organizationId) ?? DEFAULT_DUE_HOURS).writeupDueAt!,
        timeZone: people.get(seat.interviewerId)?.timezone ?? 'UTC',
      }),
    };
  }
}
