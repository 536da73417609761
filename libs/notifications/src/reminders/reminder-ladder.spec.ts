import { digestAudience, digestDate, dueReminder, reminderLadder, type LadderSeat } from './reminder-ladder.js';
import { zonedInstant } from './zoned-time.js';

const at = (iso: string): Date => new Date(iso);

/** Berlin interviewer; the round ends Thursday 26 March 2026 16:00 CET; the write-up is due 24 h later. Europe moves to summer time on Sunday 29 March. */
const berlin: LadderSeat = { roundEndsAt: at('2026-03-26T15:00:00Z'), writeupDueAt: at('2026-03-27T15:00:00Z'), timeZone: 'Europe/Berlin' };

describe('the reminder ladder', () => {
  it.each([
    ['2026-03-26T14:59:00Z', 'before the round ended', null, '2026-03-26T16:00:00.000Z'],
    ['2026-03-26T15:30:00Z', 'the round ended, not an hour ago', null, '2026-03-26T16:00:00.000Z'],
    ['2026-03-26T16:00:00Z', 'an hour after the end', 'after-round', '2026-03-27T11:00:00.000Z'],
    ['2026-03-27T11:00:00Z', '4 h before the write-up is due', 'before-due', '2026-03-27T15:00:00.000Z'],
    ['2026-03-27T15:00:00Z', 'at the due time', 'at-due', '2026-03-28T15:00:00.000Z'],
    ['2026-03-28T15:00:00Z', 'a day late (Saturday)', 'escalate', '2026-03-30T07:00:00.000Z'],
    ['2026-03-29T20:00:00Z', 'Sunday: no daily reminder on a weekend', 'escalate', '2026-03-30T07:00:00.000Z'],
    ['2026-03-30T07:00:00Z', 'Monday 09:00 CEST (after the change: 07:00 UTC)', 'daily-1', '2026-03-31T07:00:00.000Z'],
    ['2026-04-03T08:00:00Z', 'Friday, daily-5; the next one is Monday', 'daily-5', '2026-04-06T07:00:00.000Z'],
    ['2026-04-10T07:00:00Z', 'the tenth business day: the last one', 'daily-10', null],
    ['2026-04-10T20:00:00Z', 'later that day: still the last one', 'daily-10', null],
    ['2026-05-01T00:00:00Z', 'weeks after: nothing (a round recorded that late is not reminded of)', null, null],
  ])('at %s (%s): %s is due, the next at %s', (now, _what, step, next) => {
    const due = dueReminder(berlin, at(now));
    expect(due.step?.name ?? null).toBe(step);
    expect(due.nextAt?.toISOString() ?? null).toBe(next);
  });

  it('sends only the latest step of those missed (a round recorded after the fact), never a burst', () => {
    expect(dueReminder(berlin, at('2026-04-01T12:00:00Z')).step?.name).toBe('daily-3');
  });

  it('says who each step is for: the recruiters from the due time, the hiring manager at the escalation', () => {
    const audiences = Object.fromEntries(reminderLadder(berlin).map((step) => [step.name, step.audience.join('+')]));
    expect(audiences).toMatchObject({
      'after-round': 'interviewer',
      'before-due': 'interviewer',
      'at-due': 'interviewer+recruiters',
      escalate: 'interviewer+recruiters+hiring-manager',
      'daily-1': 'interviewer+recruiters+hiring-manager',
      'daily-10': 'interviewer+recruiters+hiring-manager',
    });
  });

  it('counts business days at 09:00 in the interviewer’s zone, across a weekend and the change to summer time', () => {
    const seat: LadderSeat = { roundEndsAt: at('2026-03-16T15:00:00Z'), writeupDueAt: at('2026-03-17T15:00:00Z'), timeZone: 'Europe/Berlin' };
    const dailies = reminderLadder(seat).filter((step) => step.name.startsWith('daily-'));
    expect(dailies.map((step) => `${step.name} ${step.at.toISOString()}`)).toEqual([
      'daily-1 2026-03-19T08:00:00.000Z',
      'daily-2 2026-03-20T08:00:00.000Z',
      'daily-3 2026-03-23T08:00:00.000Z',
      'daily-4 2026-03-24T08:00:00.000Z',
      'daily-5 2026-03-25T08:00:00.000Z',
      'daily-6 2026-03-26T08:00:00.000Z',
      'daily-7 2026-03-27T08:00:00.000Z',
      'daily-8 2026-03-30T07:00:00.000Z',
      'daily-9 2026-03-31T07:00:00.000Z',
      'daily-10 2026-04-01T07:00:00.000Z',
    ]);
  });

  it('uses the interviewer’s own calendar: Friday evening in Los Angeles is already Saturday in UTC', () => {
    // Due Thursday 17:00 PDT; escalation Friday 17:00 PDT (Saturday 00:00 UTC); the first daily is Monday 09:00 PDT.
    const seat: LadderSeat = { roundEndsAt: at('2026-06-03T23:00:00Z'), writeupDueAt: at('2026-06-05T00:00:00Z'), timeZone: 'America/Los_Angeles' };
    expect(dueReminder(seat, at('2026-06-06T00:00:00Z'))).toEqual({
      step: expect.objectContaining({ name: 'escalate' }) as unknown,
      nextAt: at('2026-06-08T16:00:00Z'),
    });
  });

  it('never reminds before the round ended: a write-up due within 4 h of the end has no before-due step', () => {
    const seat: LadderSeat = { roundEndsAt: at('2026-03-26T15:00:00Z'), writeupDueAt: at('2026-03-26T17:00:00Z'), timeZone: 'UTC' };
    const names = reminderLadder(seat).map((step) => step.name);
    expect(names.slice(0, 3)).toEqual(['after-round', 'at-due', 'escalate']);
    expect(reminderLadder(seat).every((step) => step.at.getTime() >= seat.roundEndsAt.getTime())).toBe(true);
  });
});

