// Types of zoned-parts.mjs (plain JavaScript shared by the TypeScript libraries and the packet runtime).

/** One part of a moment as a zone's formatter writes it (`year`, `hour`, `timeZoneName`…), or '' when it has none. */
export type PartOf = (type: Intl.DateTimeFormatPartTypes) => string;

export declare function zonedPartsReader(
  locale: string,
  options: Omit<Intl.DateTimeFormatOptions, 'timeZone'>,
): (moment: Date, timeZone: string) => PartOf;

export declare function isTimeZone(timeZone: unknown): boolean;
