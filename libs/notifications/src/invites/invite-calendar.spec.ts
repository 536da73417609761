import ICAL from 'ical.js';
import { inviteCalendar, parseMailbox, type InviteEvent } from './invite-calendar.js';
import { clockIn, dayAndClockIn } from './zone-text.js';

const INVITE: InviteEvent = {
  method: 'REQUEST',
  uid: 'round-r-u@acme.example',
  sequence: 3,
  startsAt: new Date('2026-10-25T00:30:00.000Z'),
  endsAt: new Date('2026-10-25T01:30:00.000Z'),
  summary: 'Interview: Coding with Hedy Lamarr',
  url: 'https://hire.example.test/app/rounds/r',
  organizer: { name: 'Loopwright', email: 'hiring@acme.example' },
  attendee: { name: 'Ada Lovelace', email: 'ada@acme.example', optional: false },
  stamp: new Date('2026-10-01T12:00:00.000Z'),
};

describe('inviteCalendar', () => {
  it('writes a request with UTC times, the sequence, the kit link and the one attendee', () => {
    const calendar = new ICAL.Component(ICAL.parse(inviteCalendar(INVITE)));
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect([event.uid, event.sequence, event.summary]).toEqual([INVITE.uid, 3, INVITE.summary]);
    expect(event.startDate.zone?.tzid).toBe('UTC');
    expect(event.startDate.toJSDate()).toEqual(INVITE.startsAt);
    expect(event.description).toContain(INVITE.url);
    expect(event.attendees.map((attendee) => attendee.getParameter('role'))).toEqual(['REQ-PARTICIPANT']);
  });

  it('writes a cancellation as METHOD:CANCEL and STATUS:CANCELLED', () => {
    const text = inviteCalendar({ ...INVITE, method: 'CANCEL', sequence: 4 });
    expect(text).toMatch(/^METHOD:CANCEL\r$/m);
    expect(text).toMatch(/^STATUS:CANCELLED\r$/m);
    expect(text).toMatch(/^SEQUENCE:4\r$/m);
  });
});

describe('parseMailbox', () => {
  it('reads a name and address, or an address alone', () => {
    expect(parseMailbox('"Acme Hiring" <hiring@acme.example>')).toEqual({ name: 'Acme Hiring', email: 'hiring@acme.example' });
    expect(parseMailbox('hiring@acme.example')).toEqual({ name: 'Loopwright', email: 'hiring@acme.example' });
  });
});

describe('zone text', () => {
  it('names the reader’s local time and zone on both sides of a daylight-saving change', () => {
    // Berlin leaves summer time at 01:00 UTC on 25 October 2026.
    expect(dayAndClockIn(new Date('2026-10-25T00:30:00.000Z'), 'Europe/Berlin')).toBe('Sunday 25 October 2026, 02:30 CEST');
    expect(clockIn(new Date('2026-10-25T01:30:00.000Z'), 'Europe/Berlin')).toBe('02:30 CET');
    expect(dayAndClockIn(new Date('2026-10-25T00:30:00.000Z'), 'America/New_York')).toBe('Saturday 24 October 2026, 20:30 EDT');
  });
});
