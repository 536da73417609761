import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '@loopwright/core';
import {
  PACKET_VIEW_MODEL_SCHEMA,
  buildPacketMatrix,
  roundProgress,
  tallyRecommendations,
  type PacketViewModel,
  type ViewModelField,
} from '../packet-view-model.js';
import { readExamplePacket } from './example-packet.js';
import { DEFAULT_RENDER_LIMITS, PacketTemplateEngine } from './packet-template-engine.js';

const templatesDir = path.resolve('templates');
const shippedSource = (file: string): string => readFileSync(path.join(templatesDir, 'packets', file), 'utf8');

/** Rejects with an AppError of this code (and returns it for more checks). */
async function appError(promise: Promise<unknown>, code: string): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    return error as AppError;
  }
  throw new Error(`expected ${code}, but it resolved`);
}

// ---------------------------------------------------------------------------------------------------------
// The XSS corpus goes into every free-text string of the view model (every string field the schema does not
// restrict to a list of values, and is not a time): names, titles, notes, summaries, prompts, reasons, ...

const XSS = [
  '# heading',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' onmouseover='alert(1)",
  '<a href="javascript:alert(1)">javascript:alert(1)</a>',
  '[click](javascript:alert(1)) ![x](http://evil/x.png) <img src="http://evil/y.png">',
  '`code` ```fence``` | a | b | ~~x~~ *y* _z_',
  '1. list',
  '- item',
].join('\n');

function poison(value: unknown, field: ViewModelField, except: string[]): unknown {
  if (field.kind === 'object') {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(record).map(([key, child]) => [key, except.includes(key) ? 'Plain text.' : poison(child, field.fields[key], except)]),
    );
  }
  if (field.kind === 'array') return (value as unknown[]).map((item) => poison(item, field.items, except));
  if (field.kind === 'string' && !field.values && typeof value === 'string') return XSS;
  return value;
}

/** The example with the corpus in every free text (the fields named in `except` get a plain text instead). */
const hostileViewModel = (except: string[] = []): PacketViewModel =>
  poison(readExamplePacket(), PACKET_VIEW_MODEL_SCHEMA, except) as PacketViewModel;

/** The rendered question prompts (Markdown made HTML by the markdown helper), and the document without them. */
const PROMPT = /<div class="prompt">([\s\S]*?)<\/div>/g;
const prompts = (html: string): string[] => [...html.matchAll(PROMPT)].map((match) => match[1]);
const withoutPrompts = (html: string): string => html.replace(PROMPT, '<div class="prompt"></div>');

/** Rendered Markdown holds only plain formatting elements, without a single attribute. */
function expectPlainMarkup(fragment: string): void {
  for (const tag of fragment.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g)) {
    expect([
      'p',
      'em',
      'strong',
      's',
      'code',
      'pre',
      'ul',
      'ol',
      'li',
      'blockquote',
      'hr',
      'br',
      'table',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
    ]).toContain(tag[1].toLowerCase());
    expect(tag[2].trim()).toBe('');
  }
}

/** A copy of the example whose rounds from `from` (0-based) have no submitted scorecard. */
function withPendingRounds(model: PacketViewModel, from: number): PacketViewModel {
  model.rounds = model.rounds.map((round, index) =>
    index < from
      ? round
      : {
          ...round,
          ratings: [],
          questions: [],
          recommendation: null,
          recommendationLabel: '',
          summary: null,
          submittedAt: null,
          submitted: false,
          amended: false,
          amendments: [],
        },
  );
  return {
    ...model,
    matrix: buildPacketMatrix(model.pillars, model.rounds),
    tally: tallyRecommendations(model.rounds),
    ...roundProgress(model.rounds),
  };
}

const tagNames = (html: string): string[] => [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)/g)].map((match) => match[1].toLowerCase());

