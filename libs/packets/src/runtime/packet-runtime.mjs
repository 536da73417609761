// The packet template runtime: helpers, escaping and the locked-down Handlebars environment.
//
// Plain JavaScript on purpose: the API process (compiled TypeScript, or ts-jest in tests) and the render
// worker thread (plain Node) load this one file, so both render with exactly the same helpers and rules.
// It imports only the zone helpers of libs/core (plain JavaScript too): callers pass their Handlebars module in.
// Types: packet-runtime.d.mts.
import { isTimeZone, zonedPartsReader } from '../../../core/src/time/zoned-parts.mjs';

export { isTimeZone };

/** Helpers templates may call, besides the block helpers `if`, `unless`, `each` and `with`. */
export const HELPER_NAMES = Object.freeze(['formatDate', 'formatDateTime', 'ratingLabel', 'formatMean', 'eq', 'join', 'markdown']);
export const BLOCK_HELPER_NAMES = Object.freeze(['if', 'unless', 'each', 'with']);

/** Property names that lead to prototypes or functions; never a path segment, never a `join` key. */
export const FORBIDDEN_SEGMENTS = Object.freeze([
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
]);
const FORBIDDEN = new Set(FORBIDDEN_SEGMENTS);

export const RATING_LABELS = Object.freeze({
  strong_no: 'Strong no',
  no: 'No',
  yes: 'Yes',
  strong_yes: 'Strong yes',
  not_assessed: 'Not assessed',
});

/** Compile options of every packet template, shipped or custom. */
export const COMPILE_OPTIONS = Object.freeze({
  knownHelpersOnly: true,
  strict: true,
  noEscape: false,
  preventIndent: true,
  data: true,
  compat: false,
});

/** Runtime options: prototype properties and methods stay denied (never `allowProtoPropertiesByDefault`). */
export const RUNTIME_OPTIONS = Object.freeze({
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
  allowCallsToHelperMissing: false,
});

/** Thrown when a render grows past its output limit; the caller maps it to TEMPLATE_OUTPUT_TOO_LARGE. */
export class OutputTooLargeError extends Error {
  constructor(limit) {
    super(`The rendered packet is larger than ${limit} bytes`);
    this.name = 'OutputTooLargeError';
    this.code = 'TEMPLATE_OUTPUT_TOO_LARGE';
  }
}

// ---------------------------------------------------------------------------------------------------------
// Escaping

// HTML values use Handlebars' own `escapeExpression` (`& < > " ' \` =` become entities), bound in
// createPacketEnvironment; it is always given text, so a SafeString-like object in the data is not trusted.

/** A value as text: null and undefined are empty, SafeString-like objects are not trusted (data is data). */
function asText(value) {
  if (value == null) return '';
  return typeof value === 'string' ? value : String(value);
}

