import Handlebars from 'handlebars';
import MarkdownIt from 'markdown-it';
import { RATING_LABELS } from '@loopwright/scorecards';
import { BLOCK_HELPER_NAMES, FORBIDDEN_SEGMENTS, HELPER_NAMES } from '../templates/packet-helpers.js';
import { DEFAULT_PACKET_RUNTIME_DIR, loadPacketRuntime, type PacketRuntimeModule } from '../templates/packet-runtime-loader.js';

let runtime: PacketRuntimeModule;
let helpers: Record<string, (...args: unknown[]) => unknown>;
const options = { hash: {} };

beforeAll(async () => {
  runtime = await loadPacketRuntime(DEFAULT_PACKET_RUNTIME_DIR);
  helpers = runtime.createHelpers('UTC');
});

describe('packet runtime (shared with the render worker)', () => {
  it('declares the same helpers, block helpers and forbidden names as the TypeScript side', () => {
    expect([...runtime.HELPER_NAMES].sort()).toEqual([...HELPER_NAMES].sort());
    expect(Object.keys(helpers).sort()).toEqual([...HELPER_NAMES].sort());
    expect([...runtime.BLOCK_HELPER_NAMES]).toEqual([...BLOCK_HELPER_NAMES]);
    expect([...runtime.FORBIDDEN_SEGMENTS]).toEqual([...FORBIDDEN_SEGMENTS]);
  });

  it('labels ratings as the scorecards feature does (the worker imports nothing, so its copy is held to that one)', () => {
    expect({ ...runtime.RATING_LABELS }).toEqual({ ...RATING_LABELS });
  });

  it('formats dates and times in UTC or a named time zone', () => {
    expect(helpers.formatDate('2026-11-29T23:30:00.000Z', options)).toBe('29 Nov 2026');
    expect(helpers.formatDate('2026-11-29T23:30:00.000Z', 'Europe/Berlin', options)).toBe('30 Nov 2026');
    expect(helpers.formatDateTime('2026-09-03T07:05:00.000Z', options)).toBe('3 Sep 2026, 07:05 UTC');
    expect(helpers.formatDateTime('2026-09-03T07:05:00.000Z', 'America/New_York', options)).toBe('3 Sep 2026, 03:05 America/New_York');
    expect(helpers.formatDateTime('2026-09-03T00:00:00.000Z', options)).toBe('3 Sep 2026, 00:00 UTC');
    expect(helpers.formatDate(null, options)).toBe('');
    expect(helpers.formatDate('not a date', options)).toBe('');
    expect(() => helpers.formatDate('2026-01-01T00:00:00Z', 'Mars/Olympus', options)).toThrow('Unknown time zone');
  });

  it('labels ratings, formats means, compares and joins', () => {
    expect(['strong_no', 'no', 'yes', 'strong_yes', 'not_assessed'].map((rating) => helpers.ratingLabel(rating, options))).toEqual([
      'Strong no',
      'No',
      'Yes',
      'Strong yes',
      'Not assessed',
    ]);
    expect(helpers.ratingLabel(null, options)).toBe('');
    expect(helpers.ratingLabel('constructor', options)).toBe('constructor');
    expect([helpers.formatMean(3.456, options), helpers.formatMean(3.456, 2, options), helpers.formatMean(null, options)]).toEqual(['3.5', '3.46', '–']);
    expect([helpers.eq('yes', 'yes', options), helpers.eq(1, '1', options)]).toEqual([true, false]);
    const pillars = [{ key: 'a', name: 'Alpha' }, { key: 'b', name: 'Beta' }];
    expect(helpers.join(pillars, ', ', { hash: { key: 'name' } })).toBe('Alpha, Beta');
    expect(helpers.join(['x', 'y', null], options)).toBe('x, y');
    expect(helpers.join('not a list', options)).toBe('');
    expect(() => helpers.join(pillars, ', ', { hash: { key: 'constructor' } })).toThrow('join: key must name a field');
    expect(helpers.join([Object.create({ name: 'inherited' })], ', ', { hash: { key: 'name' } })).toBe('');
  });

  it('escapes HTML values with Handlebars.escapeExpression, never trusting SafeString-like data', () => {
    const html = runtime.createPacketEnvironment(Handlebars, { format: 'html' });
    const render = (value: unknown) => html.compile('{{value}}')({ value });
    expect(render(`<a href="x" onclick='y'>\`=&`)).toBe('&lt;a href&#x3D;&quot;x&quot; onclick&#x3D;&#x27;y&#x27;&gt;&#x60;&#x3D;&amp;');
    expect(render(null)).toBe('');
    expect(render(3)).toBe('3');
    expect(render({ toHTML: () => '<b>forged</b>', toString: () => '<i>text</i>' })).toBe('&lt;i&gt;text&lt;/i&gt;');
  });

  it('escapes Markdown so that a value stays literal text', () => {
    const escape = runtime.escapeMarkdown;
    expect(escape('[click](javascript:alert(1))')).toBe('\\[click\\](javascript:alert(1))');
    expect(escape('![x](http://evil/x.png)')).toBe('!\\[x\\](http://evil/x.png)');
    expect(escape('<img src=x onerror=alert(1)>')).toBe('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    expect(escape('`code` *bold* _em_ ~~del~~ a|b \\')).toBe('\\`code\\` \\*bold\\* \\_em\\_ \\~\\~del\\~\\~ a\\|b \\\\');
    expect(escape('# heading\n## two\n- item\n+ item\n1. first\n12) twelfth\n---\n> quote')).toBe(
      '\\# heading\n\\## two\n\\- item\n\\+ item\n1\\. first\n12\\) twelfth\n\\---\n&gt; quote',
    );
    // Not at a line start, or not a marker: left readable.
    expect(escape('C# and F#, 4.0 out of 4, -3 degrees, #hashtag')).toBe('C# and F#, 4.0 out of 4, -3 degrees, #hashtag');
    expect(escape('line\r\n  # indented')).toBe('line\n  \\# indented');
  });

  it('compiles in an environment of its own, without lookup, log or inline partials', () => {
    const environment = runtime.createPacketEnvironment(Handlebars, { format: 'html' });
    expect(() => environment.compile('{{lookup this "constructor"}}')).toThrow(/unknown helper lookup/);
    expect(() => environment.compile('{{log "x"}}')).toThrow(/unknown helper log/);
    expect(() => environment.compile('{{#*inline "x"}}y{{/inline}}{{> x}}')({})).toThrow();
    expect(Handlebars.helpers.lookup).toBeDefined();
    expect(Handlebars.helpers.formatDate).toBeUndefined();
    expect(Handlebars.Utils.escapeExpression('<')).toBe('&lt;');
  });

  it('escapes {{ }} values per format, and leaves the global escaping alone', () => {
    const markdown = runtime.createPacketEnvironment(Handlebars, { format: 'markdown', partials: { name: '**{{name}}**' } });
    const html = runtime.createPacketEnvironment(Handlebars, { format: 'html', partials: { name: '<b>{{name}}</b>' } });
    const data = { name: '<b>*x*</b>' };
    expect(markdown.compile('{{name}} {{> name}}')(data)).toBe('&lt;b&gt;\\*x\\*&lt;/b&gt; **&lt;b&gt;\\*x\\*&lt;/b&gt;**');
    expect(html.compile('{{name}} {{> name}}')(data)).toBe('&lt;b&gt;*x*&lt;/b&gt; <b>&lt;b&gt;*x*&lt;/b&gt;</b>');
    expect(Handlebars.compile('{{name}}')(data)).toBe('&lt;b&gt;*x*&lt;/b&gt;');
  });

  it('renders Markdown prompts with the markdown helper: safe HTML in HTML, inert Markdown in Markdown', () => {
    const html = runtime.createPacketEnvironment(Handlebars, { format: 'html', markdownIt: MarkdownIt });
    const markdown = runtime.createPacketEnvironment(Handlebars, { format: 'markdown' });
    const prompt = 'Write `top_k(Q, E, k)`:\n\n- **fast**\n- <script>alert(1)</script> [x](javascript:alert(1)) ![i](http://evil/i.png)\n# Big';
    expect(html.compile('{{markdown prompt}}')({ prompt })).toBe(
      '<p>Write <code>top_k(Q, E, k)</code>:</p>\n<ul>\n<li><strong>fast</strong></li>\n' +
        '<li>&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1)) ![i](http://evil/i.png)\n# Big</li>\n</ul>\n',
    );
    expect(markdown.compile('{{markdown prompt}}')({ prompt })).toBe(
      'Write `top_k(Q, E, k)`:\n\n- **fast**\n- &lt;script>alert(1)&lt;/script> \\[x\\](javascript:alert(1)) !\\[i\\](http://evil/i.png)\n\\# Big',
    );
    // Code spans and fences keep their text as written; outside them, raw HTML is inert.
    expect(runtime.inertMarkdown('`a<b>` <b>\n```\n<div>\n```\n<i>')).toBe('`a<b>` &lt;b>\n```\n<div>\n```\n&lt;i>');
    // Only the helper's own output is trusted: a data value that looks like a SafeString is escaped.
    const fake = { toHTML: () => '<script>', toString: () => '<b>' };
    expect(html.compile('{{value}}')({ value: fake })).toBe('&lt;b&gt;');
    expect(() => html.compile('{{markdown value}}')({ value: fake })).toThrow('markdown: the argument must be a text');
    expect(html.compile('[{{markdown missing}}]')({ missing: null })).toBe('[]');
    // Without markdown-it the HTML helper says so instead of printing the source unescaped.
    expect(() => runtime.createPacketEnvironment(Handlebars, { format: 'html' }).compile('{{markdown p}}')({ p: 'x' })).toThrow(/no Markdown renderer/);
  });

  it('stops a loop whose output passes the limit', () => {
    const environment = runtime.createPacketEnvironment(Handlebars, { format: 'html' });
    const template = environment.compile('{{#each items}}{{#each ../items}}0123456789{{/each}}{{/each}}');
    const items = Array.from({ length: 100 }, (_, index) => index);
    expect(template({ items }).length).toBe(100_000);
    expect(() => template({ items }, 50_000)).toThrow(runtime.OutputTooLargeError);
    expect(template({ items }).length).toBe(100_000);
    // Many loops, each under the limit, add up past it.
    const many = environment.compile('{{#each items}}0123456789{{/each}}'.repeat(10));
    expect(many({ items }).length).toBe(10_000);
    expect(() => many({ items }, 5_000)).toThrow(runtime.OutputTooLargeError);
  });
});
