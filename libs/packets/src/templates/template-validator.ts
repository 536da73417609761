import Handlebars from 'handlebars';
import { PACKET_VIEW_MODEL_SCHEMA, type ViewModelField } from '../packet-view-model.js';
import type { TemplateProblem } from '../packets.errors.js';
import { BLOCK_HELPER_NAMES, FORBIDDEN_SEGMENTS, HELPER_SIGNATURES, isTimeZone, type HelperParam } from './packet-helpers.js';
import type { PacketFormat } from './template-formats.js';
import { DEFAULT_VALIDATION_LIMITS, scanTemplateLimits, type TemplateValidationLimits } from './template-limits.js';

export { MAX_TEMPLATE_SOURCE_BYTES } from './template-limits.js';
const MAX_PROBLEMS = 50;
/** How many nodes the walk visits between looks at the clock. */
const CLOCK_EVERY = 256;

/** Thrown inside the walk when it passes its time limit. */
class ValidationBudgetExceeded extends Error {}

type Node = hbs.AST.Node;
type Program = hbs.AST.Program;
type Expression = hbs.AST.Expression;
type PathExpression = hbs.AST.PathExpression;

/** What a template sees at one point: the context stack (`../`), block parameters and `#each` data frames. */
interface Scope {
  contexts: ViewModelField[];
  blockParams: Map<string, ViewModelField>[];
  eachDepth: number;
  partials: string[];
}

const NUMBER: ViewModelField = { kind: 'number', description: '' };
const BOOLEAN: ViewModelField = { kind: 'boolean', description: '' };
const TEXT: ViewModelField = { kind: 'string', description: '' };
const EACH_DATA: Readonly<Record<string, ViewModelField>> = { index: NUMBER, first: BOOLEAN, last: BOOLEAN, key: NUMBER };
const FORBIDDEN = new Set(FORBIDDEN_SEGMENTS);
const HELPERS = new Map(Object.entries(HELPER_SIGNATURES));
const BLOCK_HELPERS = new Set(BLOCK_HELPER_NAMES);
const URL_ATTRIBUTES = new Set(['href', 'src', 'srcset', 'action', 'formaction', 'xlink:href', 'poster', 'background', 'cite', 'data', 'ping', 'manifest', 'codebase']);

const describeKind = (field: ViewModelField): string =>
  field.kind === 'object' ? 'an object' : field.kind === 'array' ? 'a list' : field.kind === 'datetime' ? 'a date-time' : `a ${field.kind}`;

const isScalar = (field: ViewModelField): boolean => field.kind !== 'object' && field.kind !== 'array';

/** Handlebars leaves `hash` undefined when a mustache has no name=value arguments. */
const pairs = (hash: hbs.AST.Hash | undefined): hbs.AST.HashPair[] => hash?.pairs ?? [];

/** Reads "Parse error on line 4: ...\n<excerpt>\n-----^" into a line and the column of the caret in the source. */
export function parseErrorPosition(source: string, message: string): { line: number; column: number } {
  const line = Number(/on line (\d+)/.exec(message)?.[1] ?? 1);
  const lines = message.split('\n');
  const caretIndex = lines.findIndex((text) => /^-*\^$/.test(text));
  if (caretIndex < 1) return { line, column: 1 };
  const caret = lines[caretIndex].length - 1;
  // The excerpt is the last 20 characters before the error with line breaks removed, maybe after "...".
  const excerpt = lines[caretIndex - 1].slice(0, caret);
  const before = excerpt.startsWith('...') ? excerpt.slice(3) : excerpt;
  const sourceLines = source.split('\n');
  const errorLine = sourceLines[line - 1] ?? '';
  const precedingText = sourceLines.slice(0, line - 1).join('');
  for (let column = 0; column <= errorLine.length; column++) {
    if ((precedingText + errorLine.slice(0, column)).endsWith(before)) return { line, column: column + 1 };
  }
  return { line, column: Math.min(caret + 1, errorLine.length + 1) };
}

