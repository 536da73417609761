import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { FeedEvent } from '../feed/feed-calendar.js';

/** One person's invite to one round, as RFC 5545/5546 want it: UTC times, that person the only attendee. */
export interface InviteEvent extends FeedEvent {
  method: 'REQUEST' | 'CANCEL';
  organizer: { name: string; email: string };
  attendee: { name: string; email: string; optional: boolean };
  /** DTSTAMP: when this version of the invite was made. */
  stamp: Date;
}

/** An event's title: the round and the candidate's name (never their email or phone). */
export const roundSummary = (title: string, candidateName: string): string => `Interview: ${title} with ${candidateName}`;

/** The round's interview kit in the web app. */
export const kitLink = (publicUrl: string, roundId: string): string => `${publicUrl}/app/rounds/${roundId}`;

export const inviteUid = (roundId: string, userId: string, domain: string): string => `round-${roundId}-${userId}@${domain}`;

/** The VCALENDAR text. A cancellation carries the same UID, a higher SEQUENCE and STATUS:CANCELLED. */
export function inviteCalendar(invite: InviteEvent): string {
  const calendar = ical({
    prodId: { company: 'Loopwright', product: 'Loopwright', language: 'EN' },
    method: invite.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    id: invite.uid,
    sequence: invite.sequence,
    start: invite.startsAt,
    end: invite.endsAt,
    stamp: invite.stamp,
    summary: invite.summary,
    description: `Interview kit: ${invite.url}`,
    url: invite.url,
    organizer: invite.organizer,
    status: invite.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    attendees: [
      {
        name: invite.attendee.name,
        email: invite.attendee.email,
        role: invite.attendee.optional ? ICalAttendeeRole.OPT : ICalAttendeeRole.REQ,
        status: ICalAttendeeStatus.NEEDSACTION,
        rsvp: invite.method === 'REQUEST',
      },
    ],
  });
  return calendar.toString();
}

/** `Loopwright <hiring@acme.example>` → its name and address (the address alone: the name `Loopwright`). */
export function parseMailbox(from: string): { name: string; email: string } {
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(from);
  if (match) return { name: match[1]!.replace(/^"|"$/g, '') || 'Loopwright', email: match[2]! };
  return { name: 'Loopwright', email: from.trim() };
}
