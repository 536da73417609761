import { zonedPartsReader } from './zoned-parts.js';

/** A moment as a page shows it: machine-readable for `<time datetime>`, and in words in the viewer's time zone. */
export interface ZonedTime {
  iso: string;
  /** e.g. `Tue 1 Dec 2026, 14:45 CET`: the zone is always named. */
  text: string;
}

const shownParts = zonedPartsReader('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
});

export function zonedTime(date: Date, timeZone: string): ZonedTime {
  const part = shownParts(date, timeZone);
  return {
    iso: date.toISOString(),
    text: `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')} ${part('timeZoneName')}`,
  };
}

/** The calendar day of a moment in a time zone, as `2026-12-01`: "today" is the viewer's today. */
export function dayIn(date: Date, timeZone: string): string {
  let format = isoDayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    isoDayFormats.set(timeZone, format);
  }
  return format.format(date);
}

/** Making a formatter costs far more than using one; there are as many as the time zones the viewers keep. */
const isoDayFormats = new Map<string, Intl.DateTimeFormat>();

const dayParts = zonedPartsReader('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

/** A day as a page shows it: `3 Mar 2026`, the calendar day in the viewer's time zone. */
export function zonedDate(date: Date, timeZone: string): ZonedTime {
  const part = dayParts(date, timeZone);
  return { iso: date.toISOString(), text: `${part('day')} ${part('month')} ${part('year')}` };
}
