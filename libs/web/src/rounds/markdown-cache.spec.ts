import { RenderedMarkdownCache } from './markdown-cache.js';

describe('RenderedMarkdownCache', () => {
  it('renders a source once and answers the same HTML again', () => {
    const cache = new RenderedMarkdownCache();
    const calls: string[] = [];
    const renderer = (source: string) => {
      calls.push(source);
      return `<p>${source}</p>`;
    };
    expect(cache.render('a', renderer)).toBe('<p>a</p>');
    expect(cache.render('a', renderer)).toBe('<p>a</p>');
    expect(calls).toEqual(['a']);
  });

  it('keeps at most its capacity, dropping the oldest source', () => {
    const cache = new RenderedMarkdownCache(2);
    const calls: string[] = [];
    const renderer = (source: string) => {
      calls.push(source);
      return source.toUpperCase();
    };
    cache.render('a', renderer);
    cache.render('b', renderer);
    cache.render('c', renderer);
    cache.render('b', renderer);
    cache.render('a', renderer);
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });
});