/** Parses a template, turning Handlebars' errors into a problem with a 1-based line and column. */
export function parseTemplate(source: string): { ast: Program } | { problem: TemplateProblem } {
  try {
    return { ast: Handlebars.parse(source) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const withLocation = error as { lineNumber?: number; column?: number };
    if (typeof withLocation.lineNumber === 'number') {
      return {
        problem: { line: withLocation.lineNumber, column: (withLocation.column ?? 0) + 1, problem: message.replace(/ - \d+:\d+$/, '') },
      };
    }
    const position = parseErrorPosition(source, message);
    const summary = message.split('\n').filter((text) => !/^-*\^$/.test(text));
    const expecting = summary.find((text) => text.startsWith('Expecting'));
    const headline = summary[0].replace(/:$/, '');
    return { problem: { ...position, problem: expecting ? `${headline}: ${expecting.replace(/^Expecting /, 'expecting ')}` : headline } };
  }
}

/**
 * Checks a template against what packets allow, walking its parse tree with the view model's schema:
 * registered helpers only (plus `if`, `unless`, `each`, `with`), known view model paths only (following the
 * context into `#each` and `#with`, `this`, `../`, `@root`, `@index`/`@first`/`@last`, block parameters), no
 * prototype-ish segments, the shipped partials only (checked in the context they are called in), no
 * unescaped output, no decorators, and values only where escaping protects them (not in `<script>`, event
 * handler or unquoted attributes, not as the start of a URL; in Markdown not inside HTML tags or link targets).
 */
export function validatePacketTemplate(
  source: string,
  format: PacketFormat,
  partials: ReadonlyMap<string, Program>,
  limits: Partial<TemplateValidationLimits> = {},
): { ast: Program | null; problems: TemplateProblem[] } {
  const budget = { ...DEFAULT_VALIDATION_LIMITS, ...limits };
  // Linear, before Handlebars.parse: the parser and the walk below grow faster than linearly with nesting.
  const tooCostly = scanTemplateLimits(source, budget);
  if (tooCostly) return { ast: null, problems: [tooCostly] };
  const parsed = parseTemplate(source);
  if ('problem' in parsed) return { ast: null, problems: [parsed.problem] };
  const now = budget.now ?? (() => performance.now());
  const walker = new TemplateWalker(source, format, partials, now() + budget.timeoutMs, now);
  try {
    walker.program(parsed.ast, { contexts: [PACKET_VIEW_MODEL_SCHEMA], blockParams: [], eachDepth: 0, partials: [] });
  } catch (error) {
    if (error instanceof ValidationBudgetExceeded) {
      return { ast: null, problems: [{ line: 1, column: 1, problem: `the template took longer than ${budget.timeoutMs} ms to check: make it smaller or less nested` }] };
    }
    if (error instanceof RangeError) return { ast: null, problems: [{ line: 1, column: 1, problem: 'the template is nested too deeply to check' }] };
    throw error;
  }
  return { ast: parsed.ast, problems: walker.problems };
}

class TemplateWalker {
  readonly problems: TemplateProblem[] = [];
  private readonly lineStarts: number[] = [0];
  /** Set while walking a shipped partial: its problems are reported at the call. */
  private callSite: { node: Node; name: string } | null = null;
  private readonly placement: PlacementIndex;
  private visited = 0;

  constructor(
    private readonly source: string,
    private readonly format: PacketFormat,
    private readonly partials: ReadonlyMap<string, Program>,
    private readonly deadline: number,
    private readonly now: () => number,
  ) {
    for (let index = source.indexOf('\n'); index !== -1; index = source.indexOf('\n', index + 1)) this.lineStarts.push(index + 1);
    this.placement = new PlacementIndex(source);
  }

  /** Counts a visited node; looks at the clock every few hundred. */
  private tick(): void {
    if (++this.visited % CLOCK_EVERY === 0 && this.now() > this.deadline) throw new ValidationBudgetExceeded();
  }

  private report(node: Node, problem: string): void {
    if (this.problems.length >= MAX_PROBLEMS) return;
    const at = this.callSite?.node ?? node;
    const text = this.callSite ? `in partial "${this.callSite.name}" called here: ${problem}` : problem;
    const line = at.loc?.start.line ?? 1;
    const column = (at.loc?.start.column ?? 0) + 1;
    if (this.problems.some((known) => known.line === line && known.column === column && known.problem === text)) return;
    this.problems.push({ line, column, problem: text });
  }

  program(program: Program | undefined, scope: Scope): void {
    for (const statement of program?.body ?? []) this.statement(statement, scope);
  }

  private statement(node: hbs.AST.Statement, scope: Scope): void {
    this.tick();
    switch (node.type) {
      case 'ContentStatement':
      case 'CommentStatement':
        return;
      case 'MustacheStatement':
        return this.mustache(node as hbs.AST.MustacheStatement, scope);
      case 'BlockStatement':
        return this.block(node as hbs.AST.BlockStatement, scope);
      case 'PartialStatement':
        return this.partial(node as hbs.AST.PartialStatement, scope);
      case 'PartialBlockStatement':
        return this.report(node, 'partial blocks ({{#> name}}) are not allowed; call the partial with {{> name}}');
      case 'Decorator':
      case 'DecoratorBlock':
        return this.report(node, 'decorators (such as {{#*inline}}) are not allowed');
      default:
        return this.report(node, `${node.type} is not allowed`);
    }
  }

  private mustache(node: hbs.AST.MustacheStatement, scope: Scope): void {
    if (!node.escaped) {
      this.report(node, 'unescaped output ({{{ }}} or {{& }}) is not allowed: write {{ }}, values are always escaped');
    }
    if (!this.callSite) this.checkPlacement(node);
    if (node.path.type !== 'PathExpression') {
      this.report(node, 'a literal cannot be output: write the text in the template itself');
      return;
    }
    const path = node.path as PathExpression;
    if (this.isHelperCall(path, node.params.length + pairs(node.hash).length > 0)) {
      this.helperCall(node, path, node.params, node.hash, scope);
      return;
    }
    if (node.params.length > 0 || pairs(node.hash).length > 0) {
      this.report(node, `unknown helper "${path.original}"; the helpers are ${[...HELPERS.keys()].join(', ')}`);
      return;
    }
    const field = this.resolve(path, scope);
    if (field && !isScalar(field)) {
      this.report(node, `"${path.original}" is ${describeKind(field)}: output one of its fields${field.kind === 'array' ? ' inside {{#each}}' : ''}`);
    }
  }

  /** A bare name is a helper call when it names a helper (Handlebars' knownHelpers rule), a name with arguments always. */
  private isHelperCall(path: PathExpression, hasArguments: boolean): boolean {
    const simple = !path.data && path.depth === 0 && path.parts.length === 1 && !/^\.|this\b/.test(path.original);
    if (!simple) return false;
    return hasArguments || HELPERS.has(path.parts[0]) || BLOCK_HELPERS.has(path.parts[0]);
  }

  private helperCall(node: Node, path: PathExpression, params: Expression[], hash: hbs.AST.Hash | undefined, scope: Scope): ViewModelField | null {
    const name = path.parts[0];
    if (FORBIDDEN.has(name) || name === 'lookup' || name === 'log' || name === 'helperMissing' || name === 'blockHelperMissing') {
      this.report(node, `the helper "${name}" is not allowed`);
      return null;
    }
    if (BLOCK_HELPERS.has(name)) {
      this.report(node, `"${name}" is a block helper: write {{#${name} ...}}...{{/${name}}}`);
      return null;
    }
    const signature = HELPERS.get(name);
    if (!signature) {
      this.report(node, `unknown helper "${name}"; the helpers are ${[...HELPERS.keys()].join(', ')}`);
      return null;
    }
    if (params.length < signature.min || params.length > signature.max) {
      const expected = signature.min === signature.max ? `${signature.min}` : `${signature.min} to ${signature.max}`;
      const hint = name === 'ratingLabel' && params.length === 0 ? '; to output the field of that name write {{this.ratingLabel}}' : '';
      this.report(node, `the helper "${name}" takes ${expected} argument${signature.max === 1 ? '' : 's'}${hint}`);
    }
    const values = params.map((param, index) => this.param(param, signature.params[index] ?? 'any', scope, name));
    for (const pair of pairs(hash)) {
      if (!signature.hash?.includes(pair.key)) {
        this.report(pair, `the helper "${name}" takes no ${pair.key}= argument`);
        continue;
      }
      if (name === 'join' && pair.key === 'key') this.joinKey(pair, values[0]);
    }
    if (name === 'join' && values[0]?.kind === 'array' && values[0].items.kind === 'object' && !pairs(hash).some((pair) => pair.key === 'key')) {
      this.report(node, 'join over a list of objects needs key="field" naming the field to join');
    }
    return name === 'eq' ? BOOLEAN : TEXT;
  }

  private joinKey(pair: hbs.AST.HashPair, list: ViewModelField | null | undefined): void {
    if (pair.value.type !== 'StringLiteral') {
      this.report(pair, 'join key= must be a quoted field name');
      return;
    }
    const key = (pair.value as hbs.AST.StringLiteral).value;
    if (FORBIDDEN.has(key)) {
      this.report(pair, `"${key}" is not allowed as a field name`);
      return;
    }
    if (list?.kind === 'array' && list.items.kind === 'object') {
      const field = Object.hasOwn(list.items.fields, key) ? list.items.fields[key] : undefined;
      if (!field || !isScalar(field)) this.report(pair, `the items of this list have no field "${key}" that can be joined`);
    }
  }

  /** Checks one argument and returns what it is (null when unknown or not a path). */
  private param(param: Expression, expected: HelperParam, scope: Scope, helper: string): ViewModelField | null {
    this.tick();
    switch (param.type) {
      case 'SubExpression': {
        const sub = param as hbs.AST.SubExpression;
        if (sub.path.type !== 'PathExpression' || !this.isHelperCall(sub.path, true)) {
          this.report(param, 'a subexpression must call a helper');
          return null;
        }
        const result = this.helperCall(sub, sub.path, sub.params, sub.hash, scope);
        if (result && expected === 'array') this.report(param, `the first argument of "${helper}" must be a list`);
        return result;
      }
      case 'PathExpression': {
        const field = this.resolve(param as PathExpression, scope);
        if (!field) return null;
        if (expected === 'array' && field.kind !== 'array') this.report(param, `the first argument of "${helper}" must be a list, "${(param as PathExpression).original}" is ${describeKind(field)}`);
        if ((expected === 'scalar' || expected === 'timeZone' || expected === 'number') && !isScalar(field)) {
          this.report(param, `"${(param as PathExpression).original}" is ${describeKind(field)}: "${helper}" needs a single value`);
        }
        return field;
      }
      case 'StringLiteral':
        if (expected === 'timeZone' && !isTimeZone((param as hbs.AST.StringLiteral).value)) {
          this.report(param, `unknown time zone "${(param as hbs.AST.StringLiteral).value}" (use an IANA name such as "UTC" or "Europe/Berlin")`);
        }
        if (expected === 'array') this.report(param, `the first argument of "${helper}" must be a list`);
        return TEXT;
      case 'NumberLiteral':
      case 'BooleanLiteral':
      case 'NullLiteral':
      case 'UndefinedLiteral':
        if (expected === 'array') this.report(param, `the first argument of "${helper}" must be a list`);
        return null;
      default:
        this.report(param, `${param.type} is not allowed here`);
        return null;
    }
  }

  private block(node: hbs.AST.BlockStatement, scope: Scope): void {
    const path = node.path;
    const name = path.type === 'PathExpression' && this.isHelperCall(path, true) ? path.parts[0] : null;
    if (!name || !BLOCK_HELPERS.has(name)) {
      const shown = path.type === 'PathExpression' ? path.original : 'this';
      this.report(node, `{{#${shown}}} is not a block helper: the block helpers are #if, #unless, #each and #with`);
      return;
    }
    const declared = node.program?.blockParams ?? [];
    for (const param of declared) if (FORBIDDEN.has(param)) this.report(node, `"${param}" is not allowed as a block parameter name`);
    if (node.params.length !== 1) this.report(node, `#${name} takes exactly one argument`);
    const hashAllowed = name === 'if' || name === 'unless' ? ['includeZero'] : [];
    for (const pair of pairs(node.hash)) {
      if (!hashAllowed.includes(pair.key)) this.report(pair, `#${name} takes no ${pair.key}= argument`);
      else this.param(pair.value, 'any', scope, name);
    }
    const [first] = node.params;
    const subject = first ? this.param(first, name === 'each' ? 'array' : 'any', scope, `#${name}`) : null;

    if (name === 'if' || name === 'unless') {
      if (declared.length > 0) this.report(node, `#${name} takes no block parameters`);
      this.program(node.program, scope);
      this.program(node.inverse, scope);
      return;
    }
    if (name === 'each') {
      if (declared.length > 2) this.report(node, '#each takes at most two block parameters: |item index|');
      if (subject?.kind === 'array') {
        const params = new Map<string, ViewModelField>();
        if (declared[0]) params.set(declared[0], subject.items);
        if (declared[1]) params.set(declared[1], NUMBER);
        this.program(node.program, {
          ...scope,
          contexts: [subject.items, ...scope.contexts],
          blockParams: [...scope.blockParams, params],
          eachDepth: scope.eachDepth + 1,
        });
      }
      this.program(node.inverse, scope);
      return;
    }
    // with
    if (declared.length > 1) this.report(node, '#with takes at most one block parameter');
    if (subject && subject.kind !== 'object') {
      this.report(node, `#with needs an object, "${(first as PathExpression).original ?? ''}" is ${describeKind(subject)}`);
    } else if (subject) {
      const params = new Map<string, ViewModelField>();
      if (declared[0]) params.set(declared[0], subject);
      this.program(node.program, { ...scope, contexts: [subject, ...scope.contexts], blockParams: [...scope.blockParams, params] });
    }
    this.program(node.inverse, scope);
  }

  private partial(node: hbs.AST.PartialStatement, scope: Scope): void {
    if (node.name.type !== 'PathExpression') {
      this.report(node, 'dynamic partials are not allowed: name the partial');
      return;
    }
    const name = (node.name as PathExpression).original;
    const partial = this.partials.get(name);
    if (!partial) {
      const known = [...this.partials.keys()].sort().join(', ') || 'none';
      this.report(node, `unknown partial "${name}"; the shipped partials are ${known}`);
      return;
    }
    if (pairs(node.hash).length > 0) this.report(node, 'partials take no name=value arguments');
    if (node.params.length > 1) this.report(node, 'a partial takes at most one argument: its context');
    if (scope.partials.includes(name)) {
      this.report(node, `the partial "${name}" calls itself`);
      return;
    }
    let context = scope.contexts[0];
    if (node.params[0]) {
      const given = this.param(node.params[0], 'any', scope, `> ${name}`);
      if (!given) return;
      context = given;
    }
    const outer = this.callSite;
    this.callSite = outer ?? { node, name };
    // Partials see their own context only: `../` starts again there (Handlebars passes no depths to partials).
    this.program(partial, { contexts: [context], blockParams: [], eachDepth: scope.eachDepth, partials: [...scope.partials, name] });
    this.callSite = outer;
  }

  /** Resolves a path against the scope; reports and returns null when it is not a known path of the view model. */
  private resolve(path: PathExpression, scope: Scope): ViewModelField | null {
    const forbidden = path.parts.find((part) => FORBIDDEN.has(part));
    if (forbidden) {
      this.report(path, `"${forbidden}" is not allowed in a path`);
      return null;
    }
    let field: ViewModelField;
    let rest: string[];
    if (path.data) {
      const [head, ...tail] = path.parts;
      if (head === 'root') {
        field = PACKET_VIEW_MODEL_SCHEMA;
        rest = tail;
      } else if (Object.hasOwn(EACH_DATA, head) && tail.length === 0) {
        if (scope.eachDepth <= path.depth) {
          this.report(path, `@${head} is only known inside {{#each}}`);
          return null;
        }
        return EACH_DATA[head];
      } else {
        this.report(path, `"@${path.parts.join('.')}" is not a known data variable (use @root, @index, @first, @last or @key)`);
        return null;
      }
    } else {
      const scoped = /^\.|this\b/.test(path.original);
      const blockParam = !scoped && path.depth === 0 && path.parts.length > 0 ? this.blockParam(path.parts[0], scope) : undefined;
      if (blockParam) {
        field = blockParam;
        rest = path.parts.slice(1);
      } else {
        if (path.depth >= scope.contexts.length) {
          this.report(path, `"${path.original}" goes above the top of the view model`);
          return null;
        }
        field = scope.contexts[path.depth];
        rest = path.parts;
      }
    }
    for (const [index, part] of rest.entries()) {
      const next = this.child(field, part);
      if (!next) {
        const where = index === 0 ? '' : ` (${rest.slice(0, index).join('.')} has no field "${part}")`;
        this.report(path, `"${path.original}" is not a field of the packet view model here${where}`);
        return null;
      }
      field = next;
    }
    return field;
  }

  private blockParam(name: string, scope: Scope): ViewModelField | undefined {
    for (let index = scope.blockParams.length - 1; index >= 0; index--) {
      const found = scope.blockParams[index].get(name);
      if (found) return found;
    }
    return undefined;
  }

  private child(field: ViewModelField, part: string): ViewModelField | null {
    if (field.kind === 'object') return Object.hasOwn(field.fields, part) ? field.fields[part] : null;
    if (field.kind === 'array') {
      if (part === 'length') return NUMBER;
      return /^\d+$/.test(part) ? field.items : null;
    }
    return null;
  }

  /** Values are safe where escaping protects them: text and quoted, non-URL, non-script attribute values. */
  private checkPlacement(node: hbs.AST.MustacheStatement): void {
    const start = node.loc?.start;
    if (!start) return;
    const lineStart = this.lineStarts[start.line - 1] ?? 0;
    const offset = lineStart + start.column;
    const problem = this.format === 'html' ? this.placement.htmlProblem(offset) : this.placement.markdownProblem(offset, lineStart);
    if (problem) this.report(node, problem);
  }
}

/** The longest tag a value may be placed in (a longer one is most likely a missing `>`). */
const MAX_TAG_CHARS = 8 * 1024;

/** Sorted start offsets of every occurrence of `needle` in `text`. */
function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let index = text.indexOf(needle); index !== -1; index = text.indexOf(needle, index + 1)) found.push(index);
  return found;
}

