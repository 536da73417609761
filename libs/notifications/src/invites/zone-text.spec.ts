import { clockIn, dayAndClockIn, zoneName } from './zone-text.js';

describe('zone names in mail text', () => {
  it.each([
    ['2026-06-05T14:00:00Z', 'Europe/London', 'BST'],
    ['2026-06-05T14:00:00Z', 'Europe/Berlin', 'CEST'],
    ['2026-06-05T14:00:00Z', 'America/New_York', 'EDT'],
    ['2026-01-05T14:00:00Z', 'America/New_York', 'EST'],
    ['2026-06-05T14:00:00Z', 'America/Los_Angeles', 'PDT'],
    ['2026-06-05T14:00:00Z', 'Asia/Kolkata', 'Asia/Kolkata'],
    ['2026-06-05T14:00:00Z', 'UTC', 'UTC'],
  ])('at %s in %s: %s, never a bare GMT offset', (iso, zone, name) => {
    expect(zoneName(new Date(iso), zone)).toBe(name);
  });

  it('names the zone after the time', () => {
    expect(clockIn(new Date('2026-06-03T10:00:00Z'), 'America/New_York')).toBe('06:00 EDT');
    expect(dayAndClockIn(new Date('2026-06-03T10:00:00Z'), 'America/New_York')).toBe('Wednesday 3 June 2026, 06:00 EDT');
  });
});
