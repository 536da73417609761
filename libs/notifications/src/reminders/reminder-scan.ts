import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, Clock } from '@loopwright/core';
import { OrganizationsService, UsersService, type MailProfile } from '@loopwright/identity';
import { LoopsService, type ReminderProgress, type ReminderSeat } from '@loopwright/loops';
import { dueTimes } from '@loopwright/scorecards';
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { dayAndClockIn } from '../invites/zone-text.js';
import { MailOutbox, type OutgoingMail } from '../mail/mail-outbox.js';
import { MailTemplates } from '../mail/mail-templates.js';
import { loopRecruiters } from './loop-recruiters.js';
import { dueReminder, type LadderStep } from './reminder-ladder.js';
import { wantsReminderMail } from './reminder-preferences.js';

/** Seats per batch: each batch is the same few statements whatever its size. */
export const REMINDER_BATCH = 200;

/** The columns' defaults, for an organization that vanished mid-scan. */
const DEFAULT_DUE_HOURS = { rating: 1, writeup: 24 };

const OVERDUE_STEPS = (step: string): boolean => step === 'escalate' || step.startsWith('daily-');

/** A step due now for one seat, with what the mails need. */
interface DueStep {
  seat: ReminderSeat;
  step: LadderStep;
  writeupDueAt: Date;
}

/**
 * The worker's reminder scan: takes the seats whose next step has come (through the loops feature, locked so
 * concurrent scans take different seats), sends each the latest step due (to its interviewer, and a digest line to the
 * loop's recruiters and, on escalation, its hiring manager), and records where each ladder stands, all in one
 * transaction per batch. A mail's idempotency key names the seat and the step, so a step is mailed once even when a
 * scan is repeated (a worker killed after the commit, before it knew).
 */
@Injectable()
export class ReminderScan {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly loops: LoopsService,
    private readonly users: UsersService,
    private readonly organizations: OrganizationsService,
    private readonly outbox: MailOutbox,
    private readonly templates: MailTemplates,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Works through every seat due now, batch by batch; resolves with the number of seats looked at. */
  async scan(): Promise<number> {
    let total = 0;
    for (;;) {
      const taken = await this.dataSource.transaction((manager) => this.batch(manager));
      total += taken;
      if (taken < REMINDER_BATCH) return total;
    }
  }

  /** Five statements: the due seats, the organizations' due hours, the people, the outbox insert, the progress. */
  private async batch(manager: EntityManager): Promise<number> {
    const now = this.clock.now();
    const seats = await this.loops.seatsDueForReminder(manager, now, REMINDER_BATCH);
    if (seats.length === 0) return 0;
    const organizationIds = [...new Set(seats.map((seat) => seat.organizationId))];
    const hours = await this.organizations.dueHoursByIds(manager, organizationIds);
    const profiles = await this.users.mailProfiles(
      manager,
      seats.flatMap((seat) => [seat.interviewerId, seat.hiringManagerId, ...(seat.loopCreatedById ? [seat.loopCreatedById] : [])]),
      organizationIds,
    );
    const people = new Map(profiles.map((profile) => [profile.id, profile]));

    const progress: ReminderProgress[] = [];
    const due: DueStep[] = [];
    for (const seat of seats) {
      const writeupDueAt = dueTimes(seat.endsAt, hours.get(seat.organizationId) ?? DEFAULT_DUE_HOURS).writeupDueAt!;
      const timeZone = people.get(seat.interviewerId)?.timezone ?? 'UTC';
      const { step, nextAt } = dueReminder({ roundEndsAt: seat.endsAt, writeupDueAt, timeZone }, now);
      progress.push({ organizationId: seat.organizationId, roundId: seat.roundId, userId: seat.interviewerId, endsAt: seat.endsAt, nextAt });
      if (step) due.push({ seat, step, writeupDueAt });
    }
    await this.outbox.enqueue(manager, [...this.interviewerMail(due, people), ...this.digests(due, profiles, people)]);
    await this.loops.recordReminderProgress(manager, progress);
    return seats.length;
  }

  private interviewerMail(due: readonly DueStep[], people: ReadonlyMap<string, MailProfile>): OutgoingMail[] {
    return due.flatMap(({ seat, step, writeupDueAt }) => {
      const interviewer = people.get(seat.interviewerId);
      if (!interviewer?.active || !wantsReminderMail('reminder', interviewer.id)) return [];
      return [
        {
          organizationId: seat.organizationId,
          kind: 'reminder',
          recipient: { userId: interviewer.id, address: interviewer.email },
          ...this.templates.render('reminder', {
            candidateName: seat.candidateName,
            roundTitle: seat.title,
            positionTitle: seat.positionTitle,
            dueAt: dayAndClockIn(writeupDueAt, interviewer.timezone),
            overdue: OVERDUE_STEPS(step.name),
            escalated: step.name === 'escalate',
            roundUrl: this.roundUrl(seat.roundId),
          }),
          idempotencyKey: `reminder:${seat.roundId}:${seat.interviewerId}:${step.name}`,
        },
      ];
    });
  }

  /** One digest per recruiter or hiring manager with a line for each of their seats in this batch. */
  private digests(due: readonly DueStep[], profiles: readonly MailProfile[], people: ReadonlyMap<string, MailProfile>): OutgoingMail[] {
    const lines = new Map<string, DueStep[]>();
    const add = (recipientId: string, item: DueStep) => {
      if (recipientId === item.seat.interviewerId) return;
      const list = lines.get(recipientId) ?? [];
      if (!list.includes(item)) list.push(item);
      lines.set(recipientId, list);
    };
    for (const item of due) {
      if (item.step.audience.includes('recruiters')) for (const recruiter of loopRecruiters(item.seat, profiles, people)) add(recruiter.id, item);
      if (item.step.audience.includes('hiring-manager')) add(item.seat.hiringManagerId, item);
    }
    return [...lines].flatMap(([recipientId, items]) => {
      const recipient = people.get(recipientId);
      if (!recipient?.active || !wantsReminderMail('reminder-digest', recipient.id)) return [];
      const reasons = items.map(({ seat, step }) => `${seat.roundId}:${seat.interviewerId}:${step.name}`).sort();
      return [
        {
          organizationId: recipient.organizationId,
          kind: 'reminder-digest',
          recipient: { userId: recipient.id, address: recipient.email },
          ...this.templates.render('reminder-digest', {
            count: items.length,
            lines: items.map(({ seat, step, writeupDueAt }) => ({
              interviewerName: people.get(seat.interviewerId)?.name ?? 'The interviewer',
              roundTitle: seat.title,
              candidateName: seat.candidateName,
              positionTitle: seat.positionTitle,
              dueAt: dayAndClockIn(writeupDueAt, recipient.timezone),
              overdue: OVERDUE_STEPS(step.name),
              roundUrl: this.roundUrl(seat.roundId),
            })),
          }),
          idempotencyKey: `reminder-digest:${recipient.id}:${createHash('sha256').update(reasons.join('\n')).digest('hex').slice(0, 32)}`,
        },
      ];
    });
  }

  private roundUrl(roundId: string): string {
    return `${this.config.publicUrl}/app/rounds/${roundId}`;
  }
}
