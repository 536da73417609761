import type { TemplateProblem } from '../packets.errors.js';

/**
 * What checking an uploaded template may cost. Handlebars' parser and the validator's walk grow faster than
 * linearly with nesting (5,000 nested blocks took the main thread for tens of seconds, deep subexpressions
 * overflowed the stack), so the source is measured by a linear scan before it is parsed at all.
 */
export interface TemplateValidationLimits {
  /** Sources larger than this (UTF-8) are refused. */
  maxSourceBytes: number;
  /** Blocks (`{{#if}}`, `{{#each}}`, `{{else if}}` chains) inside each other, and subexpressions inside each other. */
  maxDepth: number;
  /** Mustaches, subexpressions and arguments in all (a bound on the parse tree's size). */
  maxExpressions: number;
  /** Stop walking the parse tree after this long (milliseconds). */
  timeoutMs: number;
  /** The clock of the time limit; default `performance.now`. */
  now?: () => number;
}

export const DEFAULT_VALIDATION_LIMITS: Readonly<TemplateValidationLimits> = {
  maxSourceBytes: 256 * 1024,
  maxDepth: 64,
  maxExpressions: 10_000,
  timeoutMs: 1_000,
};

/** Custom template sources larger than this are refused. */
export const MAX_TEMPLATE_SOURCE_BYTES = DEFAULT_VALIDATION_LIMITS.maxSourceBytes;

function position(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = source.indexOf('\n'); index !== -1 && index < offset; index = source.indexOf('\n', index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * One pass over the source, without parsing it: its size, how deep blocks and subexpressions nest, and how
 * many expressions it has. Returns the first limit passed (with where, when it is a place) or null. It reads
 * mustaches the way Handlebars' lexer does closely enough to bound the parse; a source it cannot follow (an
 * unclosed mustache) is left to the parser, which then reports the syntax error.
 */
export function scanTemplateLimits(source: string, limits: Partial<TemplateValidationLimits> = {}): TemplateProblem | null {
  const { maxSourceBytes, maxDepth, maxExpressions } = { ...DEFAULT_VALIDATION_LIMITS, ...limits };
  // A JavaScript string has at most 3 UTF-8 bytes per UTF-16 unit: the exact count is needed only near the limit.
  if (source.length > maxSourceBytes || (source.length * 3 > maxSourceBytes && Buffer.byteLength(source, 'utf8') > maxSourceBytes)) {
    return { line: 1, column: 1, problem: `the template is larger than ${Math.floor(maxSourceBytes / 1024)} KB` };
  }
  const tooDeep = (offset: number, what: string): TemplateProblem => ({
    ...position(source, offset),
    problem: `${what} are nested more than ${maxDepth} deep`,
  });
  /** Per open block: how many levels it adds (1, plus one per `{{else if}}` of its chain). */
  const blocks: number[] = [];
  let depth = 0;
  let expressions = 0;
  let index = 0;
  while ((index = source.indexOf('{{', index)) !== -1) {
    const start = index;
    if (source[index - 1] === '\\' && source[index - 2] !== '\\') {
      index += 2; // an escaped mustache is text
      continue;
    }
    let cursor = index + 2;
    if (source.startsWith('{{', cursor)) {
      // A raw block {{{{name}}}} ... {{{{/name}}}}: its content is text.
      const close = source.indexOf('{{{{/', cursor);
      if (close === -1) return null;
      const end = source.indexOf('}}}}', close);
      if (end === -1) return null;
      expressions += 2;
      index = end + 4;
      continue;
    }
    if (source[cursor] === '{' || source[cursor] === '&') cursor++;
    if (source[cursor] === '~') cursor++;
    if (source[cursor] === '!') {
      // A comment: {{!-- ... --}} may contain }}, {{! ... }} ends at the first.
      const closing = source.startsWith('--', cursor + 1) ? /--~?\}\}/g : /\}\}/g;
      closing.lastIndex = cursor + 1;
      const match = closing.exec(source);
      if (!match) return null;
      index = match.index + match[0].length;
      continue;
    }
    const sigil = source[cursor];
    let body = cursor;
    let kind: 'open' | 'close' | 'else' | 'chain' | 'plain' = 'plain';
    if (sigil === '#') {
      kind = 'open';
      body++;
    } else if (sigil === '/') {
      kind = 'close';
      body++;
    } else if (sigil === '^') {
      body++;
      kind = /^\s*~?\}\}/.test(source.slice(body, body + 64)) ? 'else' : 'open';
    } else if (/^else(?=[\s~}])/.test(source.slice(cursor, cursor + 5))) {
      body += 4;
      kind = /^\s*~?\}\}/.test(source.slice(body, body + 64)) ? 'else' : 'chain';
    }
    // The rest of the mustache: count subexpressions and arguments, skipping strings and [segments].
    let parens = 0;
    let inToken = false;
    let end = -1;
    for (let at = body; at < source.length; at++) {
      const char = source[at];
      if (char === '}' && source[at + 1] === '}') {
        end = at;
        break;
      }
      if (char === '"' || char === "'" || char === '[') {
        const closing = source.indexOf(char === '[' ? ']' : char, at + 1);
        if (closing === -1) return null;
        at = closing;
        if (!inToken) expressions++;
        inToken = true;
        continue;
      }
      if (char === '(') {
        parens++;
        expressions++;
        inToken = false;
        if (parens > maxDepth) return tooDeep(at, 'subexpressions');
        continue;
      }
      if (char === ')') {
        parens--;
        inToken = false;
        continue;
      }
      if (char === ' ' || char === '\n' || char === '\t' || char === '\r') {
        inToken = false;
      } else if (!inToken) {
        inToken = true;
        expressions++;
      }
    }
    if (end === -1) return null;
    expressions++;
    if (expressions > maxExpressions) {
      return { ...position(source, start), problem: `the template has more than ${maxExpressions} expressions` };
    }
    if (kind === 'open') {
      blocks.push(1);
      depth++;
    } else if (kind === 'chain') {
      if (blocks.length > 0) blocks[blocks.length - 1]++;
      depth++;
    } else if (kind === 'close') {
      depth -= blocks.pop() ?? 0;
    }
    if (depth > maxDepth) return tooDeep(start, 'blocks');
    index = end + 2;
  }
  return null;
}
