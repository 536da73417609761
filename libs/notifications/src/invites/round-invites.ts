import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, Clock, conflict, notFound } from '@loopwright/core';
import { isStaff, UsersService, type Actor } from '@loopwright/identity';
import { LoopsService, type RoundContextRow } from '@loopwright/loops';
import type { DataSource, EntityManager } from 'typeorm';
import { MailOutbox, type OutgoingMail } from '../mail/mail-outbox.js';
import { MailTemplates } from '../mail/mail-templates.js';
import { mailDomain } from '../mail/mail-transport.js';
import { inviteCalendar, inviteUid, kitLink, parseMailbox, roundSummary, type InviteEvent } from './invite-calendar.js';
import { clockIn, dayAndClockIn } from './zone-text.js';

interface SequenceRow {
  user_id: string;
  sequence: number;
  active: boolean;
  starts_at: Date;
  ends_at: Date;
  summary: string;
}

/** A seat the round has now, with a time to be in a calendar. */
interface Seat {
  userId: string;
  shadow: boolean;
}

/** The next state of one person's invite, and the mail that tells them. */
interface Change {
  userId: string;
  sequence: number;
  active: boolean;
  startsAt: Date;
  endsAt: Date;
  summary: string;
}

const SEQUENCES_SQL = `SELECT user_id, sequence, active, starts_at, ends_at, summary FROM invite_sequences WHERE organization_id = $1 AND round_id = $2`;

const SAVE_SEQUENCES_SQL = `
  INSERT INTO invite_sequences (organization_id, round_id, user_id, sequence, active, starts_at, ends_at, summary, updated_at)
  SELECT $1, $2, s.user_id, s.sequence, s.active, s.starts_at, s.ends_at, s.summary, $4
    FROM jsonb_to_recordset($3::jsonb) AS s(user_id uuid, sequence int, active boolean, starts_at timestamptz, ends_at timestamptz, summary text)
  ON CONFLICT (round_id, user_id) DO UPDATE
     SET sequence = EXCLUDED.sequence, active = EXCLUDED.active, starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at,
         summary = EXCLUDED.summary, updated_at = EXCLUDED.updated_at`;

/**
 * Calendar invites for rounds: each person with a seat on a scheduled round has one invite (UID per round and person)
 * whose SEQUENCE rises with each change of its time; losing the seat (or the round, or its time) cancels it.
 */
