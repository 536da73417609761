import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

/** One round in a person's feed: no attendees (RFC 5546 PUBLISH), the invite's UID and SEQUENCE. */
export interface FeedEvent {
  uid: string;
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  /** The interview kit in the web app. */
  url: string;
}

/** The feed's VCALENDAR text: METHOD:PUBLISH, times in UTC. */
export function feedCalendar(events: readonly FeedEvent[], stamp: Date): string {
  const calendar = ical({
    prodId: { company: 'Loopwright', product: 'Loopwright', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    name: 'Loopwright interviews',
    ttl: 60 * 60,
  });
  for (const event of events) {
    calendar.createEvent({
      id: event.uid,
      sequence: event.sequence,
      start: event.startsAt,
      end: event.endsAt,
      stamp,
      summary: event.summary,
      description: `Interview kit: ${event.url}`,
      url: event.url,
      status: ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
