const dayFormats = new Map<string, Intl.DateTimeFormat>();
const clockFormats = new Map<string, Intl.DateTimeFormat>();

function cached(cache: Map<string, Intl.DateTimeFormat>, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let format = cache.get(timeZone);
  if (!format) cache.set(timeZone, (format = new Intl.DateTimeFormat('en-GB', { timeZone, ...options })));
  return format;
}

/** The clock time with the zone named, e.g. `09:00 CEST`. */
export const clockIn = (date: Date, timeZone: string): string =>
  cached(clockFormats, timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }).format(date).replace(',', '');

/** A mail's "when", in the reader's time zone: `Sunday 29 March 2026, 09:00 CEST`. */
export const dayAndClockIn = (date: Date, timeZone: string): string =>
  `${cached(dayFormats, timeZone, { dateStyle: 'full' }).format(date).replace(',', '')}, ${clockIn(date, timeZone)}`;
