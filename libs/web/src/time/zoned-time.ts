/** A moment as a page shows it: machine-readable for `<time datetime>`, and in words in the viewer's time zone. */
export interface ZonedTime {
  iso: string;
  /** e.g. `Tue 1 Dec 2026, 14:45 CET`: the zone is always named. */
  text: string;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formats.set(timeZone, format);
  }
  return format;
}

export function zonedTime(date: Date, timeZone: string): ZonedTime {
  const parts = formatFor(timeZone).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((item) => item.type === type)?.value ?? '';
  return {
    iso: date.toISOString(),
    text: `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')} ${part('timeZoneName')}`,
  };
}

/** The calendar day of a moment in a time zone, as `2026-12-01`: "today" is the viewer's today. */
export function dayIn(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}