@Injectable()
export class RoundInvites {
  private readonly organizer: { name: string; email: string };
  private readonly domain: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly loops: LoopsService,
    private readonly users: UsersService,
    private readonly outbox: MailOutbox,
    private readonly templates: MailTemplates,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    this.organizer = parseMailbox(config.mail.from);
    this.domain = mailDomain(config.mail.from);
  }

  /**
   * Brings every invite of the round in line with the round as it is now: requests to new seats, updates where the
   * time moved, cancellations to those who lost their seat. Five statements whatever the round's size; a second call
   * with nothing changed writes nothing.
   */
  async reconcile(manager: EntityManager, organizationId: string, roundId: string): Promise<void> {
    const round = await this.loops.roundContext(manager, organizationId, roundId);
    const previous = new Map(
      (await manager.query<SequenceRow[]>(SEQUENCES_SQL, [organizationId, roundId])).map((row) => [row.user_id, row]),
    );
    const seats = round ? seatsOf(round) : [];
    const seated = new Set(seats.map((seat) => seat.userId));
    const leaving = [...previous.values()].filter((row) => row.active && !seated.has(row.user_id));
    if (seats.length === 0 && leaving.length === 0) return;
    const profiles = new Map(
      (await this.users.profilesByIds(manager, organizationId, [...seated, ...leaving.map((row) => row.user_id)])).map((user) => [user.id, user]),
    );

    const changes: Change[] = [];
    const mail: OutgoingMail[] = [];
    const stamp = this.clock.now();
    for (const seat of seats) {
      const before = previous.get(seat.userId);
      const user = profiles.get(seat.userId);
      const startsAt = round!.starts_at!;
      const endsAt = round!.ends_at!;
      const unchanged = before?.active && before.starts_at.getTime() === startsAt.getTime() && before.ends_at.getTime() === endsAt.getTime();
      if (!user || unchanged) continue;
      const change: Change = { userId: seat.userId, sequence: before ? before.sequence + 1 : 0, active: true, startsAt, endsAt, summary: summaryOf(round!) };
      changes.push(change);
      const kitUrl = this.kitUrl(roundId);
      const calendar = this.calendar('REQUEST', roundId, change, user, seat.shadow, stamp);
      const invite = {
        update: Boolean(before?.active),
        title: round!.title,
        candidateName: round!.candidate_name,
        positionTitle: round!.position_title,
        seat: seat.shadow ? 'shadow' : 'interviewer',
        when: dayAndClockIn(startsAt, user.timezone),
        until: clockIn(endsAt, user.timezone),
        kitUrl,
      };
      mail.push({
        ...this.templates.mailTo(organizationId, user, 'invite', invite, `invite:${roundId}:${user.id}:${change.sequence}`),
        calendar: { method: 'REQUEST', body: calendar },
      });
    }
    for (const before of leaving) {
      const user = profiles.get(before.user_id);
      if (!user) continue;
      const change: Change = {
        userId: before.user_id,
        sequence: before.sequence + 1,
        active: false,
        startsAt: before.starts_at,
        endsAt: before.ends_at,
        summary: before.summary,
      };
      changes.push(change);
      const cancellation = { summary: before.summary, when: dayAndClockIn(before.starts_at, user.timezone) };
      mail.push({
        ...this.templates.mailTo(organizationId, user, 'invite-cancel', cancellation, `invite:${roundId}:${user.id}:${change.sequence}`),
        calendar: { method: 'CANCEL', body: this.calendar('CANCEL', roundId, change, user, false, stamp) },
      });
    }
    if (changes.length === 0) return;
    await manager.query(SAVE_SEQUENCES_SQL, [
      organizationId,
      roundId,
      JSON.stringify(
        changes.map((change) => ({
          user_id: change.userId,
          sequence: change.sequence,
          active: change.active,
          starts_at: change.startsAt,
          ends_at: change.endsAt,
          summary: change.summary,
        })),
      ),
      stamp,
    ]);
    await this.outbox.enqueue(manager, mail);
  }

  /**
   * Erasure: the invites of these rounds carry `candidateName` from now on (their SUMMARY, also what a later
   * cancellation says): one statement.
   */
  async renameCandidate(manager: EntityManager, organizationId: string, rounds: readonly { id: string; title: string }[], candidateName: string): Promise<void> {
    if (rounds.length === 0) return;
    await manager.query(
      `UPDATE invite_sequences AS s SET summary = r.summary
         FROM jsonb_to_recordset($2::jsonb) AS r(round_id uuid, summary text)
        WHERE s.organization_id = $1 AND s.round_id = r.round_id`,
      [organizationId, JSON.stringify(rounds.map((round) => ({ round_id: round.id, summary: roundSummary(round.title, candidateName) })))],
    );
  }

  /**
   * The caller's own invite to the round (`GET /api/rounds/:id/invite.ics`), at the SEQUENCE last sent to them: for
   * the round's interviewer, its shadows and staff, as the kit (404 for anyone else); 409 ROUND_NOT_SCHEDULED when the
   * round has no time or its loop was cancelled.
   */
  async download(actor: Actor, roundId: string): Promise<string> {
    const manager = this.dataSource.manager;
    const round = await this.loops.roundContext(manager, actor.organizationId, roundId);
    if (!round || !actor.userId) throw notFound('Round');
    const shadow = round.shadows.some((item) => item.userId === actor.userId);
    if (round.interviewer_id !== actor.userId && !shadow && !isStaff(actor)) throw notFound('Round');
    if (!round.starts_at || !round.ends_at || round.loop_status === 'cancelled')
      throw conflict('ROUND_NOT_SCHEDULED', 'The round has no time: there is nothing to put in a calendar');
    const [[sent], [user]] = await Promise.all([
      manager.query<SequenceRow[]>(`${SEQUENCES_SQL} AND user_id = $3`, [actor.organizationId, roundId, actor.userId]),
      this.users.profilesByIds(manager, actor.organizationId, [actor.userId]),
    ]);
    if (!user) throw notFound('Round');
    const change: Change = {
      userId: user.id,
      sequence: sent?.sequence ?? 0,
      active: true,
      startsAt: round.starts_at,
      endsAt: round.ends_at,
      summary: summaryOf(round),
    };
    return this.calendar('REQUEST', roundId, change, user, round.interviewer_id !== actor.userId, this.clock.now());
  }

  private kitUrl(roundId: string): string {
    return kitLink(this.config.publicUrl, roundId);
  }

  private calendar(
    method: InviteEvent['method'],
    roundId: string,
    change: Change,
    user: { id: string; name: string; email: string },
    optional: boolean,
    stamp: Date,
  ): string {
    return inviteCalendar({
      method,
      uid: inviteUid(roundId, user.id, this.domain),
      sequence: change.sequence,
      startsAt: change.startsAt,
      endsAt: change.endsAt,
      summary: change.summary,
      url: this.kitUrl(roundId),
      organizer: this.organizer,
      attendee: { name: user.name, email: user.email, optional },
      stamp,
    });
  }
}

/** Who should have the round in their calendar: its interviewer and shadows, when it has a time and its loop goes on. */
function seatsOf(round: RoundContextRow): Seat[] {
  if (!round.starts_at || !round.ends_at || round.loop_status === 'cancelled') return [];
  const seats: Seat[] = round.interviewer_id ? [{ userId: round.interviewer_id, shadow: false }] : [];
  return [...seats, ...round.shadows.map((shadow) => ({ userId: shadow.userId, shadow: true }))];
}

const summaryOf = (round: RoundContextRow): string => roundSummary(round.title, round.candidate_name);
