import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, Clock } from '@loopwright/core';
import { inBatches } from '@loopwright/database';
import type { MailProfile } from '@loopwright/identity';
import { LoopsService, type ReminderProgress, type ReminderSeat } from '@loopwright/loops';
import type { DataSource, EntityManager } from 'typeorm';
import { dayAndClockIn } from '../invites/zone-text.js';
import { MailOutbox, type OutgoingMail } from '../mail/mail-outbox.js';
import { MailTemplates } from '../mail/mail-templates.js';
import { dueReminder, type LadderStep } from './reminder-ladder.js';
import { wantsReminderMail } from './reminder-preferences.js';
import { SeatPeopleLookup } from './seat-people.js';

/** Seats per batch: each batch is the same few statements whatever its size. */
export const REMINDER_BATCH = 200;

export const OVERDUE_STEPS = (step: string): boolean => step === 'escalate' || step.startsWith('daily-');

/** A step due now for one seat, with what the mails need. */
interface DueStep {
  seat: ReminderSeat;
  step: LadderStep;
  writeupDueAt: Date;
}

/**
 * The worker's reminder scan: takes the seats whose next step has come (through the loops feature, locked so
 * concurrent scans take different seats), mails each interviewer the latest step due (the recruiters and the hiring
 * manager hear of it in their once-a-day digest, `ReminderDigests`), and records where each ladder stands, all in one
 * transaction per batch. A mail's idempotency key names the seat and the step, so a step is mailed once even when a
 * scan is repeated (a worker killed after the commit, before it knew).
 */
@Injectable()
export class ReminderScan {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly loops: LoopsService,
    private readonly seatPeople: SeatPeopleLookup,
    private readonly outbox: MailOutbox,
    private readonly templates: MailTemplates,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Works through every seat due now, batch by batch; resolves with the number of seats looked at. */
  scan(): Promise<number> {
    return inBatches(REMINDER_BATCH, () => this.dataSource.transaction((manager) => this.batch(manager)));
  }

  /** Five statements: the due seats, the organizations' due hours, the interviewers, the outbox insert, the progress. */
  private async batch(manager: EntityManager): Promise<number> {
    const now = this.clock.now();
    const seats = await this.loops.seatsDueForReminder(manager, now, REMINDER_BATCH);
    if (seats.length === 0) return 0;
    const { people, ladderOf } = await this.seatPeople.of(
      manager,
      seats,
      seats.map((seat) => seat.interviewerId),
      false,
    );

    const progress: ReminderProgress[] = [];
    const due: DueStep[] = [];
    for (const seat of seats) {
      const ladder = ladderOf(seat);
      const { step, nextAt } = dueReminder(ladder, now);
      progress.push({ organizationId: seat.organizationId, roundId: seat.roundId, userId: seat.interviewerId, endsAt: seat.endsAt, nextAt });
      if (step) due.push({ seat, step, writeupDueAt: ladder.writeupDueAt });
    }
    await this.outbox.enqueue(manager, this.interviewerMail(due, people));
    await this.loops.recordReminderProgress(manager, progress);
    return seats.length;
  }

  private interviewerMail(due: readonly DueStep[], people: ReadonlyMap<string, MailProfile>): OutgoingMail[] {
    return due.flatMap(({ seat, step, writeupDueAt }) => {
      const interviewer = people.get(seat.interviewerId);
      if (!interviewer?.active || !wantsReminderMail('reminder')) return [];
      return [
        this.templates.mailTo(
          seat.organizationId,
          interviewer,
          'reminder',
          {
            candidateName: seat.candidateName,
            roundTitle: seat.title,
            positionTitle: seat.positionTitle,
            dueAt: dayAndClockIn(writeupDueAt, interviewer.timezone),
            overdue: OVERDUE_STEPS(step.name),
            escalated: step.name === 'escalate',
            roundUrl: this.roundUrl(seat.roundId),
          },
          `reminder:${seat.roundId}:${seat.interviewerId}:${step.name}`,
        ),
      ];
    });
  }

  private roundUrl(roundId: string): string {
    return `${this.config.publicUrl}/app/rounds/${roundId}`;
  }
}
