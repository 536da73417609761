import { zonedPartsReader } from './zoned-parts.js';

/** A wall-clock date and time as a person types them (`2026-03-29`, `14:30`). */
export interface WallTime {
  date: string;
  time: string;
}

const wallParts = zonedPartsReader('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The wall-clock date and time of a moment in a time zone, as a date and a time input want them. */
export function wallTimeIn(moment: Date, timeZone: string): WallTime {
  const part = wallParts(moment, timeZone);
  return { date: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}` };
}

/** The zone's offset from UTC at a moment, in milliseconds. */
function offsetAt(moment: number, timeZone: string): number {
  const wall = wallTimeIn(new Date(moment), timeZone);
  const [year, month, day] = wall.date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = wall.time.split(':').map(Number) as [number, number];
  return Date.UTC(year, month - 1, day, hour, minute) - Math.floor(moment / 60_000) * 60_000;
}

export type WallTimeProblem = 'date' | 'time' | 'skipped';

/**
 * The moment a wall-clock date and time name in a time zone. Null with the problem when the date or the time cannot
 * be read, or when that time does not exist there (`skipped`: the clocks went forward over it). A time that happens
 * twice (the clocks went back) is the first of the two.
 */
export function momentOf(wall: WallTime, timeZone: string): { moment: Date } | { problem: WallTimeProblem } {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(wall.date);
  if (!date) return { problem: 'date' };
  const time = /^(\d{2}):(\d{2})$/.exec(wall.time);
  if (!time) return { problem: 'time' };
  const [year, month, day, hour, minute] = [date[1], date[2], date[3], time[1], time[2]].map(Number) as [number, number, number, number, number];
  if (hour > 23 || minute > 59) return { problem: 'time' };
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(asUtc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return { problem: 'date' };
  // The wall time minus each offset the zone has around it; the earliest that reads back as the wall time wins.
  const offsets = [...new Set([offsetAt(asUtc - 86_400_000, timeZone), offsetAt(asUtc, timeZone), offsetAt(asUtc + 86_400_000, timeZone)])];
  const matches = offsets
    .map((offset) => asUtc - offset)
    .filter((moment) => {
      const back = wallTimeIn(new Date(moment), timeZone);
      return back.date === wall.date && back.time === wall.time;
    })
    .sort((a, b) => a - b);
  return matches[0] === undefined ? { problem: 'skipped' } : { moment: new Date(matches[0]) };
}
