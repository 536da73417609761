export class CalendarTokenDto {
  /** The new feed URL (`https://…/calendar/<token>.ics`; `webcal://` in front subscribes). Shown once: only its hash is stored. */
  url: string;
}
