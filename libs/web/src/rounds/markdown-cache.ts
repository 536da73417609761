import { LRUCache } from 'lru-cache';

/**
 * Rendered Markdown of question prompts, keyed by the source text alone (the same text renders the same HTML for
 * everyone, so nothing per user or organization is kept). Bounded: the least recently used entry goes when it is full.
 */
export class RenderedMarkdownCache {
  private readonly entries: LRUCache<string, string>;

  constructor(capacity = 2000) {
    this.entries = new LRUCache({ max: capacity });
  }

  render(source: string, renderer: (source: string) => string): string {
    const cached = this.entries.get(source);
    if (cached !== undefined) return cached;
    const html = renderer(source);
    this.entries.set(source, html);
    return html;
  }
}
