import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '@loopwright/core';
import { PacketTemplateEngine } from './packet-template-engine.js';
import { MAX_TEMPLATE_SOURCE_BYTES } from './template-validator.js';
import { scanTemplateLimits } from './template-limits.js';

const engine = new PacketTemplateEngine({ templatesDir: path.resolve('templates') });
const firstProblem = (source: string, format: 'html' | 'markdown' = 'html') => engine.check(source, format)[0];

describe('custom template validation', () => {
  it('accepts the shipped templates and an ordinary custom template', () => {
    for (const file of ['default.html.hbs', 'default.md.hbs']) {
      const format = file.includes('.md.') ? 'markdown' : 'html';
      expect(engine.check(readFileSync(path.resolve('templates/packets', file), 'utf8'), format)).toEqual([]);
    }
    const custom = [
      '<h1>{{candidate.name}} for {{position.title}}</h1>',
      '<a href="mailto:{{candidate.email}}">mail</a>',
      '{{#each rounds as |round index|}}',
      '  <h2 class="round-{{index}}">{{round.title}} · {{@index}}{{#if @first}} (first){{/if}}</h2>',
      '  {{#each ratings}}<p>{{pillar.name}}: {{this.ratingLabel}} {{ratingLabel rating}} {{../title}} {{@root.candidate.name}}</p>{{/each}}',
      '  {{#with interviewer}}{{name}}{{/with}} {{formatDate startsAt "Europe/Berlin"}} {{join pillars " / " key="name"}}',
      '  {{#if (eq recommendation "strong_yes")}}★{{else if amended}}amended{{else}}–{{/if}}',
      '  {{> round}}',
      '{{else}}No rounds{{/each}}',
      '{{rounds.0.title}} {{rounds.length}} {{formatMean matrix.0.mean 2}} {{#unless loop.decision}}open{{/unless}}',
      '{{!-- a comment --}}',
    ].join('\n');
    expect(engine.check(custom, 'html')).toEqual([]);
    expect(() => engine.validate(custom, 'html')).not.toThrow();
  });

  it.each([
    ['{{constructor}}', 2, 5, '"constructor" is not allowed in a path'],
    ['{{__proto__}}', 2, 5, '"__proto__" is not allowed in a path'],
    ['{{this.constructor.name}}', 2, 5, '"constructor" is not allowed in a path'],
    ['{{candidate.[__defineGetter__]}}', 2, 5, '"__defineGetter__" is not allowed in a path'],
    ['{{@root.prototype}}', 2, 5, '"prototype" is not allowed in a path'],
    ['{{lookup this "constructor"}}', 2, 3, 'the helper "lookup" is not allowed'],
    ['{{log candidate}}', 2, 3, 'the helper "log" is not allowed'],
    ['{{#with constructor}}{{name}}{{/with}}', 2, 11, '"constructor" is not allowed in a path'],
    ['{{shout candidate.name}}', 2, 3, 'unknown helper "shout"'],
    ['{{candidate.salary}}', 2, 5, '"candidate.salary" is not a field of the packet view model'],
    ['{{#each rounds}}{{salary}}{{/each}}', 2, 21, '"salary" is not a field'],
    ['{{> unknown}}', 2, 3, 'unknown partial "unknown"'],
    ['{{> (lookup . "x")}}', 2, 3, 'dynamic partials are not allowed'],
    ['{{{candidate.name}}}', 2, 3, 'unescaped output'],
    ['{{& candidate.name}}', 2, 3, 'unescaped output'],
    ['{{#*inline "x"}}y{{/inline}}', 2, 3, 'decorators'],
    ['{{#candidate}}{{name}}{{/candidate}}', 2, 3, 'is not a block helper'],
    ['{{candidate}}', 2, 3, '"candidate" is an object'],
    ['{{#each candidate}}{{this}}{{/each}}', 2, 11, 'must be a list'],
    ['{{@index}}', 2, 5, '@index is only known inside {{#each}}'],
    ['{{../candidate.name}}', 2, 5, 'goes above the top'],
    ['{{formatDate generatedAt "Mars/Olympus"}}', 2, 28, 'unknown time zone'],
    ['{{#each rounds}}{{ratingLabel}}{{/each}}', 2, 19, '{{this.ratingLabel}}'],
    ['{{join pillars}}', 2, 3, 'key="field"'],
    ['<script>var x = "{{candidate.name}}";</script>', 2, 20, 'inside <script>'],
    ['<a href="{{candidate.email}}">x</a>', 2, 12, 'cannot start the href attribute'],
    ['<div onclick="go(\'{{candidate.name}}\')">', 2, 21, 'event handler'],
    ['<div class={{candidate.name}}>', 2, 14, 'quote the value'],
    ['<div {{candidate.name}}>', 2, 8, 'not in tag names or between attributes'],
  ])('refuses %s with its line and column', (hostile, line, column, problem) => {
    const source = `<p>Packet</p>\n  ${hostile}\n`;
    try {
      engine.validate(source, 'html');
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      const appError = error as AppError;
      expect(appError.code).toBe('TEMPLATE_INVALID');
      expect(appError.status).toBe(400);
      expect(appError.details).toMatchObject({ line, column });
      expect(String(appError.details?.problem)).toContain(problem);
      expect(appError.message).toContain(`line ${line}, column ${column}`);
    }
  });

  it('refuses values inside HTML tags and as link targets in Markdown templates', () => {
    expect(firstProblem('[mail]({{candidate.email}})', 'markdown')).toMatchObject({ line: 1, column: 8, problem: 'values cannot be link or image targets' });
    expect(firstProblem('x\n[ref]: {{candidate.email}}', 'markdown')).toMatchObject({ line: 2, problem: 'values cannot be link or image targets' });
    expect(firstProblem('<span title="{{candidate.name}}">', 'markdown')?.problem).toContain('inside HTML tags');
    expect(engine.check('**{{candidate.name}}** [fixed](https://example.com) {{candidate.email}}', 'markdown')).toEqual([]);
  });

  it('checks partials in the context they are called in', () => {
    expect(engine.check('{{#each rounds}}{{> round}}{{/each}}', 'html')).toEqual([]);
    expect(engine.check('{{#each rounds}}{{> round this}}{{/each}}', 'html')).toEqual([]);
    expect(firstProblem('x\n{{> round}}')).toMatchObject({ line: 2, column: 1 });
    expect(firstProblem('x\n{{> round}}')?.problem).toMatch(/^in partial "round" called here: /);
    expect(firstProblem('{{> round candidate}}')?.problem).toContain('in partial "round"');
    expect(firstProblem('{{> decision x=1}}')?.problem).toContain('no name=value arguments');
    expect(engine.check('{{> rating-cell}}', 'html').length).toBeGreaterThan(0);
    expect(engine.shippedPartials('html').sort()).toEqual(['decision', 'rating-cell', 'round']);
  });

  it('reports parse errors with the line and the column of the caret', () => {
    expect(firstProblem('<h1>{{candidate.name}}</h1>\n{{#each rounds}}\n  <p>{{title}</p>\n{{/each}}')).toMatchObject({ line: 3, column: 13 });
    expect(firstProblem('one\ntwo {{#if x}}\n')?.problem).toMatch(/^Parse error on line 3/);
    expect(firstProblem('{{#each rounds}}{{title}}{{/with}}')).toMatchObject({ line: 1, column: 4, problem: "each doesn't match with" });
    const long = `${'x'.repeat(50)}\n${'y'.repeat(40)} {{candidate.name}} {{#if}}`;
    // The excerpt in the message is cut to 20 characters; the block is never closed: the error is at the end.
    expect(firstProblem(long)).toMatchObject({ line: 2, column: 68 });
  });

  it('refuses sources over 256 KB and unknown formats', () => {
    const big = `<p>{{candidate.name}}</p>${' '.repeat(MAX_TEMPLATE_SOURCE_BYTES)}`;
    expect(firstProblem(big)).toEqual({ line: 1, column: 1, problem: 'the template is larger than 256 KB' });
    expect(firstProblem('x', 'pdf' as 'html')?.problem).toContain('unknown format');
  });

  it('lists every problem, first one in the error details', () => {
    try {
      engine.validate('{{constructor}}\n{{nope}}\n{{{candidate.name}}}', 'html');
      throw new Error('accepted');
    } catch (error) {
      const problems = (error as AppError).details?.problems as { line: number }[];
      expect(problems.map((problem) => problem.line)).toEqual([1, 2, 3]);
    }
  });

  describe('limits checked before parsing', () => {
    const nestedIfs = (depth: number): string => `${'{{#if candidate.name}}x'.repeat(depth)}${'{{/if}}'.repeat(depth)}`;
    const nestedEqs = (depth: number): string => `{{#if ${'(eq '.repeat(depth)}1 1${')'.repeat(depth)}}}x{{/if}}`;

    it('refuses blocks nested more than 64 deep, with where the 65th opens, without parsing', () => {
      expect(engine.check(nestedIfs(64), 'html')).toEqual([]);
      const problem = firstProblem(`<p>x</p>\n${nestedIfs(5_000)}`);
      expect(problem).toEqual({ line: 2, column: 64 * 23 + 1, problem: 'blocks are nested more than 64 deep' });
      // {{else if}} chains nest in the parse tree too; {{else}} and {{^}} do not add a level.
      const chain = `{{#if candidate.name}}${'{{else if candidate.email}}x'.repeat(100)}{{/if}}`;
      expect(firstProblem(chain)?.problem).toBe('blocks are nested more than 64 deep');
      expect(engine.check(`${'{{#if candidate.name}}a{{else}}b{{/if}}'.repeat(200)}`, 'html')).toEqual([]);
      expect(engine.check(`${'{{#if candidate.name}}a{{^}}b{{/if}}'.repeat(200)}`, 'html')).toEqual([]);
    });

    it('refuses subexpressions nested more than 64 deep (400, not a stack overflow)', () => {
      expect(firstProblem(nestedEqs(5_000))).toEqual({ line: 1, column: 6 + 64 * 4 + 1, problem: 'subexpressions are nested more than 64 deep' });
      expect(firstProblem(nestedEqs(10))?.problem).not.toContain('nested more than');
      expect(() => engine.validate(nestedEqs(100_000), 'html')).toThrow(expect.objectContaining({ code: 'TEMPLATE_INVALID', status: 400 }));
    });

    it('ignores what looks like nesting inside comments, strings, segments and escaped mustaches', () => {
      const opens = '{{#if x}}'.repeat(100);
      expect(scanTemplateLimits(`{{!-- ${opens} }} --}}{{! ${'(('.repeat(100)} }}`)).toBeNull();
      expect(scanTemplateLimits(`{{eq "${'('.repeat(100)}" '${'('.repeat(100)}'}} {{a.[${'('.repeat(100)}]}}`)).toBeNull();
      expect(scanTemplateLimits(`\\${opens}`.replaceAll('{{#', '\\{{#'))).toBeNull();
      expect(scanTemplateLimits(`{{{{raw}}}}${opens}{{{{/raw}}}}`)).toBeNull();
    });

    it('refuses more expressions than the limit and sources over the size limit, counted in UTF-8', () => {
      // {{a}} is two: the mustache and its path.
      expect(scanTemplateLimits('{{a}}'.repeat(6), { maxExpressions: 10 })).toMatchObject({ line: 1, column: 26, problem: 'the template has more than 10 expressions' });
      expect(scanTemplateLimits(`{{eq ${'1 '.repeat(20)}}}`, { maxExpressions: 10 })?.problem).toContain('more than 10 expressions');
      expect(scanTemplateLimits('{{a}}'.repeat(5), { maxExpressions: 10 })).toBeNull();
      expect(scanTemplateLimits('é'.repeat(600), { maxSourceBytes: 1024 })).toMatchObject({ problem: 'the template is larger than 1 KB' });
      expect(scanTemplateLimits('e'.repeat(600), { maxSourceBytes: 1024 })).toBeNull();
    });

    it('stops walking the parse tree past its time limit', () => {
      let time = 0;
      const slowClock = new PacketTemplateEngine({ templatesDir: path.resolve('templates'), validationLimits: { timeoutMs: 50, now: () => (time += 100) } });
      const many = '<p>{{candidate.name}}</p>'.repeat(1_000);
      expect(slowClock.check(many, 'html')).toEqual([{ line: 1, column: 1, problem: 'the template took longer than 50 ms to check: make it smaller or less nested' }]);
      expect(slowClock.check('<p>{{candidate.name}}</p>', 'html')).toEqual([]);
    });

    it('places values in long templates the same as before', () => {
      // Many values on one line and in one tag used to be checked by looking back over all the text before each.
      const html = `<p>${'{{candidate.name}} '.repeat(4_000)}</p><a title="${'{{candidate.name}}'.repeat(100)}">x</a>`;
      expect(engine.check(html, 'html')).toEqual([]);
      const markdown = `${'{{candidate.name}} '.repeat(4_000)}\n[x](https://example.com/{{candidate.name}}) [y]({{candidate.email}}) (a) {{candidate.name}}`;
      expect(engine.check(markdown, 'markdown').map((problem) => [problem.line, problem.column])).toEqual([[2, 25], [2, 49]]);
      expect(firstProblem(`<a title="x ${'y'.repeat(9_000)} {{candidate.name}}">`)?.problem).toContain('tag longer than 8 KB');
      expect(engine.check('<!-- {{candidate.name}} -->', 'html')[0]?.problem).toContain('HTML comments');
      expect(engine.check('<!-- x --> {{candidate.name}}', 'html')).toEqual([]);
      expect(engine.check('[ref]: https://x.test/{{candidate.name}} {{candidate.name}}', 'markdown')).toHaveLength(1);
    });
  });
});
