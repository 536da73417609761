import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '@loopwright/core';
import { PacketTemplateEngine } from './packet-template-engine.js';
import { MAX_TEMPLATE_SOURCE_BYTES } from './template-validator.js';

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

  it('refuses sources over 200 KB and unknown formats', () => {
    const big = `<p>{{candidate.name}}</p>${' '.repeat(MAX_TEMPLATE_SOURCE_BYTES)}`;
    expect(firstProblem(big)).toEqual({ line: 1, column: 1, problem: 'the template is larger than 200 KB' });
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
});
