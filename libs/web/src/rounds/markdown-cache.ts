/**
 * Rendered Markdown of question prompts, keyed by the source text alone (the same text renders the same HTML for
 * everyone, so nothing per user or organization is kept). Bounded: the oldest entry goes when it is full.
 */
export class RenderedMarkdownCache {
  private readonly entries = new Map<string, string>();

  constructor(private readonly capacity = 2000) {}

  render(source: string, renderer: (source: string) => string): string {
    const cached = this.entries.get(source);
    if (cached !== undefined) return cached;
    const html = renderer(source);
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(source, html);
    return html;
  }
}
