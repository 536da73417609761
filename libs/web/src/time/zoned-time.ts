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

/**
 * `format(date, timeZone)` kept by zone and moment, up to `limit` texts (then it starts afresh): a page shows the same
 * few moments (a round's times, its due times) to every reader, and Intl's formatting is most of what its view costs.
 */
export function keptByZone(format: (date: Date, timeZone: string) => string, limit = 5_000): (date: Date, timeZone: string) => string {
  const texts = new Map<string, string>();
  return (date, timeZone) => {
    const key = `${timeZone} ${date.getTime()}`;
    let text = texts.get(key);
    if (text === undefined) {
      text = format(date, timeZone);
      if (texts.size >= limit) texts.clear();
      texts.set(key, text);
    }
    return text;
  };
}

const shownText = keptByZone((date, timeZone) => {
  const part = shownParts(date, timeZone);
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')} ${part('timeZoneName')}`;
});

export function zonedTime(date: Date, timeZone: string): ZonedTime {
  return { iso: date.toISOString(), text: shownText(date, timeZone) };
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

const dayText = keptByZone((date, timeZone) => {
  const part = dayParts(date, timeZone);
  return `${part('day')} ${part('month')} ${part('year')}`;
});

/** A day as a page shows it: `3 Mar 2026`, the calendar day in the viewer's time zone. */
export function zonedDate(date: Date, timeZone: string): ZonedTime {
  return { iso: date.toISOString(), text: dayText(date, timeZone) };
}
