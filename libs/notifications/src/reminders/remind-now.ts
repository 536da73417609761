import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, AppError, Clock, conflict, forbidden, notFound, validationFailed } from '@loopwright/core';
import { AuditLog, OrganizationsService, UsersService, type Actor } from '@loopwright/identity';
import { canChangeLoopsOf, loopClosed, LoopsService, seatScorecardSubmitted, isClosed, type RoundContextRow } from '@loopwright/loops';
import { dueTimes } from '@loopwright/scorecards';
import type { DataSource, EntityManager } from 'typeorm';
import { dayAndClockIn } from '../invites/zone-text.js';
import { MailOutbox } from '../mail/mail-outbox.js';
import { MailTemplates } from '../mail/mail-templates.js';
import type { RemindNowDto, RemindNowInputDto } from './remind-now.dto.js';
import { DEFAULT_DUE_HOURS } from './seat-people.js';

/** A seat is reminded by hand at most once in this many hours. */
export const REMIND_NOW_INTERVAL_HOURS = 4;
const INTERVAL_MS = REMIND_NOW_INTERVAL_HOURS * 3_600_000;

/**
 * Takes the seat's turn: records `now` as its last manual reminder unless one was made less than the interval ago.
 * One statement, atomic across processes (a concurrent claim waits for the row and then sees the new time).
 */
const CLAIM_SQL = `
  INSERT INTO manual_reminders (organization_id, round_id, user_id, reminded_at, reminded_by_id) VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (round_id, user_id) DO UPDATE SET reminded_at = EXCLUDED.reminded_at, reminded_by_id = EXCLUDED.reminded_by_id
   WHERE manual_reminders.reminded_at <= $4::timestamptz - make_interval(secs => $6)
  RETURNING reminded_at`;

/** A seat on a round: whose scorecard, and where it stands. */
interface Seat {
  userId: string;
  shadow: boolean;
  status: string;
  notAttended: boolean;
}

/** The seat's last manual reminder and when the next is allowed. */
export interface LastReminder {
  remindedAt: Date;
  nextAllowedAt: Date;
}

export const remindedRecently = (remindedAt: Date, nextAllowedAt: Date, now: Date): AppError =>
  new AppError('REMINDED_RECENTLY', `This scorecard was reminded of less than ${REMIND_NOW_INTERVAL_HOURS} hours ago; try again later (see Retry-After)`, HttpStatus.TOO_MANY_REQUESTS, {
    remindedAt,
    nextAllowedAt,
    retryAfterSeconds: Math.ceil((nextAllowedAt.getTime() - now.getTime()) / 1000),
  });

/**
 * **Remind now** (`POST /api/rounds/:id/remind`, the debrief page's button): one reminder mail to whoever owes a
 * scorecard of an ended round, at once, through the outbox; at most once per seat every REMIND_NOW_INTERVAL_HOURS
 * (429 REMINDED_RECENTLY with Retry-After), the limit kept in `manual_reminders`.
 */
@Injectable()
export class RemindNow {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly loops: LoopsService,
    private readonly users: UsersService,
    private readonly organizations: OrganizationsService,
    private readonly outbox: MailOutbox,
    private readonly templates: MailTemplates,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * For admins, recruiters and the position's hiring manager (403 for other staff; 404 outside the organization).
   * 409: SCORECARD_SUBMITTED, ROUND_NOT_ENDED (not ended, or no time), SEAT_NOT_ATTENDED (they said they did not
   * attend), ROUND_NOT_ASSIGNED (no interviewer), LOOP_CLOSED; 400 when `interviewerId` is not on the round.
   */
  async remind(actor: Actor, roundId: string, input: RemindNowInputDto): Promise<RemindNowDto> {
    return this.dataSource.transaction(async (manager) => {
      const organizationId = actor.organizationId;
      const round = await this.loops.roundContext(manager, organizationId, roundId);
      if (!round) throw notFound('Round');
      if (!canChangeLoopsOf(actor, round.hiring_manager_id))
        throw forbidden('Only the hiring manager of this position, a recruiter or an admin may remind its interviewers');
      const seat = seatOf(round, input.interviewerId);
      // Share-locked: a decision or a change of the round (which may take the seat) waits until this commits.
      const status = await this.loops.lockLoopStatus(manager, organizationId, round.loop_id);
      if (status === null) throw notFound('Round');
      if (isClosed(status)) throw loopClosed(status);
      if (seat.status === 'submitted') throw seatScorecardSubmitted();
      if (seat.notAttended) throw conflict('SEAT_NOT_ATTENDED', 'They said they did not attend this round: reassign it or cancel it instead');
      const now = this.clock.now();
      if (!round.ends_at || round.ends_at.getTime() > now.getTime())
        throw conflict('ROUND_NOT_ENDED', round.ends_at ? 'This round has not ended yet' : 'This round has no time yet', { endsAt: round.ends_at, now });
      const claimed = await manager.query<{ reminded_at: Date }[]>(CLAIM_SQL, [organizationId, roundId, seat.userId, now, actor.userId, INTERVAL_MS / 1000]);
      if (claimed.length === 0) {
        const last = (await this.lastReminders(organizationId, [roundId], manager)).get(seatKey(roundId, seat.userId));
        throw remindedRecently(last?.remindedAt ?? now, last?.nextAllowedAt ?? new Date(now.getTime() + INTERVAL_MS), now);
      }
      await this.enqueue(manager, actor, round, seat, now);
      await this.audit.record(manager, actor, {
        action: 'scorecard.reminded',
        entityType: 'loop_round',
        entityId: roundId,
        changes: { remindedUserId: { before: null, after: seat.userId }, remindedAt: { before: null, after: now } },
      });
      return { roundId, userId: seat.userId, shadow: seat.shadow, remindedAt: now, nextAllowedAt: new Date(now.getTime() + INTERVAL_MS) };
    });
  }

