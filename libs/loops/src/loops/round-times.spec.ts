import { AppError } from '@loopwright/core';
import { resolveTimes } from './round-times.js';

const at = (iso: string): Date => new Date(iso);
const blank = { startsAt: null, endsAt: null, durationMinutes: 45 };
const set = { startsAt: at('2030-03-04T10:00:00Z'), endsAt: at('2030-03-04T11:00:00Z'), durationMinutes: 45 };

const fieldOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return (error.details?.fields as { field: string }[])[0]?.field;
    throw error;
  }
  return undefined;
};

describe('resolveTimes', () => {
  it('keeps the times when none are given, clears both with null', () => {
    expect(resolveTimes(set, {})).toEqual({ startsAt: set.startsAt, endsAt: set.endsAt });
    expect(resolveTimes(set, { startsAt: null })).toEqual({ startsAt: null, endsAt: null });
    expect(resolveTimes(set, { endsAt: null })).toEqual({ startsAt: null, endsAt: null });
  });

  it('gives a start without an end the round’s length, or its planned duration', () => {
    expect(resolveTimes(blank, { startsAt: '2030-03-04T09:00:00Z' })).toEqual({
      startsAt: at('2030-03-04T09:00:00Z'),
      endsAt: at('2030-03-04T09:45:00Z'),
    });
    expect(resolveTimes(set, { startsAt: '2030-03-05T09:00:00Z' })).toEqual({
      startsAt: at('2030-03-05T09:00:00Z'),
      endsAt: at('2030-03-05T10:00:00Z'),
    });
    expect(resolveTimes(set, { startsAt: '2030-03-05T09:00:00Z', durationMinutes: 30 }).endsAt).toEqual(at('2030-03-05T09:30:00Z'));
    expect(resolveTimes(set, { endsAt: '2030-03-04T12:00:00Z' })).toEqual({ startsAt: set.startsAt, endsAt: at('2030-03-04T12:00:00Z') });
  });

  it('refuses an end before or at the start, a round over 8 hours, an end without a start', () => {
    expect(fieldOf(() => resolveTimes(blank, { startsAt: '2030-03-04T10:00:00Z', endsAt: '2030-03-04T10:00:00Z' }))).toBe('endsAt');
    expect(fieldOf(() => resolveTimes(blank, { startsAt: '2030-03-04T10:00:00Z', endsAt: '2030-03-04T09:00:00Z' }))).toBe('endsAt');
    expect(fieldOf(() => resolveTimes(blank, { startsAt: '2030-03-04T10:00:00Z', endsAt: '2030-03-04T18:00:01Z' }))).toBe('endsAt');
    expect(resolveTimes(blank, { startsAt: '2030-03-04T10:00:00Z', endsAt: '2030-03-04T18:00:00Z' }).endsAt).toEqual(
      at('2030-03-04T18:00:00Z'),
    );
    expect(fieldOf(() => resolveTimes(blank, { endsAt: '2030-03-04T10:00:00Z' }))).toBe('startsAt');
    expect(fieldOf(() => resolveTimes(set, { startsAt: null, endsAt: '2030-03-04T10:00:00Z' }))).toBe('startsAt');
    expect(fieldOf(() => resolveTimes(set, { endsAt: '2030-03-04T09:00:00Z' }))).toBe('endsAt');
  });
});
