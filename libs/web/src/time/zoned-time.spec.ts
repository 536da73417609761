import { dayIn, zonedDate, zonedTime } from './zoned-time.js';

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
