import { momentOf, wallTimeIn } from './zoned-input.js';

describe('wall-clock input in a time zone', () => {
  it('reads a date and time in the zone, either side of a DST change', () => {
    expect(momentOf({ date: '2026-03-28', time: '14:30' }, 'Europe/Berlin')).toEqual({ moment: new Date('2026-03-28T13:30:00Z') });
    expect(momentOf({ date: '2026-03-30', time: '14:30' }, 'Europe/Berlin')).toEqual({ moment: new Date('2026-03-30T12:30:00Z') });
    expect(momentOf({ date: '2026-12-01', time: '09:00' }, 'Asia/Tokyo')).toEqual({ moment: new Date('2026-12-01T00:00:00Z') });
    expect(momentOf({ date: '2026-07-01', time: '00:15' }, 'UTC')).toEqual({ moment: new Date('2026-07-01T00:15:00Z') });
  });

  it('refuses a time the clocks skipped, and takes the first of a time that happens twice', () => {
    expect(momentOf({ date: '2026-03-29', time: '02:30' }, 'Europe/Berlin')).toEqual({ problem: 'skipped' });
    expect(momentOf({ date: '2026-10-25', time: '02:30' }, 'Europe/Berlin')).toEqual({ moment: new Date('2026-10-25T00:30:00Z') });
    expect(momentOf({ date: '2026-11-01', time: '01:30' }, 'America/New_York')).toEqual({ moment: new Date('2026-11-01T05:30:00Z') });
  });

  it('names what it cannot read', () => {
    expect(momentOf({ date: '2026-02-30', time: '10:00' }, 'UTC')).toEqual({ problem: 'date' });
    expect(momentOf({ date: '', time: '10:00' }, 'UTC')).toEqual({ problem: 'date' });
    expect(momentOf({ date: '2026-02-03', time: '25:00' }, 'UTC')).toEqual({ problem: 'time' });
    expect(momentOf({ date: '2026-02-03', time: '10h' }, 'UTC')).toEqual({ problem: 'time' });
  });

  it('gives a moment back as the date and time a person would type', () => {
    expect(wallTimeIn(new Date('2026-03-30T12:30:00Z'), 'Europe/Berlin')).toEqual({ date: '2026-03-30', time: '14:30' });
    expect(wallTimeIn(new Date('2026-12-31T23:30:00Z'), 'Asia/Tokyo')).toEqual({ date: '2027-01-01', time: '08:30' });
  });
});
