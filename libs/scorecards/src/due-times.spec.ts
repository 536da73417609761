import { dueTimes, timelinessFrom } from './due-times.js';

const END = new Date('2026-03-03T10:00:00.000Z');
const HOUR = 3_600_000;

describe('timelinessFrom', () => {
  it('counts from the round’s end when the round was timed before it ended', () => {
    expect(timelinessFrom(END, new Date(END.getTime() - 48 * HOUR))).toEqual(END);
  });

  it('counts from when the round was recorded when that came after its end (recorded after the fact)', () => {
    const recorded = new Date(END.getTime() + 100 * HOUR);
    expect(timelinessFrom(END, recorded)).toEqual(recorded);
    // The write-up is then due its hours after the recording, not long before it.
    expect(dueTimes(timelinessFrom(END, recorded), { rating: 4, writeup: 24 }).writeupDueAt).toEqual(new Date(recorded.getTime() + 24 * HOUR));
  });

  it('counts from the end when the recording time is unknown, and from nothing without an end', () => {
    expect(timelinessFrom(END.toISOString(), null)).toEqual(END);
    expect(timelinessFrom(null, END)).toBeNull();
  });
});
