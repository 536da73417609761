import { dueTimes, timelinessFrom } from './due-times.js';

const END = new Date('2026-03-03T10:00:00.000Z');
const HOUR = 3_600_000;
const HOURS = { rating: 4, writeup: 24 };

describe('timelinessFrom', () => {
  it('counts from the round’s end when the round was timed before it ended', () => {
    expect(timelinessFrom(END, new Date(END.getTime() - 48 * HOUR))).toEqual(END);
  });

  it('counts from when the round was recorded when that came after its end (recorded after the fact)', () => {
    const recorded = new Date(END.getTime() + 100 * HOUR);
    expect(timelinessFrom(END, recorded)).toEqual(recorded);
  });

  it('counts from the end when the recording time is unknown, and from nothing without an end', () => {
    expect(timelinessFrom(END.toISOString(), null)).toEqual(END);
    expect(timelinessFrom(null, END)).toBeNull();
  });
});

describe('dueTimes', () => {
  it('gives the rating and the write-up their hours after the end of a round timed before it ended', () => {
    expect(dueTimes({ endsAt: END, scheduledAt: new Date(END.getTime() - 48 * HOUR) }, HOURS)).toEqual({
      ratingDueAt: new Date(END.getTime() + 4 * HOUR),
      writeupDueAt: new Date(END.getTime() + 24 * HOUR),
    });
  });

  it('counts from the recording of a round recorded after the fact (ended 3 days before): not due at once', () => {
    const recorded = new Date(END.getTime() + 72 * HOUR);
    expect(dueTimes({ endsAt: END, scheduledAt: recorded }, HOURS)).toEqual({
      ratingDueAt: new Date(recorded.getTime() + 4 * HOUR),
      writeupDueAt: new Date(recorded.getTime() + 24 * HOUR),
    });
  });

  it('counts from the end when the scheduling time is unknown (ISO strings too), and gives none without an end', () => {
    expect(dueTimes({ endsAt: END.toISOString(), scheduledAt: null }, HOURS).writeupDueAt).toEqual(new Date(END.getTime() + 24 * HOUR));
    expect(dueTimes({ endsAt: null, scheduledAt: END }, HOURS)).toEqual({ ratingDueAt: null, writeupDueAt: null });
  });
});
