import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '@loopwright/core';
import { UsersService, type Actor } from '@loopwright/identity';
import { SeatAttendanceService, type NotAttendedSeat } from '@loopwright/loops';
import type { DataSource, EntityManager } from 'typeorm';
import { dayAndClockIn } from '../invites/zone-text.js';
import { MailOutbox, type OutgoingMail } from '../mail/mail-outbox.js';
import { MailTemplates } from '../mail/mail-templates.js';
import { loopRecruiters } from '../reminders/loop-recruiters.js';
import type { NotAttendedDto } from './not-attended.dto.js';

/**
 * "I did not attend" (`POST /api/rounds/:id/not-attended` and the round page's button): recorded on the seat by the
 * loops feature (which stops its reminders at once), and the loop's recruiter(s) told by mail through the outbox, in
 * the same transaction. Said again, nothing more is written or sent.
 */
@Injectable()
export class NotAttended {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly attendance: SeatAttendanceService,
    private readonly users: UsersService,
    private readonly outbox: MailOutbox,
    private readonly templates: MailTemplates,
    private readonly config: AppConfig,
  ) {}

  async say(actor: Actor, roundId: string): Promise<NotAttendedDto> {
    return this.dataSource.transaction(async (manager) => {
      const seat = await this.attendance.recordNotAttended(manager, actor, roundId);
      if (seat.recorded) await this.outbox.enqueue(manager, await this.recruiterMail(manager, actor.organizationId, seat));
      return {
        roundId: seat.round.id,
        loopId: seat.round.loop_id,
        userId: seat.userId,
        shadow: seat.shadow,
        notAttendedAt: seat.at,
      };
    });
  }

  /** One mail to each of the loop's recruiters (not to the person themself), in the recipient's time zone. */
  private async recruiterMail(manager: EntityManager, organizationId: string, seat: NotAttendedSeat): Promise<OutgoingMail[]> {
    const { round } = seat;
    const profiles = await this.users.mailProfiles(
      manager,
      [seat.userId, ...(round.loop_created_by_id ? [round.loop_created_by_id] : [])],
      [organizationId],
    );
    const people = new Map(profiles.map((profile) => [profile.id, profile]));
    const person = people.get(seat.userId);
    const recipients = loopRecruiters({ organizationId, loopCreatedById: round.loop_created_by_id }, profiles, people).filter(
      (recipient) => recipient.id !== seat.userId,
    );
    return recipients.map((recipient) =>
      this.templates.mailTo(
        organizationId,
        recipient,
        'not-attended',
        {
          personName: person?.name ?? 'An interviewer',
          shadow: seat.shadow,
          roundTitle: round.title,
          candidateName: round.candidate_name,
          positionTitle: round.position_title,
          when: round.starts_at ? dayAndClockIn(round.starts_at, recipient.timezone) : null,
          planUrl: `${this.config.publicUrl}/app/loops/${round.loop_id}`,
        },
        `not-attended:${round.id}:${seat.userId}:${seat.at.toISOString()}:${recipient.id}`,
      ),
    );
  }
}