describe('the daily digest', () => {
  it.each([
    ['2026-03-27T14:59:00Z', 'before the write-up is due: the interviewer only', ''],
    ['2026-03-27T15:00:00Z', 'due: the recruiters', 'recruiters'],
    ['2026-03-28T14:59:00Z', 'not yet a day late', 'recruiters'],
    ['2026-03-28T15:00:00Z', 'a day late: the hiring manager too', 'recruiters+hiring-manager'],
    ['2026-04-08T09:00:00Z', 'the dailies: both still', 'recruiters+hiring-manager'],
    ['2026-05-01T00:00:00Z', 'the ladder is over: nobody', ''],
  ])('lists a seat at %s (%s) for: %s', (now, _what, audience) => {
    expect(digestAudience(berlin, at(now)).join('+')).toBe(audience);
  });

  it.each([
    ['2026-03-30T06:59:00Z', 'Europe/Berlin', 'Monday 08:59 CEST: not yet', null],
    ['2026-03-30T07:00:00Z', 'Europe/Berlin', 'Monday 09:00 CEST', '2026-03-30'],
    ['2026-03-30T21:59:00Z', 'Europe/Berlin', 'Monday 23:59 CEST: still Monday’s', '2026-03-30'],
    ['2026-03-30T22:00:00Z', 'Europe/Berlin', 'Tuesday 00:00 CEST: before the hour', null],
    ['2026-03-28T10:00:00Z', 'Europe/Berlin', 'Saturday: none', null],
    ['2026-03-27T23:30:00Z', 'America/New_York', 'Friday 19:30 EDT (Saturday in UTC): Friday’s', '2026-03-27'],
    ['2026-03-29T23:30:00Z', 'Asia/Tokyo', 'Monday 08:30 JST (Sunday in UTC): not yet', null],
    ['2026-03-30T00:00:00Z', 'Asia/Tokyo', 'Monday 09:00 JST (Monday 00:00 UTC)', '2026-03-30'],
    ['2026-03-30T03:30:00Z', 'Asia/Kolkata', 'Monday 09:00 IST, a half-hour zone', '2026-03-30'],
  ])('at %s in %s (%s): the digest of %s', (now, zone, _what, date) => {
    expect(digestDate(at(now), zone)).toBe(date);
  });
});

describe('zonedInstant', () => {
  it('finds the instant of a local time, on both sides of a change and in the gap and the overlap', () => {
    const local = (iso: string) => {
      const [date, time] = iso.split('T') as [string, string];
      const [year, month, day] = date.split('-').map(Number) as [number, number, number];
      const [hour, minute] = time.split(':').map(Number) as [number, number];
      return { year, month, day, hour, minute };
    };
    expect(zonedInstant(local('2026-03-28T09:00'), 'Europe/Berlin').toISOString()).toBe('2026-03-28T08:00:00.000Z');
    expect(zonedInstant(local('2026-03-29T09:00'), 'Europe/Berlin').toISOString()).toBe('2026-03-29T07:00:00.000Z');
    // 02:30 does not exist that night: the clock reads 03:30 CEST then.
    expect(zonedInstant(local('2026-03-29T02:30'), 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 happens twice on 25 October: the first (CEST) is taken.
    expect(zonedInstant(local('2026-10-25T02:30'), 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(zonedInstant(local('2026-06-08T09:00'), 'America/Los_Angeles').toISOString()).toBe('2026-06-08T16:00:00.000Z');
  });
});
