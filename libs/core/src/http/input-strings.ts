import type { FieldProblem } from '../errors/app-error.js';

/** How deeply a JSON body (or a query value) may nest arrays and objects. */
export const MAX_INPUT_DEPTH = 32;

/**
 * Whether a JSON text nests `[`/`{` deeper than `maxDepth`: one linear pass over the bytes, outside strings,
 * before anything parses or walks it (a 1 MB `[[[[...` answers at once instead of overflowing the stack later).
 * Works on UTF-8 bytes: `"`, `\`, `[`, `{`, `]`, `}` never occur inside a multi-byte sequence.
 */
export function jsonNestingExceeds(text: Buffer, maxDepth = MAX_INPUT_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const byte = text[index];
    if (inString) {
      if (byte === 0x5c) index++;
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) {
      inString = true;
    } else if (byte === 0x5b || byte === 0x7b) {
      if (++depth > maxDepth) return true;
    } else if (byte === 0x5d || byte === 0x7d) {
      depth--;
    }
  }
  return false;
}

/** In unicode mode a surrogate pair is one code point, so only a lone surrogate is category Cs. */
const LONE_SURROGATE = /\p{Cs}/u;

/** What PostgreSQL and UTF-8 cannot store: NUL characters and lone UTF-16 surrogates. */
function stringProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain NUL characters (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'must not contain lone UTF-16 surrogates';
  return null;
}

const join = (parent: string, key: string): string => (parent ? `${parent}.${key}` : key);

/**
 * Every string (value or key) in `value` that PostgreSQL would refuse, named by its field path
 * (`ratings.0.notes`; `root` for a bare string). Deeper than `maxDepth` counts as a problem too,
 * so the walk itself stays bounded.
 */
export function badStrings(value: unknown, root = '', maxDepth = MAX_INPUT_DEPTH): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const visit = (current: unknown, path: string, depth: number): void => {
    const field = path || 'body';
    if (typeof current === 'string') {
      const problem = stringProblem(current);
      if (problem) problems.push({ field, problems: [`${field} ${problem}`] });
      return;
    }
    if (typeof current !== 'object' || current === null) return;
    if (depth >= maxDepth) {
      problems.push({ field, problems: [`${field} is nested more than ${maxDepth} levels deep`] });
      return;
    }
    if (Array.isArray(current)) {
      current.forEach((item: unknown, index) => visit(item, join(path, String(index)), depth + 1));
      return;
    }
    for (const [key, item] of Object.entries(current)) {
      const keyProblem = stringProblem(key);
      if (keyProblem) {
        problems.push({ field: join(path, JSON.stringify(key).slice(1, -1)), problems: [`a field name ${keyProblem}`] });
        continue;
      }
      visit(item, join(path, key), depth + 1);
    }
  };
  visit(value, root, 0);
  return problems;
}
