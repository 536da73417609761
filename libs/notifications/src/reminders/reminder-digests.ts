import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, Clock } from '@loopwright/core';
import type { MailProfile } from '@loopwright/identity';
import { LoopsService, type ReminderSeat } from '@loopwright/loops';
import type { DataSource, EntityManager } from 'typeorm';
import { dayAndClockIn } from '../invites/zone-text.js';
import { MailOutbox, type OutgoingMail } from '../mail/mail-outbox.js';
import { MailTemplates } from '../mail/mail-templates.js';
import { NotificationPreferences } from '../preferences/notification-preferences.js';
import { SlackChannel } from '../slack/slack-channel.js';
import { slackDigest } from '../slack/slack-digest.js';
import { digestAudience, digestDate, type ReminderAudience } from './reminder-ladder.js';
import { loopRecruiters } from './loop-recruiters.js';
import { SeatPeopleLookup } from './seat-people.js';

const HOUR = 3_600_000;

/** An overdue scorecard as the digests list it. */
export interface OverdueLine {
  seat: ReminderSeat;
  writeupDueAt: Date;
  audience: ReminderAudience[];
}

/** What the pass enqueued: digest mails and channel messages (new ones; a repeated pass enqueues none). */
export interface DigestPass {
  mail: number;
  slack: number;
}

/**
 * The once-a-day digests of overdue scorecards: each recruiter (of the loops they started, or every recruiter of the
 * organization for loops no recruiter started) and, for scorecards a day or more late, each hiring manager gets ONE
 * mail a day at 09:00 on business days in their own time zone, listing every such scorecard across their loops; an
 * organization with a Slack webhook gets one channel message a day at 09:00 in its time zone. The idempotency key is
 * the reader and the local date, so any number of passes, workers or restarts send each digest once. A reader who
 * turned the digest off (their notification preferences) gets none.
 */
