const dayFormats = new Map<string, Intl.DateTimeFormat>();
const clockFormats = new Map<string, Intl.DateTimeFormat>();
const zoneNames = new Map<string, Intl.DateTimeFormat>();
const hourFormats = new Map<string, Intl.DateTimeFormat>();

function cached(cache: Map<string, Intl.DateTimeFormat>, timeZone: string, options: Intl.DateTimeFormatOptions, locale = 'en-GB'): Intl.DateTimeFormat {
  let format = cache.get(timeZone);
  if (!format) cache.set(timeZone, (format = new Intl.DateTimeFormat(locale, { timeZone, ...options })));
  return format;
}

const OFFSET_ONLY = /^(GMT|UTC)[+-]/;

/**
 * The zone's short name at `date`: en-GB's (`CEST`, `BST`) where it has one, en-US's for the zones en-GB only gives an
 * offset for (`EDT`, `PDT` instead of `GMT-4`), else the IANA name (`Asia/Kolkata`): never a bare offset.
 */
export function zoneName(date: Date, timeZone: string): string {
  const shortName = (format: Intl.DateTimeFormat) => format.formatToParts(date).find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
  const british = shortName(cached(clockFormats, timeZone, { timeZoneName: 'short' }));
  if (!OFFSET_ONLY.test(british)) return british;
  const american = shortName(cached(zoneNames, timeZone, { timeZoneName: 'short' }, 'en-US'));
  return OFFSET_ONLY.test(american) ? timeZone : american;
}

/** The clock time with the zone named, e.g. `09:00 CEST`, `06:00 EDT`. */
export const clockIn = (date: Date, timeZone: string): string =>
  `${cached(hourFormats, timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date)} ${zoneName(date, timeZone)}`;

/** A mail's "when", in the reader's time zone: `Sunday 29 March 2026, 09:00 CEST`. */
export const dayAndClockIn = (date: Date, timeZone: string): string =>
  `${cached(dayFormats, timeZone, { dateStyle: 'full' }).format(date).replace(',', '')}, ${clockIn(date, timeZone)}`;
