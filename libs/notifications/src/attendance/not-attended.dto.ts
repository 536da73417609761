/** `POST /api/rounds/:id/not-attended`: the seat as recorded (the same answer when it is said again). */
export class NotAttendedDto {
  roundId: string;
  loopId: string;
  /** The caller: the round's interviewer, or a shadow for their own seat. */
  userId: string;
  /** true for a shadow's seat. */
  shadow: boolean;
  /** When they first said so. */
  notAttendedAt: Date;
}