@Injectable()
export class ReminderDigests {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly loops: LoopsService,
    private readonly seatPeople: SeatPeopleLookup,
    private readonly outbox: MailOutbox,
    private readonly templates: MailTemplates,
    private readonly preferences: NotificationPreferences,
    private readonly slack: SlackChannel,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** One pass: a fixed number of statements whatever the number of scorecards (8 at most). */
  run(): Promise<DigestPass> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const seats = await this.loops.openReminderSeats(manager, now);
      if (seats.length === 0) return { mail: 0, slack: 0 };
      const { profiles, people, zones, ladderOf } = await this.seatPeople.of(
        manager,
        seats,
        seats.flatMap((seat) => [seat.interviewerId, seat.hiringManagerId, ...(seat.loopCreatedById ? [seat.loopCreatedById] : [])]),
        true,
      );
      const lines = seats.flatMap((seat): OverdueLine[] => {
        const ladder = ladderOf(seat);
        const audience = digestAudience(ladder, now);
        return audience.length > 0 ? [{ seat, writeupDueAt: ladder.writeupDueAt, audience }] : [];
      });
      const mail = await this.mailDigests(manager, now, lines, profiles, people);
      const slack = await this.channelDigests(manager, now, lines, zones, people);
      return { mail, slack };
    });
  }

  private async mailDigests(
    manager: EntityManager,
    now: Date,
    lines: readonly OverdueLine[],
    profiles: readonly MailProfile[],
    people: ReadonlyMap<string, MailProfile>,
  ): Promise<number> {
    const byReader = new Map<string, OverdueLine[]>();
    const add = (readerId: string, line: OverdueLine) => {
      if (readerId === line.seat.interviewerId) return;
      const list = byReader.get(readerId) ?? [];
      if (!list.includes(line)) list.push(line);
      byReader.set(readerId, list);
    };
    for (const line of lines) {
      if (line.audience.includes('recruiters')) for (const recruiter of loopRecruiters(line.seat, profiles, people)) add(recruiter.id, line);
      if (line.audience.includes('hiring-manager')) add(line.seat.hiringManagerId, line);
    }
    const due = [...byReader].flatMap(([readerId, items]) => {
      const reader = people.get(readerId);
      const date = reader?.active ? digestDate(now, reader.timezone) : null;
      return reader && date ? [{ reader, items, key: `reminder-digest:${reader.id}:${date}` }] : [];
    });
    if (due.length === 0) return 0;
    const sent = await this.outbox.existingKeys(
      manager,
      due.map((digest) => digest.key),
    );
    const pending = due.filter((digest) => !sent.has(digest.key));
    const optedOut = await this.preferences.optedOut(
      manager,
      'reminder-digest',
      pending.map((digest) => digest.reader.id),
    );
    const messages = pending.filter((digest) => !optedOut.has(digest.reader.id)).map(({ reader, items, key }) => this.digestMail(reader, items, key, now, people));
    return (await this.outbox.enqueue(manager, messages)).length;
  }

  private digestMail(reader: MailProfile, items: readonly OverdueLine[], key: string, now: Date, people: ReadonlyMap<string, MailProfile>): OutgoingMail {
    const sorted = [...items].sort((a, b) => a.writeupDueAt.getTime() - b.writeupDueAt.getTime() || a.seat.roundId.localeCompare(b.seat.roundId));
    return this.templates.mailTo(
      reader.organizationId,
      reader,
      'reminder-digest',
      {
        count: sorted.length,
        lines: sorted.map(({ seat, writeupDueAt }) => ({
          interviewerName: people.get(seat.interviewerId)?.name ?? 'The interviewer',
          roundTitle: seat.title,
          candidateName: seat.candidateName,
          positionTitle: seat.positionTitle,
          dueAt: dayAndClockIn(writeupDueAt, reader.timezone),
          escalated: now.getTime() >= writeupDueAt.getTime() + 24 * HOUR,
          roundUrl: this.url(`/app/rounds/${seat.roundId}`),
          debriefUrl: this.url(`/app/loops/${seat.loopId}/debrief`),
        })),
        preferencesUrl: this.url('/app/settings/notifications'),
      },
      key,
    );
  }

  /** One message a day to each organization's Slack channel (if it set a webhook), in the organization's time zone. */
  private async channelDigests(
    manager: EntityManager,
    now: Date,
    lines: readonly OverdueLine[],
    zones: ReadonlyMap<string, string>,
    people: ReadonlyMap<string, MailProfile>,
  ): Promise<number> {
    const byOrganization = new Map<string, OverdueLine[]>();
    for (const line of lines) byOrganization.set(line.seat.organizationId, [...(byOrganization.get(line.seat.organizationId) ?? []), line]);
    const configured = await this.slack.configuredAmong(manager, [...byOrganization.keys()]);
    const messages = [...configured].flatMap((organizationId) => {
      const timeZone = zones.get(organizationId) ?? 'UTC';
      const date = digestDate(now, timeZone);
      if (!date) return [];
      const items = [...byOrganization.get(organizationId)!].sort((a, b) => a.writeupDueAt.getTime() - b.writeupDueAt.getTime());
      const payload = slackDigest(
        items.map(({ seat, writeupDueAt }) => ({
          interviewerName: people.get(seat.interviewerId)?.name ?? 'An interviewer',
          roundTitle: seat.title,
          positionTitle: seat.positionTitle,
          dueAt: dayAndClockIn(writeupDueAt, timeZone),
          escalated: now.getTime() >= writeupDueAt.getTime() + 24 * HOUR,
          debriefUrl: this.url(`/app/loops/${seat.loopId}/debrief`),
        })),
      );
      return [{ organizationId, idempotencyKey: `slack-digest:${organizationId}:${date}`, payload }];
    });
    return this.slack.enqueue(manager, messages);
  }

  private url(path: string): string {
    return `${this.config.publicUrl}${path}`;
  }
}