  /** The last manual reminder of each seat of these rounds, keyed by `seatKey`: one statement. */
  async lastReminders(organizationId: string, roundIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, LastReminder>> {
    if (roundIds.length === 0) return new Map();
    const rows = await manager.query<{ round_id: string; user_id: string; reminded_at: Date }[]>(
      'SELECT round_id, user_id, reminded_at FROM manual_reminders WHERE organization_id = $1 AND round_id = ANY($2::uuid[])',
      [organizationId, roundIds],
    );
    return new Map(
      rows.map((row) => [seatKey(row.round_id, row.user_id), { remindedAt: row.reminded_at, nextAllowedAt: new Date(row.reminded_at.getTime() + INTERVAL_MS) }]),
    );
  }

  private async enqueue(manager: EntityManager, actor: Actor, round: RoundContextRow, seat: Seat, now: Date): Promise<void> {
    const organizationId = actor.organizationId;
    const profiles = await this.users.mailProfiles(manager, [seat.userId, ...(actor.userId ? [actor.userId] : [])]);
    const hours = await this.organizations.dueHoursByIds(manager, [organizationId]);
    const person = profiles.find((profile) => profile.id === seat.userId && profile.organizationId === organizationId);
    if (!person?.active) throw conflict('USER_INACTIVE', 'This person is deactivated: reassign the round instead');
    const sender = profiles.find((profile) => profile.id === actor.userId);
    const writeupDueAt = dueTimes({ endsAt: round.ends_at, scheduledAt: round.scheduled_at }, hours.get(organizationId) ?? DEFAULT_DUE_HOURS).writeupDueAt!;
    await this.outbox.enqueue(manager, [
      this.templates.mailTo(
        organizationId,
        person,
        'reminder-now',
        {
          senderName: sender?.name ?? 'The recruiter',
          candidateName: round.candidate_name,
          roundTitle: round.title,
          positionTitle: round.position_title,
          dueAt: dayAndClockIn(writeupDueAt, person.timezone),
          overdue: writeupDueAt.getTime() <= now.getTime(),
          roundUrl: `${this.config.publicUrl}/app/rounds/${round.id}`,
        },
        `reminder-now:${round.id}:${person.id}:${now.toISOString()}`,
      ),
    ]);
  }
}

/** The key of a seat in `lastReminders`. */
export const seatKey = (roundId: string, userId: string): string => `${roundId}:${userId}`;

function seatOf(round: RoundContextRow, interviewerId: string | undefined): Seat {
  const userId = interviewerId ?? round.interviewer_id;
  if (userId === null) throw conflict('ROUND_NOT_ASSIGNED', 'This round has no interviewer to remind');
  if (userId === round.interviewer_id)
    return { userId, shadow: false, status: round.scorecard_status, notAttended: round.interviewer_not_attended_at !== null };
  const shadow = round.shadows.find((item) => item.userId === userId);
  if (!shadow) throw validationFailed([{ field: 'interviewerId', problems: ['interviewerId must be the round’s interviewer or one of its shadows'] }]);
  return { userId, shadow: true, status: shadow.scorecardStatus, notAttended: shadow.notAttendedAt !== null };
}
