import { zonedPartsReader } from '@loopwright/core';

const partsIn = zonedPartsReader('en-US', {
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  weekday: 'short',
});

/** The wall clock of `date` in `timeZone`: calendar date, time and weekday (0 Sunday … 6 Saturday). */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function wallClock(date: Date, timeZone: string): WallClock {
  const part = partsIn(date, timeZone);
  return {
    year: Number(part('year')),
    month: Number(part('month')),
    day: Number(part('day')),
    hour: Number(part('hour')),
    minute: Number(part('minute')),
    second: Number(part('second')),
    weekday: WEEKDAYS.indexOf(part('weekday')),
  };
}

/** How far the zone's wall clock is ahead of UTC at `date`, in ms. */
function offsetMs(date: Date, timeZone: string): number {
  const wall = wallClock(date, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(date.getTime() / 1000) * 1000;
}

/**
 * The instant the zone's clocks show this local date and time. A time skipped by a spring-forward change is taken
 * as the same clock reading after the change (02:30 → 03:30); a repeated one (autumn) as its first occurrence.
 */
export function zonedInstant(local: { year: number; month: number; day: number; hour: number; minute: number }, timeZone: string): Date {
  const guess = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const before = offsetMs(new Date(guess - DAY), timeZone);
  const after = offsetMs(new Date(guess + DAY), timeZone);
  // The same offset a day either side: no change of clocks in between (they are months apart), the time is unique.
  if (before === after) return new Date(guess - before);
  const shows = (instant: number): boolean => {
    const wall = wallClock(new Date(instant), timeZone);
    return wall.year === local.year && wall.month === local.month && wall.day === local.day && wall.hour === local.hour && wall.minute === local.minute;
  };
  const matching = [guess - before, guess - after].filter(shows);
  return new Date(matching.length > 0 ? Math.min(...matching) : guess - before);
}

const DAY = 86_400_000;
