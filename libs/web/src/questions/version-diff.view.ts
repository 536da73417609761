import type { QuestionVersionDto } from '@loopwright/question-bank';
import { RUBRIC_ANCHORS } from './question-words.js';
import { diffLines, diffWords, type DiffPart } from './text-diff.js';

/** A line of a line diff; `change` says it in words ("Added", "Removed"), null for a line both versions have. */
export interface DiffLineView {
  text: string;
  added: boolean;
  removed: boolean;
  change: 'Added' | 'Removed' | null;
}

/** A piece of a word diff, shown inline: `<ins>` / `<del>` with the change said in hidden text too. */
export interface DiffWordView {
  text: string;
  added: boolean;
  removed: boolean;
}

export interface VersionDiffView {
  from: number;
  to: number;
  /** Nothing differs in prompt, rubric and follow-ups. */
  same: boolean;
  prompt: { changed: boolean; lines: DiffLineView[] };
  rubric: { label: string; changed: boolean; words: DiffWordView[] }[];
  followUps: { changed: boolean; lines: DiffLineView[] };
}

const changed = (parts: DiffPart[]): boolean => parts.some((part) => part.kind !== 'same');

function linesOf(parts: DiffPart[]): DiffLineView[] {
  return parts.flatMap((part) =>
    part.text.split('\n').map((text) => ({
      text,
      added: part.kind === 'added',
      removed: part.kind === 'removed',
      change: part.kind === 'added' ? ('Added' as const) : part.kind === 'removed' ? ('Removed' as const) : null,
    })),
  );
}

/** What changed from version `older` to version `newer`: the prompt and follow-ups line by line, each anchor word by word. */
export function versionDiff(older: QuestionVersionDto, newer: QuestionVersionDto): VersionDiffView {
  const prompt = diffLines(older.prompt, newer.prompt);
  const followUps = diffLines(older.followUps.join('\n'), newer.followUps.join('\n'));
  const rubric = RUBRIC_ANCHORS.map(({ level, label }) => {
    const parts = diffWords(older.rubric[level], newer.rubric[level]);
    return {
      label,
      changed: changed(parts),
      words: parts.map((part) => ({ text: part.text, added: part.kind === 'added', removed: part.kind === 'removed' })),
    };
  });
  return {
    from: older.version,
    to: newer.version,
    same: !changed(prompt) && !changed(followUps) && rubric.every((anchor) => !anchor.changed),
    prompt: { changed: changed(prompt), lines: linesOf(prompt) },
    rubric,
    followUps: { changed: changed(followUps), lines: linesOf(followUps) },
  };
}
