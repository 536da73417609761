/** One part of a moment as a zone's formatter writes it (`year`, `hour`, `timeZoneName`…), or '' when it has none. */
export type PartOf = (type: Intl.DateTimeFormatPartTypes) => string;

/**
 * Reads a moment's parts in a time zone, with `options`, through one Intl formatter per zone, made once and kept
 * (making a formatter is the slow part).
 */
export function zonedPartsReader(locale: string, options: Omit<Intl.DateTimeFormatOptions, 'timeZone'>): (moment: Date, timeZone: string) => PartOf {
  const formats = new Map<string, Intl.DateTimeFormat>();
  return (moment, timeZone) => {
    let format = formats.get(timeZone);
    if (!format) {
      format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
      formats.set(timeZone, format);
    }
    const parts = format.formatToParts(moment);
    return (type) => parts.find((item) => item.type === type)?.value ?? '';
  };
}
