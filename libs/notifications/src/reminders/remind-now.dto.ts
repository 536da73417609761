import { IsUUID, ValidateIf } from 'class-validator';

/** `POST /api/rounds/:id/remind`: whose scorecard to remind of; the round's interviewer unless a shadow is named. */
export class RemindNowInputDto {
  /** The round's interviewer or one of its shadows; leave it out for the interviewer. */
  @ValidateIf((_object, value) => value !== undefined)
  @IsUUID()
  interviewerId?: string;
}

/** The reminder just enqueued, and when the seat may be reminded again. */
export class RemindNowDto {
  roundId: string;
  /** Who was reminded. */
  userId: string;
  /** true for a shadow's scorecard. */
  shadow: boolean;
  remindedAt: Date;
  /** The next **Remind now** of this seat is refused (429 REMINDED_RECENTLY) before this time. */
  nextAllowedAt: Date;
}
