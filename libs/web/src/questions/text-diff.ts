/** One piece of a diff: text both sides share, or text only the newer (`added`) or the older (`removed`) side has. */
export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** Above this many LCS cells (old × new tokens) the diff says "all removed, all added" instead of aligning. */
const MAX_CELLS = 4_000_000;

/**
 * The longest-common-subsequence diff of two token lists, in order (removals before additions where both occur),
 * neighbouring parts of one kind merged with `join`.
 */
export function diffTokens(before: readonly string[], after: readonly string[], join: string): DiffPart[] {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  const parts: { kind: DiffPart['kind']; token: string }[] = before.slice(0, start).map((token) => ({ kind: 'same', token }));
  const a = before.slice(start, endBefore);
  const b = after.slice(start, endAfter);
  if (a.length * b.length > MAX_CELLS) {
    parts.push(...a.map((token) => ({ kind: 'removed' as const, token })), ...b.map((token) => ({ kind: 'added' as const, token })));
  } else {
    // lengths[i][j]: the LCS length of a[i..] and b[j..].
    const width = b.length + 1;
    const lengths = new Uint32Array((a.length + 1) * width);
    for (let i = a.length - 1; i >= 0; i--) {
      for (let j = b.length - 1; j >= 0; j--) {
        lengths[i * width + j] =
          a[i] === b[j] ? lengths[(i + 1) * width + j + 1]! + 1 : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i] === b[j]) {
        parts.push({ kind: 'same', token: a[i]! });
        i++;
        j++;
      } else if (j >= b.length || (i < a.length && lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!)) {
        parts.push({ kind: 'removed', token: a[i]! });
        i++;
      } else {
        parts.push({ kind: 'added', token: b[j]! });
        j++;
      }
    }
  }
  parts.push(...before.slice(endBefore).map((token) => ({ kind: 'same' as const, token })));
  return merge(parts, join);
}

function merge(parts: { kind: DiffPart['kind']; token: string }[], join: string): DiffPart[] {
  const merged: { kind: DiffPart['kind']; tokens: string[] }[] = [];
  for (const part of parts) {
    const last = merged.at(-1);
    if (last?.kind === part.kind) last.tokens.push(part.token);
    else merged.push({ kind: part.kind, tokens: [part.token] });
  }
  return merged.map((part) => ({ kind: part.kind, text: part.tokens.join(join) }));
}

/** Line by line (a prompt, a list of follow-ups): each part holds whole lines. */
export function diffLines(before: string, after: string): DiffPart[] {
  return diffTokens(splitLines(before), splitLines(after), '\n');
}

/** Word by word (a rubric anchor): the spaces between words stay with the words, so the parts read back as the text. */
export function diffWords(before: string, after: string): DiffPart[] {
  return diffTokens(splitWords(before), splitWords(after), '');
}

const splitLines = (text: string): string[] => (text === '' ? [] : text.split(/\r?\n/));
const splitWords = (text: string): string[] => text.match(/\s+|[^\s]+/g) ?? [];