function expectSafeHtml(document: string, benign: string): void {
  for (const prompt of prompts(document)) expectPlainMarkup(prompt);
  const html = withoutPrompts(document);
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<img/i);
  expect(html).not.toMatch(/<a[\s>]/i);
  expect(html).not.toMatch(/\bon(error|mouseover)\s*=/i);
  expect(html).not.toMatch(/(href|src)\s*=\s*["']?\s*javascript:/i);
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  // The document has exactly the elements of the benign packet: no value opened or closed a tag.
  expect(tagNames(html)).toEqual(tagNames(withoutPrompts(benign)));
}

const MARKDOWN_HEADINGS =
  /^(# Candidate packet: |## Decision$|## Ratings by pillar and round$|## Round \d+: |### (Ratings|Questions asked|Summary)$|#### .+ \(version \d+\)$)/;

function expectSafeMarkdown(markdown: string, rounds: number): void {
  expect(markdown).not.toMatch(/<[a-zA-Z/!?]/); // no raw HTML at all
  expect(markdown).not.toMatch(/\bon(error|mouseover)\s*=/i);
  expect(markdown).not.toMatch(/(^|[^\\])!?\[/m); // no link or image can open
  expect(markdown).not.toMatch(/(^|[^\\])`/m); // no code span
  expect(markdown).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  for (const line of markdown.split('\n')) {
    if (line.startsWith('#')) expect(line).toMatch(MARKDOWN_HEADINGS);
    expect(line).not.toMatch(/^\s*(1\.|-) (list|item)$/);
  }
  // Every matrix row keeps its cells: pillar, one per round, mean.
  const rows = markdown.split('\n').filter((line) => line.startsWith('| ') || line.startsWith('|---'));
  expect(rows).toHaveLength(2 + 4);
  for (const row of rows) expect(row.match(/(^|[^\\])\|/g)).toHaveLength(rounds + 3);
}

describe('PacketTemplateEngine', () => {
  const engine = new PacketTemplateEngine({ templatesDir });

  afterAll(async () => {
    await engine.close();
  });

  it('gives other pages the markdown helper’s renderer: emphasis and lists, never raw HTML, links or headings', async () => {
    const markdown = await engine.markdownRenderer();
    const html = markdown.render('# Title\n\nExplain **one** step:\n\n- a\n\n<script>alert(1)</script> [x](javascript:alert(1))');
    expect(html).toContain('<strong>one</strong>');
    expect(html).toContain('<li>a</li>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toMatch(/<h1|<a |<script/);
    expect(await engine.markdownRenderer()).toBe(markdown);
  });

  describe('shipped templates', () => {
    it('lists them', () => {
      expect(engine.shippedTemplates()).toEqual([
        { name: 'default', format: 'html' },
        { name: 'default', format: 'markdown' },
      ]);
    });

    it('renders default.html.hbs from the example packet', async () => {
      const html = await engine.render({ name: 'default', format: 'html' }, readExamplePacket());
      expect(html).toMatchSnapshot();
      expect(html).toContain('<h1>Ada Lovelace</h1>');
      expect(html).toContain('Amended after submission');
      expect(html).not.toMatch(/(src|href)=|@import|url\(/); // self-contained: nothing to fetch
    });

    it('renders default.md.hbs from the example packet', async () => {
      const markdown = await engine.render({ name: 'default', format: 'markdown' }, readExamplePacket());
      expect(markdown).toMatchSnapshot();
      expect(markdown).toContain('| Practical coding | – | Yes | Strong yes | – | – | – | 3.5 |');
    });

    it('renders a loop without decision or submitted scorecards: a sentence, not an empty table', async () => {
      const model = withPendingRounds(readExamplePacket(), 0);
      model.loop = { status: 'scheduled', statusLabel: 'Scheduled', decision: null, decisionLabel: '', decisionNote: null, decidedAt: null };
      const html = await engine.render({ name: 'default', format: 'html' }, model);
      expect(html).toContain('No decision yet (Scheduled).');
      expect(html).toContain('No scorecard has been submitted yet, so there are no ratings to show.');
      expect(html).not.toContain('<table');
      expect(html).not.toContain('<section class="round">');
      const markdown = await engine.render({ name: 'default', format: 'markdown' }, model);
      expect(markdown).toContain('No decision yet (Scheduled).');
      expect(markdown).toContain('No scorecard has been submitted yet, so there are no ratings to show.');
      expect(markdown).not.toContain('| Pillar |');

      const noRounds = { ...model, rounds: [], matrix: [], pillars: [], ...roundProgress([]) };
      for (const format of ['html', 'markdown'] as const) {
        const output = await engine.render({ name: 'default', format }, noRounds);
        expect(output).toContain('This loop has no rounds yet, so there are no ratings to show.');
        expect(output).not.toContain('Not yet submitted');
      }
    });

    it('lists the rounds without a submitted scorecard in one line instead of a section each', async () => {
      const model = withPendingRounds(readExamplePacket(), 4);
      const html = await engine.render({ name: 'default', format: 'html' }, model);
      expect(html).toContain(
        '<p class="pending"><span class="label">Not yet submitted:</span> Project deep dive (Margaret Hamilton), Hiring manager conversation (Grace Hopper)</p>',
      );
      expect(html.match(/<section class="round">/g)).toHaveLength(4);
      expect(html).toContain('<th scope="col">Project deep dive<span class="pending-mark">not submitted</span></th>');
      expect(html).not.toContain('No submitted scorecard.');
      const markdown = await engine.render({ name: 'default', format: 'markdown' }, model);
      expect(markdown).toContain(
        '**Not yet submitted:** Project deep dive (Margaret Hamilton), Hiring manager conversation (Grace Hopper)',
      );
      expect(markdown.match(/^## Round \d+: /gm)).toHaveLength(4);
      expect(markdown).toContain('| Project deep dive (not submitted) |');
    });

    it('lets rounds flow: no page break before a round, none inside one', async () => {
      const html = await engine.render({ name: 'default', format: 'html' }, readExamplePacket());
      expect(html).not.toMatch(/page-break-before|break-before/);
      const roundRule = /\.round \{([^}]*)\}/.exec(html)?.[1] ?? '';
      expect(roundRule).toContain('break-inside: avoid');
      expect(html.match(/<section class="round">/g)).toHaveLength(6);
    });

    it('shows what each amendment changed, not only why', async () => {
      const html = await engine.render({ name: 'default', format: 'html' }, readExamplePacket());
      expect(html).toContain('<li>Practical coding: <del>Yes</del> → <ins>Strong yes</ins></li>');
      expect(html).toContain('<li>AI systems design: <del>No</del> → <ins>Not assessed</ins></li>');
      // Texts (summary, evidence) change as a before and an after, not struck through inline.
      expect(html).toMatch(
        /<li class="text-change">Summary changed:\s*<div class="before"><span class="label">Before:<\/span> <span class="text">Good fit for the team; no concens\.<\/span><\/div>\s*<div class="after"><span class="label">After:<\/span> <span class="text">Good fit for the team; no concerns\.<\/span><\/div>/,
      );
      const markdown = await engine.render({ name: 'default', format: 'markdown' }, readExamplePacket());
      expect(markdown).toContain(
        '- 25 Nov 2026, 08:15 UTC: Raised the coding rating after re-reading the submitted code: the tests covered the edge cases.\n' +
          '  - Practical coding: Yes → Strong yes\n',
      );
      expect(markdown).toContain('  - Summary changed:\n    - Before: Good fit for the team; no concens.\n    - After: Good fit for the team; no concerns.\n');
      const cleared = readExamplePacket();
      cleared.rounds[2].amendments[0].changes = [{ field: 'rating', label: 'Practical coding', before: '', after: 'Yes' }];
      expect(await engine.render({ name: 'default', format: 'html' }, cleared)).toContain(
        '<li>Practical coding: <del>–</del> → <ins>Yes</ins></li>',
      );
    });

    it('explains the scale and the mean, shows labels, and marks the packet confidential', async () => {
      for (const format of ['html', 'markdown'] as const) {
        const output = await engine.render({ name: 'default', format }, readExamplePacket());
        expect(output).toMatch(/Scale: Strong no = 1.{1,3}No = 2.{1,3}Yes = 3.{1,3}Strong yes = 4\. The mean averages a pillar’s assessed ratings/);
        expect(output).toContain('“Not assessed” counts in no mean');
        expect(output).toContain('Confidential — for the hiring committee');
        expect(output).not.toContain('ai_engineer');
      }
      const html = await engine.render({ name: 'default', format: 'html' }, readExamplePacket());
      expect(html).toContain('<dd>Senior · AI engineer</dd>');
      expect(html).toMatch(/@media screen[^{]*\{[^}]*html \{ background/);
      expect(await engine.render({ name: 'default', format: 'markdown' }, readExamplePacket())).toContain('**Position:** AI Engineer (Senior, AI engineer)');
    });

    it('answers 404 for a template that is not shipped', async () => {
      await appError(engine.render({ name: 'fancy', format: 'html' }, readExamplePacket()), 'NOT_FOUND');
    });

    it('renders the same in the worker as in-process', async () => {
      for (const [file, format] of [
        ['default.html.hbs', 'html'],
        ['default.md.hbs', 'markdown'],
      ] as const) {
        const inProcess = await engine.render({ name: 'default', format }, readExamplePacket());
        expect(await engine.renderUntrusted(shippedSource(file), format, readExamplePacket())).toBe(inProcess);
      }
    });
  });

  describe('XSS corpus in every user-entered field', () => {
    it('comes out escaped in HTML', async () => {
      const benign = await engine.render({ name: 'default', format: 'html' }, readExamplePacket());
      const html = await engine.render({ name: 'default', format: 'html' }, hostileViewModel());
      expectSafeHtml(html, benign);
      expect(html).toContain('&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
      expect(html).toContain('&#x27; onmouseover&#x3D;&#x27;alert(1)');
    });

    it('comes out escaped in Markdown', async () => {
      // Prompts are Markdown on purpose (see the markdown helper below); every other text is inert.
      const markdown = await engine.render({ name: 'default', format: 'markdown' }, hostileViewModel(['prompt']));
      expectSafeMarkdown(markdown, 6);
      expect(markdown).toContain('\\[click\\](javascript:alert(1)) !\\[x\\](http://evil/x.png)');
      expect(markdown).toContain('\\# heading');
    });

    it('comes out escaped from custom templates rendered in the worker', async () => {
      const benign = await engine.renderUntrusted(shippedSource('default.html.hbs'), 'html', readExamplePacket());
      expectSafeHtml(await engine.renderUntrusted(shippedSource('default.html.hbs'), 'html', hostileViewModel()), benign);
      expectSafeMarkdown(await engine.renderUntrusted(shippedSource('default.md.hbs'), 'markdown', hostileViewModel(['prompt'])), 6);
    });

    it('accepts the new helper and fields in custom templates', () => {
      const source =
        '{{position.levelLabel}} {{position.roleFamilyLabel}} {{submittedRoundCount}}{{#each pendingRounds}}{{number}} {{title}} {{interviewer.name}}{{/each}}' +
        '{{#each rounds}}{{#if submitted}}{{#each questions}}{{markdown prompt}}{{/each}}{{#each amendments}}{{#each changes}}{{field}} {{label}} {{before}} {{after}}{{/each}}{{/each}}{{/if}}{{/each}}';
      for (const format of ['html', 'markdown'] as const) expect(engine.check(source, format)).toEqual([]);
      expect(engine.check('{{markdown rounds}}', 'html').length).toBeGreaterThan(0);
    });

    it('renders question prompts as Markdown, without raw HTML, links, images or headings', async () => {
      const model = readExamplePacket();
      model.rounds[0].questions[0].prompt = XSS;
      const html = await engine.render({ name: 'default', format: 'html' }, model);
      const [prompt] = prompts(html);
      expectPlainMarkup(prompt);
      expect(prompt).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(prompt).toContain('[click](javascript:alert(1)) ![x](http://evil/x.png) &lt;img src=&quot;http://evil/y.png&quot;&gt;');
      expect(prompt).toContain('<code>code</code>');
      expect(prompt).toContain('<em>y</em>');
      expect(prompt).toContain('<ol>\n<li>list</li>\n</ol>');
      expect(prompt).toContain('<p># heading\n');
      expect(html).not.toMatch(/<script|<img|<a[\s>]|<h[1-6]>#/i);
      // The same prompt in the worker (custom templates) renders the same.
      expect(await engine.renderUntrusted(shippedSource('default.html.hbs'), 'html', model)).toBe(html);

      const markdown = await engine.render({ name: 'default', format: 'markdown' }, model);
      expect(markdown).toContain(
        [
          '\\# heading',
          '&lt;script>alert(1)&lt;/script>',
          '">&lt;img src=x onerror=alert(1)>',
          "' onmouseover='alert(1)",
          '&lt;a href="javascript:alert(1)">javascript:alert(1)&lt;/a>',
          '\\[click\\](javascript:alert(1)) !\\[x\\](http://evil/x.png) &lt;img src="http://evil/y.png">',
          '`code` ```fence``` | a | b | ~~x~~ *y* _z_',
          '1. list',
          '- item',
        ].join('\n'),
      );
      expect(markdown).not.toMatch(/<[a-zA-Z/!?]/);
    });
  });

  describe('custom templates', () => {
    it('renders in a worker with the packet helpers and the shipped partials', async () => {
      const source = '{{candidate.name}}: {{formatDate generatedAt}}, {{ratingLabel rounds.0.recommendation}}, {{join pillars "/" key="key"}}';
      expect(await engine.renderUntrusted(source, 'html', readExamplePacket())).toBe(
        'Ada Lovelace: 29 Nov 2026, Strong yes, foundations/coding/system-design/behavioral',
      );
      const decision = await engine.renderUntrusted('{{> decision}}', 'markdown', readExamplePacket());
      expect(decision).toContain('**Hire**, decided 28 Nov 2026, 16:00 UTC');
    });

    it('still denies prototype access when validation is bypassed', async () => {
      const model = readExamplePacket();
      const probes = '[{{constructor}}][{{__proto__}}][{{#with constructor}}{{name}}{{/with}}][{{candidate.constructor}}][{{#each rounds}}{{constructor}}{{/each}}]';
      expect(await engine.renderUntrusted(probes, 'html', model)).toBe('[][][][][]');
      await appError(engine.renderUntrusted('{{lookup this "constructor"}}', 'html', model), 'TEMPLATE_INVALID');
      await appError(engine.renderUntrusted('{{log "x"}}', 'html', model), 'TEMPLATE_INVALID');
      await appError(engine.renderUntrusted('{{#with (lookup this "constructor")}}{{name}}{{/with}}', 'html', model), 'TEMPLATE_INVALID');
      const failed = await appError(engine.renderUntrusted('{{this.constructor.name}}', 'html', model), 'TEMPLATE_RENDER_FAILED');
      expect(failed.status).toBe(422);
      await appError(engine.renderUntrusted('{{> constructor}}', 'html', model), 'TEMPLATE_RENDER_FAILED');
      await appError(engine.renderUntrusted('{{#*inline "x"}}{{> x}}{{/inline}}{{> x}}', 'html', model), 'TEMPLATE_INVALID');
      const unescaped = await appError(engine.renderUntrusted('ok\n {{{candidate.name}}}', 'markdown', model), 'TEMPLATE_INVALID');
      expect(unescaped.details).toMatchObject({ line: 2, column: 2, problem: 'unescaped output ({{{ }}} or {{& }}) is not allowed' });
      await appError(engine.renderUntrusted('{{& candidate.name}}', 'html', model), 'TEMPLATE_INVALID');
    });

    it('reports compile errors as TEMPLATE_INVALID with the line and column, and strict misses as TEMPLATE_RENDER_FAILED', async () => {
      const invalid = await appError(engine.renderUntrusted('ok\n{{#each rounds}}', 'html', readExamplePacket()), 'TEMPLATE_INVALID');
      expect(invalid.details).toMatchObject({ line: expect.any(Number) });
      const missing = await appError(engine.renderUntrusted('ok\n  {{candidate.salary}}', 'html', readExamplePacket()), 'TEMPLATE_RENDER_FAILED');
      expect(missing.details).toMatchObject({ line: 2, column: 5 });
    });
  });

  describe('resource limits', () => {
    // A time limit no busy machine reaches for quick renders; the slow ones below set their own.
    const limited = new PacketTemplateEngine({ templatesDir, workers: 1, maxQueue: 2, limits: { timeoutMs: 10 * 60_000 } });
    /** The example with 2,000 rounds: nested loops over it run for long or grow huge. */
    const bigViewModel = (): PacketViewModel => {
      const model = readExamplePacket();
      model.rounds = Array.from({ length: 2_000 }, (_, index) => ({ ...model.rounds[index % 6], number: index + 1 }));
      return model;
    };

    afterAll(async () => {
      await limited.close();
    });

    it('has a 5 MB output limit and a 2 s time limit by default', () => {
      expect(DEFAULT_RENDER_LIMITS).toEqual({ maxOutputBytes: 5 * 1024 * 1024, timeoutMs: 2_000 });
    });

    it('stops a render whose output passes its limit, however long it would take', async () => {
      // A tiny output limit and a time limit no busy machine reaches: only the output limit can stop these.
      const small = new PacketTemplateEngine({ templatesDir, workers: 1, limits: { maxOutputBytes: 64 * 1024, timeoutMs: 10 * 60_000 } });
      try {
        const error = await appError(
          small.renderUntrusted('{{#each rounds}}{{#each ../rounds}}<p>{{title}}</p>{{/each}}{{/each}}', 'html', bigViewModel()),
          'TEMPLATE_OUTPUT_TOO_LARGE',
        );
        expect(error.status).toBe(422);
        expect(error.details).toEqual({ maxOutputBytes: 64 * 1024 });
        const model = readExamplePacket();
        model.rounds[0].summary = 'x'.repeat(40 * 1024);
        await appError(small.renderUntrusted('{{rounds.0.summary}}{{rounds.0.summary}}', 'html', model), 'TEMPLATE_OUTPUT_TOO_LARGE');
        expect(await small.renderUntrusted('{{rounds.0.summary}}', 'html', model)).toHaveLength(40 * 1024);
        await appError(small.renderUntrusted('{{#each rounds}}{{title}}{{/each}}', 'html', readExamplePacket(), { maxOutputBytes: 50 }), 'TEMPLATE_OUTPUT_TOO_LARGE');
      } finally {
        await small.close();
      }
    });

    it('stops a render that runs past its time limit, and the main thread stays responsive meanwhile', async () => {
      // Three nested loops over 2,000 rounds: billions of steps, past any time limit on any machine.
      const endless = '{{#each rounds}}{{#each @root.rounds}}{{#each @root.rounds}}{{/each}}{{/each}}{{/each}}';
      let settled = false;
      const render = limited.renderUntrusted(endless, 'html', bigViewModel(), { timeoutMs: 1_000 }).finally(() => {
        settled = true;
      });
      // The main thread is free while the worker renders: timers run before the render ends (a render on the
      // main thread would end, synchronously, before any).
      let ticks = 0;
      while (!settled && ticks < 3) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        if (!settled) ticks++;
      }
      const error = await appError(render, 'TEMPLATE_TIMEOUT');
      expect(error.details).toEqual({ timeoutMs: 1_000 });
      expect(ticks).toBeGreaterThanOrEqual(1);
      // The terminated worker is replaced: the next render works.
      expect(await limited.renderUntrusted('{{candidate.name}}', 'html', readExamplePacket())).toBe('Ada Lovelace');
    });

    it('queues renders per worker and refuses past the queue limit', async () => {
      const slow = '{{#each rounds}}{{#each @root.rounds}}{{#each @root.rounds}}{{/each}}{{/each}}{{/each}}';
      const model = bigViewModel();
      const first = limited.renderUntrusted(slow, 'html', model, { timeoutMs: 200 });
      const second = limited.renderUntrusted('{{candidate.name}}', 'html', readExamplePacket());
      const third = limited.renderUntrusted('{{candidate.name}}', 'html', readExamplePacket());
      const fourth = limited.renderUntrusted('{{candidate.name}}', 'html', readExamplePacket());
      const busy = await appError(fourth, 'TEMPLATE_RENDERER_BUSY');
      expect(busy.status).toBe(503);
      await appError(first, 'TEMPLATE_TIMEOUT');
      expect(await second).toBe('Ada Lovelace');
      expect(await third).toBe('Ada Lovelace');
    });
  });
});