/** The last occurrence (from `occurrences`) that ends at or before `end`, or -1. */
function lastEndingBy(sorted: readonly number[], length: number, end: number): number {
  let low = 0;
  let high = sorted.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] + length <= end) {
      found = sorted[middle];
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/**
 * Where a value is placed, answered for each mustache from indexes made once per source (looking back over
 * the whole text before every mustache made checking a template with many values quadratic).
 */
class PlacementIndex {
  private readonly marks = new Map<string, number[]>();
  private readonly tagOpens: number[] = [];
  /** For each offset: the last index before it of `)` or whitespace (-1 when none), for Markdown link targets. */
  private readonly lastStop: Int32Array;
  /** For each offset: the last index before it of whitespace (-1 when none). */
  private readonly lastSpace: Int32Array;
  private readonly referenceTargets = new Map<number, number>();

  constructor(private readonly source: string) {
    const lower = source.toLowerCase();
    for (const mark of ['<script', '</script', '<style', '</style', '>', '-->', '](']) this.marks.set(mark, occurrences(lower, mark));
    for (const match of source.matchAll(/<[a-zA-Z/!?]/g)) this.tagOpens.push(match.index);
    this.lastStop = new Int32Array(source.length + 1);
    this.lastSpace = new Int32Array(source.length + 1);
    let stop = -1;
    let space = -1;
    for (let index = 0; index <= source.length; index++) {
      this.lastStop[index] = stop;
      this.lastSpace[index] = space;
      const char = source[index];
      if (char !== undefined && /\s/.test(char)) space = stop = index;
      else if (char === ')') stop = index;
    }
  }

  htmlProblem(offset: number): string | null {
    const inside = this.insideScriptOrStyle(offset);
    if (inside) return inside;
    const open = lastEndingBy(this.tagOpens, 2, offset);
    if (open === -1 || open < this.last('>', offset)) return null;
    if (this.source.startsWith('<!--', open)) return this.last('-->', offset) < open ? 'values cannot be placed inside HTML comments' : null;
    if (offset - open > MAX_TAG_CHARS) return `values cannot be placed in a tag longer than ${MAX_TAG_CHARS / 1024} KB: is a > missing?`;
    return htmlAttributeProblem(this.source.slice(open, offset));
  }

  markdownProblem(offset: number, lineStart: number): string | null {
    const inside = this.insideScriptOrStyle(offset);
    if (inside) return inside;
    const open = lastEndingBy(this.tagOpens, 2, offset);
    if (this.source[offset - 1] === '<' || (open !== -1 && open > this.last('>', offset))) return 'values cannot be placed inside HTML tags in Markdown templates';
    // "](" then only characters other than ")" and whitespace up to the value: an inline link or image target.
    if (this.last('](', offset) > this.lastStop[offset]) return 'values cannot be link or image targets';
    // "[label]: " at the start of the line, then no whitespace up to the value: a reference definition's target.
    const target = this.referenceTarget(lineStart);
    if (target !== -1 && target <= offset && this.lastSpace[offset] < target) return 'values cannot be link or image targets';
    return null;
  }

  private insideScriptOrStyle(offset: number): string | null {
    for (const tag of ['script', 'style']) if (this.last(`<${tag}`, offset) > this.last(`</${tag}`, offset)) return `values cannot be placed inside <${tag}>`;
    return null;
  }

  private last(mark: string, offset: number): number {
    return lastEndingBy(this.marks.get(mark) ?? [], mark.length, offset);
  }

  /** Where a reference definition's target starts on the line starting at `lineStart`, or -1. */
  private referenceTarget(lineStart: number): number {
    let target = this.referenceTargets.get(lineStart);
    if (target === undefined) {
      const lineEnd = this.source.indexOf('\n', lineStart);
      const line = this.source.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
      const match = /^[ \t]*\[[^\]\n]*\]:[ \t]*/.exec(line);
      target = match ? lineStart + match[0].length : -1;
      this.referenceTargets.set(lineStart, target);
    }
    return target;
  }
}

function htmlAttributeProblem(tag: string): string | null {
  const attribute = /\s([^\s"'>/=]+)\s*=\s*(?:"([^"]*)|'([^']*)|([^\s"'=<>`]*))$/.exec(tag);
  if (!attribute) return 'values can only be placed in text or in quoted attribute values, not in tag names or between attributes';
  const name = attribute[1].toLowerCase();
  if (attribute[4] !== undefined) return `quote the value of the ${name} attribute: ${name}="..."`;
  const valueSoFar = attribute[2] ?? attribute[3] ?? '';
  if (name.startsWith('on')) return `values cannot be placed in the event handler attribute ${name}`;
  if (name === 'style') return 'values cannot be placed in style attributes';
  if (URL_ATTRIBUTES.has(name) && !/^\s*(https?:\/\/|mailto:|tel:|[#/?])/i.test(valueSoFar)) {
    return `a value cannot start the ${name} attribute: write the scheme first, e.g. ${name}="mailto:{{candidate.email}}"`;
  }
  return null;
}
