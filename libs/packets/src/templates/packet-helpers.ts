/**
 * The helpers packet templates may call. Their code is in `runtime/packet-runtime.mjs` (shared with the
 * render worker); this is what the validator and the documentation need to know about them.
 * A unit test keeps both lists equal.
 */

/** The kind of argument a helper expects: the validator checks paths and literals against it. */
export type HelperParam = 'scalar' | 'array' | 'number' | 'timeZone' | 'any';

export interface HelperSignature {
  min: number;
  max: number;
  params: HelperParam[];
  hash?: string[];
  usage: string;
  description: string;
}

export const HELPER_SIGNATURES: Readonly<Record<string, HelperSignature>> = {
  formatDate: {
    min: 1,
    max: 2,
    params: ['scalar', 'timeZone'],
    usage: '{{formatDate generatedAt}} or {{formatDate generatedAt "Europe/Berlin"}}',
    description: 'A date as "29 Nov 2026", in UTC or the given IANA time zone; empty for null',
  },
  formatDateTime: {
    min: 1,
    max: 2,
    params: ['scalar', 'timeZone'],
    usage: '{{formatDateTime startsAt}} or {{formatDateTime startsAt "Europe/Berlin"}}',
    description: 'A date and time as "29 Nov 2026, 14:30 UTC" (24-hour clock, the time zone named); empty for null',
  },
  ratingLabel: {
    min: 1,
    max: 1,
    params: ['scalar'],
    usage: '{{ratingLabel recommendation}}',
    description: 'strong_no → "Strong no", no → "No", yes → "Yes", strong_yes → "Strong yes", not_assessed → "Not assessed"',
  },
  formatMean: {
    min: 1,
    max: 2,
    params: ['scalar', 'number'],
    usage: '{{formatMean mean}} or {{formatMean mean 2}}',
    description: 'A mean rating with one decimal (or 0..3 decimals); "–" when there is none',
  },
  eq: {
    min: 2,
    max: 2,
    params: ['scalar', 'scalar'],
    usage: '{{#if (eq rating "strong_yes")}}...{{/if}}',
    description: 'True when both values are equal (for #if and #unless)',
  },
  join: {
    min: 1,
    max: 2,
    params: ['array', 'scalar'],
    hash: ['key'],
    usage: '{{join pillars ", " key="name"}}',
    description: 'The named field of every item of a list, joined with the separator (default ", ")',
  },
  markdown: {
    min: 1,
    max: 1,
    params: ['scalar'],
    usage: '{{markdown prompt}}',
    description:
      'Markdown text (question prompts): rendered to HTML in HTML templates (no raw HTML, images or headings; <script> stays text), ' +
      'kept as Markdown with raw HTML made inert in Markdown templates',
  },
};

export const HELPER_NAMES: readonly string[] = Object.keys(HELPER_SIGNATURES);

export const BLOCK_HELPER_NAMES: readonly string[] = ['if', 'unless', 'each', 'with'];

/** Never a path segment: these lead to prototypes and functions. Same list as the runtime's. */
export const FORBIDDEN_SEGMENTS: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toString',
  'toLocaleString',
  'valueOf',
];

/** True for an IANA time zone name this Node knows (libs/core's, which the runtime uses too). */
export { isTimeZone } from '@loopwright/core';

/** For template authors: the helpers and block helpers, with usage. */
export const PACKET_TEMPLATE_HELPERS_DOC = {
  helpers: Object.entries(HELPER_SIGNATURES).map(([name, signature]) => ({ name, usage: signature.usage, description: signature.description })),
  blockHelpers: [
    { name: 'if', usage: '{{#if loop.decision}}...{{else}}...{{/if}}', description: 'Renders the block when the value is truthy' },
    { name: 'unless', usage: '{{#unless amended}}...{{/unless}}', description: 'Renders the block when the value is falsy' },
    { name: 'each', usage: '{{#each rounds}}{{title}} ({{@index}}){{/each}}', description: 'Renders the block for each item of a list; inside, the item is the context' },
    { name: 'with', usage: '{{#with candidate}}{{name}}{{/with}}', description: 'Renders the block with an object as the context' },
  ],
  notes: [
    'Values are always escaped ({{{ }}} is refused). Markdown templates escape Markdown syntax too. The one exception is the markdown helper, whose output is already safe.',
    'A field named like a helper (ratingLabel) is output with {{this.ratingLabel}}.',
    'Times are UTC ISO-8601 strings; format them with formatDate or formatDateTime.',
  ],
};
