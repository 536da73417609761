import { dayIn, keptByZone, zonedDate, zonedTime } from './zoned-time.js';

describe('zonedTime: times in the viewer’s zone, with the zone named', () => {
  const moment = new Date('2026-12-01T23:30:00.000Z');

  it('writes the time in the zone and names it', () => {
    expect(zonedTime(moment, 'UTC')).toEqual({ iso: '2026-12-01T23:30:00.000Z', text: 'Tue 1 Dec 2026, 23:30 UTC' });
    expect(zonedTime(moment, 'Europe/Berlin').text).toBe('Wed 2 Dec 2026, 00:30 CET');
    expect(zonedTime(moment, 'America/New_York').text).toMatch(/^Tue 1 Dec 2026, 18:30 (EST|GMT-5)$/);
  });

  it('takes the calendar day in the zone', () => {
    expect(dayIn(moment, 'UTC')).toBe('2026-12-01');
    expect(dayIn(moment, 'Asia/Tokyo')).toBe('2026-12-02');
  });

  it('writes a day as words, the day it is in the zone', () => {
    expect(zonedDate(moment, 'UTC')).toEqual({ iso: '2026-12-01T23:30:00.000Z', text: '1 Dec 2026' });
    expect(zonedDate(moment, 'Europe/Berlin').text).toBe('2 Dec 2026');
  });
});

describe('keptByZone: a moment formatted once per zone', () => {
  const calls: string[] = [];
  const format = (date: Date, timeZone: string): string => {
    calls.push(`${timeZone} ${date.toISOString()}`);
    return `${date.toISOString()} in ${timeZone}`;
  };

  beforeEach(() => (calls.length = 0));

  it('formats a moment and zone once, and every other moment or zone apart', () => {
    const kept = keptByZone(format);
    const moment = new Date('2026-12-01T09:00:00.000Z');
    expect(kept(moment, 'UTC')).toBe('2026-12-01T09:00:00.000Z in UTC');
    expect(kept(new Date(moment), 'UTC')).toBe('2026-12-01T09:00:00.000Z in UTC');
    expect(kept(moment, 'Europe/Berlin')).toBe('2026-12-01T09:00:00.000Z in Europe/Berlin');
    expect(kept(new Date('2026-12-01T10:00:00.000Z'), 'UTC')).toBe('2026-12-01T10:00:00.000Z in UTC');
    expect(calls).toEqual(['UTC 2026-12-01T09:00:00.000Z', 'Europe/Berlin 2026-12-01T09:00:00.000Z', 'UTC 2026-12-01T10:00:00.000Z']);
  });

  it('keeps at most `limit` texts, then starts afresh', () => {
    const kept = keptByZone(format, 2);
    const [first, second, third] = ['2026-12-01T09:00:00.000Z', '2026-12-01T10:00:00.000Z', '2026-12-01T11:00:00.000Z'].map((iso) => new Date(iso));
    kept(first!, 'UTC');
    kept(second!, 'UTC');
    kept(third!, 'UTC');
    kept(first!, 'UTC');
    kept(third!, 'UTC');
    expect(calls).toEqual(['UTC 2026-12-01T09:00:00.000Z', 'UTC 2026-12-01T10:00:00.000Z', 'UTC 2026-12-01T11:00:00.000Z', 'UTC 2026-12-01T09:00:00.000Z']);
  });

  it('keeps nothing for a zone it cannot format', () => {
    expect(() => zonedTime(new Date('2026-12-01T09:00:00.000Z'), 'Mars/Olympus')).toThrow(RangeError);
    expect(() => zonedTime(new Date('2026-12-01T09:00:00.000Z'), 'Mars/Olympus')).toThrow(RangeError);
  });
});
