import { diffLines, diffWords } from './text-diff.js';

describe('text diff', () => {
  it('finds added and removed lines around the ones both versions share', () => {
    expect(diffLines('a\nb\nc\nd', 'a\nc\nd\ne')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'same', text: 'c\nd' },
      { kind: 'added', text: 'e' },
    ]);
  });

  it('says a changed line is removed then added', () => {
    expect(diffLines('one\ntwo', 'one\nTWO')).toEqual([
      { kind: 'same', text: 'one' },
      { kind: 'removed', text: 'two' },
      { kind: 'added', text: 'TWO' },
    ]);
  });

  it('handles empty sides', () => {
    expect(diffLines('', 'x\ny')).toEqual([{ kind: 'added', text: 'x\ny' }]);
    expect(diffLines('x', '')).toEqual([{ kind: 'removed', text: 'x' }]);
    expect(diffLines('', '')).toEqual([]);
  });

  it('diffs words keeping the spaces, so that the parts read back as either text', () => {
    const parts = diffWords('Names the main trade-off clearly.', 'Names the trade-off and its cost clearly.');
    expect(parts).toEqual([
      { kind: 'same', text: 'Names the ' },
      { kind: 'removed', text: 'main ' },
      { kind: 'same', text: 'trade-off' },
      { kind: 'added', text: ' and its cost' },
      { kind: 'same', text: ' clearly.' },
    ]);
    const side = (kind: 'added' | 'removed') =>
      parts
        .filter((part) => part.kind !== kind)
        .map((part) => part.text)
        .join('');
    expect(side('added')).toBe('Names the main trade-off clearly.');
    expect(side('removed')).toBe('Names the trade-off and its cost clearly.');
  });
});
