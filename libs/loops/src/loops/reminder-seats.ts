import type { EntityManager } from 'typeorm';
import { isClosedSql } from './loop-status.js';

/** A round's interviewer seat whose reminder ladder may have a step due, with what a reminder says and who else gets it. */
export interface ReminderSeat {
  organizationId: string;
  roundId: string;
  loopId: string;
  title: string;
  endsAt: Date;
  /** When the round got its current times (its due times count from the later of this and its end); null before that was kept. */
  scheduledAt: Date | null;
  interviewerId: string;
  candidateName: string;
  positionTitle: string;
  hiringManagerId: string;
  /** Who started the loop (a recruiter, usually); null once that user is gone. */
  loopCreatedById: string | null;
}

/** The ladder's state of one seat after a scan worked it out (`nextAt` null: the ladder is over). */
export interface ReminderProgress {
  organizationId: string;
  roundId: string;
  userId: string;
  endsAt: Date;
  nextAt: Date | null;
}

/** The seats a reminder concerns, with what its mail says; the callers close the last condition (`… OR <theirs>)`). */
const SEATS_SQL = `
  SELECT r.organization_id, r.id AS round_id, r.loop_id, r.title, r.ends_at, r.scheduled_at, r.interviewer_id, c.name AS candidate_name,
         p.title AS position_title, p.hiring_manager_id, l.created_by_id
    FROM loop_rounds r
    JOIN loops l ON l.id = r.loop_id AND NOT ${isClosedSql('l.status')}
    JOIN candidates c ON c.id = l.candidate_id
    JOIN positions p ON p.id = l.position_id
   WHERE r.interviewer_id IS NOT NULL AND r.scorecard_status IN ('not_started', 'draft') AND r.ends_at <= $1
     AND r.interviewer_not_attended_at IS NULL
     AND (r.reminder_user_id IS DISTINCT FROM r.interviewer_id OR r.reminder_ends_at IS DISTINCT FROM r.ends_at`;

/**
 * Interviewer seats of ended rounds whose scorecard is not submitted (not started or draft) and whose interviewer did
 * not say they did not attend, in loops neither decided
 * nor cancelled, whose ladder was never worked out for this interviewer and end, or whose next step has come. Locked
 * with SKIP LOCKED in the caller's transaction, so concurrent scans take different seats.
 */
const DUE_SEATS_SQL = `${SEATS_SQL} OR r.next_reminder_at <= $1)
   ORDER BY r.ends_at, r.id
   LIMIT $2
   FOR UPDATE OF r SKIP LOCKED`;

const RECORD_PROGRESS_SQL = `
  UPDATE loop_rounds r SET reminder_user_id = p.user_id, reminder_ends_at = p.ends_at, next_reminder_at = p.next_at
    FROM jsonb_to_recordset($1::jsonb) AS p(organization_id uuid, round_id uuid, user_id uuid, ends_at timestamptz, next_at timestamptz)
   WHERE r.organization_id = p.organization_id AND r.id = p.round_id`;

interface DueSeatRow {
  organization_id: string;
  round_id: string;
  loop_id: string;
  title: string;
  ends_at: Date;
  scheduled_at: Date | null;
  interviewer_id: string;
  candidate_name: string;
  position_title: string;
  hiring_manager_id: string;
  created_by_id: string | null;
}

export async function seatsDueForReminder(manager: EntityManager, now: Date, limit: number): Promise<ReminderSeat[]> {
  const rows = await manager.query<DueSeatRow[]>(DUE_SEATS_SQL, [now, limit]);
  return rows.map(toSeat);
}

function toSeat(row: DueSeatRow): ReminderSeat {
  return {
    organizationId: row.organization_id,
    roundId: row.round_id,
    loopId: row.loop_id,
    title: row.title,
    endsAt: row.ends_at,
    scheduledAt: row.scheduled_at,
    interviewerId: row.interviewer_id,
    candidateName: row.candidate_name,
    positionTitle: row.position_title,
    hiringManagerId: row.hiring_manager_id,
    loopCreatedById: row.created_by_id,
  };
}

export async function recordReminderProgress(manager: EntityManager, progress: readonly ReminderProgress[]): Promise<void> {
  if (progress.length === 0) return;
  const rows = progress.map((item) => ({
    organization_id: item.organizationId,
    round_id: item.roundId,
    user_id: item.userId,
    ends_at: item.endsAt,
    next_at: item.nextAt,
  }));
  await manager.query(RECORD_PROGRESS_SQL, [JSON.stringify(rows)]);
}

/**
 * Every interviewer seat of an ended round whose scorecard is not submitted, in loops neither decided nor cancelled,
 * whose ladder is not over (never worked out for this interviewer and end, or a next step to come): what the daily
 * digests list. No lock: a digest is a read. One statement.
 */
const OPEN_SEATS_SQL = `${SEATS_SQL} OR r.next_reminder_at IS NOT NULL)
   ORDER BY r.ends_at, r.id`;

export async function openReminderSeats(manager: EntityManager, endedBy: Date): Promise<ReminderSeat[]> {
  const rows = await manager.query<DueSeatRow[]>(OPEN_SEATS_SQL, [endedBy]);
  return rows.map(toSeat);
}
