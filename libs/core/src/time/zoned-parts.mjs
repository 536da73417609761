// Reading a moment's parts in a time zone through Intl, one formatter per zone, made once and kept (making a
// formatter is the slow part). Plain JavaScript that imports nothing, so that the packet runtime and its render
// worker (plain Node) load this very file, and the TypeScript libraries load it too (zoned-parts-loader.ts).
// Types: zoned-parts.d.mts.

/**
 * A reader of moments in any time zone with `locale` and `options` (without `timeZone`): `read(moment, timeZone)`
 * gives `part(type)`, the text of one part (`year`, `hour`, `timeZoneName`…), or '' when the format has none.
 * An unknown time zone throws a RangeError.
 */
export function zonedPartsReader(locale, options) {
  const formats = new Map();
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

const knownZones = new Set();

/** True when `timeZone` is an IANA time zone name this Node knows ("UTC", "Europe/Berlin"). */
export function isTimeZone(timeZone) {
  if (typeof timeZone !== 'string' || timeZone === '') return false;
  if (knownZones.has(timeZone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    return false;
  }
  knownZones.add(timeZone);
  return true;
}
