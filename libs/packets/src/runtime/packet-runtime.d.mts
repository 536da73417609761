// Types of packet-runtime.mjs (plain JavaScript shared by the API process and the render worker).

export type RuntimeFormat = 'html' | 'markdown';

export declare const HELPER_NAMES: readonly string[];
export declare const BLOCK_HELPER_NAMES: readonly string[];
export declare const FORBIDDEN_SEGMENTS: readonly string[];
export declare const RATING_LABELS: Readonly<Record<string, string>>;
export declare const COMPILE_OPTIONS: Readonly<Record<string, unknown>>;
export declare const RUNTIME_OPTIONS: Readonly<Record<string, unknown>>;

export declare class OutputTooLargeError extends Error {
  readonly code: 'TEMPLATE_OUTPUT_TOO_LARGE';
  constructor(limit: number);
}

export declare function escapeMarkdown(value: unknown): string;
export declare function isTimeZone(timeZone: unknown): boolean;
export declare function inertMarkdown(value: unknown): string;
export interface MarkdownRenderer {
  render(source: string): string;
}
export declare function createMarkdownRenderer(markdownIt: unknown): MarkdownRenderer;
export declare function createHelpers(
  defaultTimeZone?: string,
  options?: { format?: RuntimeFormat; markdownRenderer?: MarkdownRenderer | (() => MarkdownRenderer) | null; markup?: (text: string) => unknown },
): Record<string, (...args: unknown[]) => unknown>;

/** A compiled template: renders a view model, stopping one loop's output past `maxChars` characters. */
export type CompiledPacketTemplate = (viewModel: unknown, maxChars?: number) => string;

export interface PacketEnvironment {
  readonly format: RuntimeFormat;
  compile(source: string): CompiledPacketTemplate;
}

export declare function createPacketEnvironment(
  handlebars: unknown,
  options: { format: RuntimeFormat; timeZone?: string; partials?: Record<string, string>; markdownIt?: unknown; loadMarkdownIt?: () => unknown },
): PacketEnvironment;

export interface RenderErrorDescription {
  code: 'TEMPLATE_OUTPUT_TOO_LARGE' | 'TEMPLATE_INVALID' | 'TEMPLATE_RENDER_FAILED';
  message: string;
  line?: number;
  column?: number;
}

export declare function describeRenderError(error: unknown, stage: 'compile' | 'render'): RenderErrorDescription;
