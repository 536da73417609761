import { toWebSearchText } from './search-text.js';

describe('toWebSearchText', () => {
  it('turns a hyphenated word into the phrase of its parts', () => {
    expect(toWebSearchText('bias-variance')).toBe('"bias variance"');
    expect(toWebSearchText('explain the bias-variance tradeoff')).toBe('explain the "bias variance" tradeoff');
    expect(toWebSearchText('state-of-the-art t-SNE')).toBe('"state of the art" "t SNE"');
  });

  it('keeps an exclusion and a phrase the user quoted', () => {
    expect(toWebSearchText('-bias-variance overfitting')).toBe('-"bias variance" overfitting');
    expect(toWebSearchText('"the bias-variance tradeoff" or attention')).toBe('"the bias variance tradeoff" or attention');
  });

  it('leaves other text alone', () => {
    expect(toWebSearchText('gpt-4 fine-tuning')).toBe('gpt-4 "fine tuning"');
    expect(toWebSearchText('  transformers  ')).toBe('transformers');
    expect(toWebSearchText(`' OR 1=1; --`)).toBe(`' OR 1=1; --`);
    expect(toWebSearchText('a - b')).toBe('a - b');
  });
});