// In Markdown, every value is inert text: `& < > =` become entities (no raw HTML, no <autolinks>),
// inline syntax is backslash-escaped everywhere (emphasis, code spans, links and images need `* _ \` [ ]`,
// tables break on `|`), and block syntax is escaped where a line starts (headings, lists, setext
// underlines, thematic breaks), counting the start of the value as a line start because the template may
// put it there. Quotes stay readable: the validator keeps values out of raw HTML tags in Markdown templates.
const MD_ESCAPES = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '=': '&#x3D;',
  '\\': '\\\\',
  '`': '\\`',
  '*': '\\*',
  _: '\\_',
  '[': '\\[',
  ']': '\\]',
  '|': '\\|',
  '~': '\\~',
};
// A heading (`# `), a list item (`- `, `+ `, `1. `, `1) `), a thematic break or setext underline (`--`).
const MD_LINE_START = /^([ \t]*)(?:(#{1,6}(?=[ \t]|$)|[+-](?=[ \t]|$|-))|(\d{1,9})([.)](?=[ \t]|$)))/;

/** Escapes a value for Markdown output (GFM and CommonMark): it renders as the literal text. */
export function escapeMarkdown(value) {
  return asText(value)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) =>
      line
        .replace(/[&<>=\\`*_[\]|~]/g, (char) => MD_ESCAPES[char])
        .replace(MD_LINE_START, (_all, indent, marker, digits, delimiter) =>
          marker ? `${indent}\\${marker}` : `${indent}${digits}\\${delimiter}`,
        ),
    )
    .join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Markdown text (question prompts)

/**
 * The Markdown renderer of the `markdown` helper in HTML: no raw HTML (`<script>` stays text), no linkify,
 * no typographer, no links or images (a packet never loads anything and has no attribute from data), no
 * headings (a prompt's `#` would outrank the packet's own headings). Emphasis, code, lists, quotes stay.
 */
export function createMarkdownRenderer(MarkdownIt) {
  const md = new MarkdownIt('default', { html: false, linkify: false, typographer: false, breaks: false });
  md.disable(['image', 'link', 'heading', 'lheading']);
  return md;
}

// Outside code, `<` followed by a letter, `/`, `!` or `?` would start raw HTML or an autolink.
const MD_HTML_START = /<(?=[A-Za-z/!?])/g;
const MD_FENCE = /^[ \t]{0,3}(`{3,}|~{3,})/;
const MD_ATX_HEADING = /^([ \t]{0,3})(#{1,6})(?=[ \t]|$)/;

/**
 * Markdown source for a Markdown packet: kept as Markdown (emphasis, lists and code spans still work), with
 * raw HTML made inert (`<script>` becomes `&lt;script>` outside code), and links, images and headings escaped,
 * like the HTML renderer (no raw HTML, links, images or headings).
 */
export function inertMarkdown(value) {
  let fence = null;
  return asText(value)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => {
      const opening = MD_FENCE.exec(line);
      if (fence) {
        if (opening && opening[1][0] === fence[0] && opening[1].length >= fence.length) fence = null;
        return line;
      }
      if (opening) {
        fence = opening[1];
        return line;
      }
      // Code spans (between equal backtick runs) stay as written; the rest is escaped.
      const parts = line.split(/(`+)/);
      let out = '';
      for (let index = 0; index < parts.length; index += 1) {
        const part = parts[index];
        if (index % 2 === 1) {
          const close = parts.indexOf(part, index + 2);
          if (close !== -1 && close % 2 === 1) {
            out += parts.slice(index, close + 1).join('');
            index = close;
            continue;
          }
          out += part;
          continue;
        }
        out += part.replace(MD_HTML_START, '&lt;').replace(/[[\]]/g, (bracket) => `\\${bracket}`);
      }
      return out.replace(MD_ATX_HEADING, (_all, indent, marks) => `${indent}\\${marks}`);
    })
    .join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Helpers

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const partsIn = zonedPartsReader('en-US', { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });

function dateParts(value, timeZone) {
  if (value == null || value === '') return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  const part = partsIn(date, timeZone);
  return {
    day: Number(part('day')),
    month: MONTHS[Number(part('month')) - 1],
    year: part('year'),
    time: `${part('hour').padStart(2, '0')}:${part('minute').padStart(2, '0')}`,
  };
}

/** Positional helper arguments without Handlebars' trailing options object. */
function positional(args) {
  return args.slice(0, -1);
}

/**
 * The helper functions, for a default time zone (the one of the organization, or "UTC").
 * Each returns plain text that the template's `{{ }}` escapes like any value, except `markdown`: it returns
 * `markup(text)` (a SafeString made by the environment), rendered HTML in HTML and inert Markdown in Markdown.
 */
export function createHelpers(defaultTimeZone = 'UTC', { format = 'html', markdownRenderer = null, markup = (text) => text } = {}) {
  // A renderer, or a function making one on first use (the render worker loads markdown-it only when needed).
  let renderer = typeof markdownRenderer === 'function' ? null : markdownRenderer;
  const markdownRendererFor = () => (renderer ??= typeof markdownRenderer === 'function' ? markdownRenderer() : null);
  const zone = (candidate) => {
    if (candidate === undefined) return defaultTimeZone;
    if (!isTimeZone(candidate)) throw new Error(`Unknown time zone ${JSON.stringify(String(candidate))}`);
    return candidate;
  };
  return {
    /** `{{formatDate generatedAt}}` → "29 Nov 2026"; an optional second argument names the time zone. */
    formatDate(...args) {
      const [value, timeZone] = positional(args);
      const parts = dateParts(value, zone(timeZone));
      return parts ? `${parts.day} ${parts.month} ${parts.year}` : '';
    },
    /** `{{formatDateTime startsAt "Europe/Berlin"}}` → "23 Nov 2026, 10:00 Europe/Berlin". */
    formatDateTime(...args) {
      const [value, timeZone] = positional(args);
      const resolved = zone(timeZone);
      const parts = dateParts(value, resolved);
      return parts ? `${parts.day} ${parts.month} ${parts.year}, ${parts.time} ${resolved}` : '';
    },
    /** `{{ratingLabel rating}}` → "Strong yes"; empty for null. */
    ratingLabel(...args) {
      const [value] = positional(args);
      if (value == null || value === '') return '';
      return Object.prototype.hasOwnProperty.call(RATING_LABELS, value) ? RATING_LABELS[value] : String(value);
    },
    /** `{{formatMean mean}}` → "3.5" (one decimal, or the given number of decimals 0..3); "–" for null. */
    formatMean(...args) {
      const [value, digits] = positional(args);
      if (typeof value !== 'number' || !Number.isFinite(value)) return '–';
      const decimals = typeof digits === 'number' && Number.isInteger(digits) ? Math.min(Math.max(digits, 0), 3) : 1;
      return value.toFixed(decimals);
    },
    /** `{{#if (eq rating "strong_yes")}}`: strict equality. */
    eq(...args) {
      const [left, right] = positional(args);
      return left === right;
    },
    /** `{{join pillars ", " key="name"}}`: joins a list, or the named field of each item of a list. */
    join(...args) {
      const options = args[args.length - 1];
      const [items, separator] = positional(args);
      const key = options && options.hash ? options.hash.key : undefined;
      if (key !== undefined && (typeof key !== 'string' || FORBIDDEN.has(key))) throw new Error('join: key must name a field');
      if (!Array.isArray(items)) return '';
      const values = items
        .map((item) => {
          if (key === undefined) return item !== null && typeof item === 'object' ? undefined : item;
          return item !== null && typeof item === 'object' && Object.prototype.hasOwnProperty.call(item, key) ? item[key] : undefined;
        })
        .filter((value) => value != null && typeof value !== 'object')
        .map(String);
      return values.join(typeof separator === 'string' ? separator : ', ');
    },
    /** `{{markdown prompt}}`: Markdown text rendered safely (HTML), or kept as inert Markdown (Markdown). */
    markdown(...args) {
      const [value] = positional(args);
      if (value != null && typeof value === 'object') throw new Error('markdown: the argument must be a text');
      if (format === 'markdown') return markup(inertMarkdown(value));
      const md = markdownRendererFor();
      if (!md) throw new Error('markdown: no Markdown renderer (pass markdownIt to createPacketEnvironment)');
      return markup(md.render(asText(value)));
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// The environment

/**
 * A Handlebars environment of its own (never the global one) with the packet helpers, without `lookup`,
 * `log` and the `inline` decorator, with the given trusted partials (name → source), and with an `each`
 * that stops a render as soon as one loop's output passes the render's output limit.
 *
 * `format` is "html" or "markdown": it picks the escaping of `{{ }}` values. `markdownIt` is the markdown-it
 * constructor, for the `markdown` helper in HTML; or `loadMarkdownIt` returns it on the helper's first use.
 */
export function createPacketEnvironment(Handlebars, { format, timeZone = 'UTC', partials = {}, markdownIt = null, loadMarkdownIt = null }) {
  if (format !== 'html' && format !== 'markdown') throw new Error(`Unknown packet format ${format}`);
  const env = Handlebars.create();
  env.unregisterHelper('lookup');
  env.unregisterHelper('log');
  env.unregisterDecorator('inline');
  env.partials = Object.create(null);
  // Only the `markdown` helper makes these; view model data is plain data (strings), never one of them.
  const SafeString = env.SafeString;
  const markup = (text) => new SafeString(text);
  const markdownRenderer =
    format !== 'html' ? null : markdownIt ? createMarkdownRenderer(markdownIt) : loadMarkdownIt ? () => createMarkdownRenderer(loadMarkdownIt()) : null;
  env.registerHelper(createHelpers(timeZone, { format, markdownRenderer, markup }));

  // Output limit: every loop counts its own output, and the outermost loops also count together (their
  // outputs are disjoint parts of the document), so a render stops as soon as it is known to be too large.
  const limits = { maxChars: Infinity, depth: 0, outermost: 0 };
  const builtinEach = env.helpers.each;
  env.registerHelper('each', function limitedEach(context, options) {
    let size = 0;
    const fn = options.fn;
    const counted = Object.assign(function countedIteration(value, iterationOptions) {
      const out = fn(value, iterationOptions);
      size += out.length;
      if (limits.depth === 1) limits.outermost += out.length;
      if (size > limits.maxChars || limits.outermost > limits.maxChars) throw new OutputTooLargeError(limits.maxChars);
      return out;
    }, fn);
    limits.depth += 1;
    try {
      return builtinEach.call(this, context, Object.assign({}, options, { fn: counted }));
    } finally {
      limits.depth -= 1;
    }
  });

  // Handlebars' own escaping, bound here: compileTemplate swaps Utils.escapeExpression for `escape` below.
  const escapeExpression = env.escapeExpression;
  const escapeHtml = (value) => escapeExpression(asText(value));
  const escapeValue = format === 'markdown' ? escapeMarkdown : escapeHtml;
  const escape = (value) => (typeof value !== 'object' || !(value instanceof SafeString) ? escapeValue(value) : value.toHTML());
  const knownHelpers = { lookup: false, log: false };
  for (const name of HELPER_NAMES) knownHelpers[name] = true;
  const compileOptions = { ...COMPILE_OPTIONS, knownHelpers };

  /** Compiles now (not lazily), so that errors surface here and the escaping is bound to this format. */
  function compileTemplate(input) {
    const ast = env.parse(input);
    refuseUnsafeNodes(ast, env.Exception);
    const compiled = new env.Compiler().compile(ast, compileOptions);
    const spec = new env.JavaScriptCompiler().compile(compiled, compileOptions, undefined, true);
    // The runtime copies Utils.escapeExpression into the template's container when the template is
    // created: swap it for this synchronous call only, so `{{ }}` uses the escaping of the format.
    const utils = env.Utils;
    const original = utils.escapeExpression;
    utils.escapeExpression = escape;
    try {
      return env.template(spec);
    } finally {
      utils.escapeExpression = original;
    }
  }

  for (const [name, source] of Object.entries(partials)) env.registerPartial(name, compileTemplate(source));

  return {
    format,
    /** Compiles a template source; throws Handlebars' parse and compile errors. */
    compile(source) {
      const template = compileTemplate(source);
      /** Renders; throws OutputTooLargeError past `maxChars` characters of one loop's output. */
      return (viewModel, maxChars = Infinity) => {
        Object.assign(limits, { maxChars, depth: 0, outermost: 0 });
        try {
          return template(viewModel, { ...RUNTIME_OPTIONS });
        } finally {
          Object.assign(limits, { maxChars: Infinity, depth: 0, outermost: 0 });
        }
      };
    },
  };
}

/**
 * Whatever the validator said: unescaped output (`{{{ }}}`, `{{& }}`) and decorators (`{{#*inline}}`) never
 * compile in a packet template.
 */
function refuseUnsafeNodes(node, Exception) {
  if (Array.isArray(node)) {
    for (const child of node) refuseUnsafeNodes(child, Exception);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  if (node.type === 'MustacheStatement' && node.escaped === false) {
    throw new Exception('unescaped output ({{{ }}} or {{& }}) is not allowed', node);
  }
  if (node.type === 'Decorator' || node.type === 'DecoratorBlock') throw new Exception('decorators are not allowed', node);
  for (const [key, child] of Object.entries(node)) if (key !== 'loc') refuseUnsafeNodes(child, Exception);
}

/** What a failed render becomes on its way out of the worker: a code, a message, and where if known. */
export function describeRenderError(error, stage) {
  if (error instanceof OutputTooLargeError || (error instanceof RangeError && /Invalid string length/.test(error.message))) {
    return { code: 'TEMPLATE_OUTPUT_TOO_LARGE', message: 'The rendered packet is too large' };
  }
  const message = error instanceof Error ? error.message : String(error);
  const where =
    error && typeof error.lineNumber === 'number'
      ? { line: error.lineNumber, column: typeof error.column === 'number' ? error.column + 1 : 1 }
      : {};
  return { code: stage === 'compile' ? 'TEMPLATE_INVALID' : 'TEMPLATE_RENDER_FAILED', message, ...where };
}
