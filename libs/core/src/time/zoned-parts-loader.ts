import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../config/project-root.js';
import type * as ZonedParts from './zoned-parts.mjs';

export type { PartOf } from './zoned-parts.mjs';

/**
 * Where `zoned-parts.mjs` is: plain JavaScript that `nest build` does not copy into dist, found from the project root
 * like the packet runtime (which imports it too). An image must ship `libs/core/src/time/` next to `dist/`.
 */
export const ZONED_PARTS_FILE = path.resolve(projectRoot(), 'libs/core/src/time/zoned-parts.mjs');

const zonedParts = (await import(pathToFileURL(ZONED_PARTS_FILE).href)) as typeof ZonedParts;

/** See zoned-parts.mjs: one Intl formatter per zone, made once. */
export const zonedPartsReader: typeof ZonedParts.zonedPartsReader = zonedParts.zonedPartsReader;

/** True for an IANA time zone name this Node knows. */
export const isTimeZone: typeof ZonedParts.isTimeZone = zonedParts.isTimeZone;
