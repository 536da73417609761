import { existsSync } from 'node:fs';
import path from 'node:path';
import { HttpStatus, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { AppError } from '@loopwright/core';
import Handlebars from 'handlebars';
import MarkdownIt from 'markdown-it';
import type { CompiledPacketTemplate, MarkdownRenderer, PacketEnvironment } from '../runtime/packet-runtime.mjs';
import { normalizePacketViewModel, type PacketViewModel } from '../packet-view-model.js';
import { shippedTemplateNotFound, templateInvalid, templateRenderFailed, type TemplateProblem } from '../packets.errors.js';
import { DEFAULT_PACKET_RUNTIME_DIR, loadPacketRuntime, renderWorkerFile, type PacketRuntimeModule } from './packet-runtime-loader.js';
import { RenderWorkerPool } from './render-worker-pool.js';
import { readExamplePacket } from './example-packet.js';
import { loadShippedTemplates, type ShippedTemplateSet } from './shipped-templates.js';
import { isPacketFormat, type PacketFormat } from './template-formats.js';
import { DEFAULT_VALIDATION_LIMITS, scanTemplateLimits, type TemplateValidationLimits } from './template-limits.js';
import { validatePacketTemplate } from './template-validator.js';

export interface RenderLimits {
  /** Stop a custom template's render after this long (TEMPLATE_TIMEOUT). */
  timeoutMs: number;
  /** Stop a custom template's render past this many bytes of output (TEMPLATE_OUTPUT_TOO_LARGE). */
  maxOutputBytes: number;
}

export const DEFAULT_RENDER_LIMITS: Readonly<RenderLimits> = { timeoutMs: 2_000, maxOutputBytes: 5 * 1024 * 1024 };

export interface PacketTemplateEngineOptions {
  /** The templates directory (AppConfig.templatesDir); the shipped packet templates are in its `packets/` folder. */
  templatesDir: string;
  /** Where packet-runtime.mjs and render-worker.mjs are; default `<project root>/libs/packets/src/runtime`. */
  runtimeDir?: string;
  /** The time zone of the date helpers when a template names none; default "UTC". */
  timeZone?: string;
  /** Worker threads rendering custom templates at once; default 1. */
  workers?: number;
  /** Custom renders waiting for a worker before new ones get 503; default 50. */
  maxQueue?: number;
  /** Default limits of custom renders. */
  limits?: Partial<RenderLimits>;
  /** Limits of checking a custom template (size, nesting, expressions, time); see DEFAULT_VALIDATION_LIMITS. */
  validationLimits?: Partial<TemplateValidationLimits>;
}

/** A shipped template: `default` + `html` is `templates/packets/default.html.hbs`. */
export interface ShippedTemplateRef {
  name: string;
  format: PacketFormat;
}

/**
 * Renders packets from Handlebars templates. Shipped templates (trusted, from `TEMPLATES_DIR/packets`) render
 * in-process, compiled once and cached by name and content hash. Custom templates (uploaded by admins) are
 * checked by `validate` at upload and rendered by `renderUntrusted` in a worker thread with a time and an
 * output limit, with the same helpers, `knownHelpersOnly`, `strict` and no prototype access.
 */
@Injectable()
export class PacketTemplateEngine implements OnApplicationShutdown {
  private readonly packetsDir: string;
  private readonly runtimeDir: string;
  private readonly timeZone: string;
  private readonly limits: RenderLimits;
  private readonly validationLimits: TemplateValidationLimits;
  private shipped: ShippedTemplateSet | null = null;
  private example: PacketViewModel | null = null;
  private partialAsts = new Map<PacketFormat, Map<string, hbs.AST.Program>>();
  private runtime: Promise<PacketRuntimeModule> | null = null;
  private readonly environments = new Map<PacketFormat, Promise<PacketEnvironment>>();
  private readonly compiled = new Map<string, CompiledPacketTemplate>();
  private markdown: Promise<MarkdownRenderer> | null = null;
  private pool: RenderWorkerPool | null = null;

  constructor(private readonly options: PacketTemplateEngineOptions) {
    this.packetsDir = path.join(options.templatesDir, 'packets');
    this.runtimeDir = options.runtimeDir ?? DEFAULT_PACKET_RUNTIME_DIR;
    this.timeZone = options.timeZone ?? 'UTC';
    this.limits = { ...DEFAULT_RENDER_LIMITS, ...options.limits };
    this.validationLimits = { ...DEFAULT_VALIDATION_LIMITS, ...options.validationLimits };
  }

  /** The shipped templates, e.g. `[{name: 'default', format: 'html'}, {name: 'default', format: 'markdown'}]`. */
  shippedTemplates(): ShippedTemplateRef[] {
    return this.shippedSet().templates.map(({ name, format }) => ({ name, format }));
  }

  /** The documented example packet, shipped next to the templates (see example-packet.ts): a fresh copy each call. */
  examplePacket(): PacketViewModel {
    this.example ??= readExamplePacket(this.packetsDir);
    return structuredClone(this.example);
  }

  /** The names of the shipped partials a template of this format may call with `{{> name}}`. */
  shippedPartials(format: PacketFormat): string[] {
    return [...this.shippedSet().partials[format].keys()];
  }

  /** Every problem of a template source (empty when it is acceptable), with 1-based line and column. */
  check(source: string, format: PacketFormat): TemplateProblem[] {
    if (!isPacketFormat(format)) return [{ line: 1, column: 1, problem: `unknown format ${String(format)}: use html or markdown` }];
    if (typeof source !== 'string') return [{ line: 1, column: 1, problem: 'the template source must be text' }];
    return validatePacketTemplate(source, format, this.partialsFor(format), this.validationLimits).problems;
  }

  /** Throws 400 TEMPLATE_INVALID (details: line, column, problem, and every problem) unless the template is acceptable. */
  validate(source: string, format: PacketFormat): void {
    const problems = this.check(source, format);
    if (problems.length > 0) throw templateInvalid(problems);
  }

  /** Renders a shipped template in-process (the view model is normalized first: see normalizePacketViewModel). */
  async render(ref: ShippedTemplateRef, viewModel: PacketViewModel): Promise<string> {
    const template = this.shippedSet().templates.find((entry) => entry.name === ref.name && entry.format === ref.format);
    if (!template) throw shippedTemplateNotFound(ref.name, ref.format);
    const key = `${template.format}:${template.name}:${template.hash}`;
    let compiled = this.compiled.get(key);
    if (!compiled) {
      const environment = await this.environment(template.format);
      compiled = environment.compile(template.source);
      this.compiled.set(key, compiled);
    }
    try {
      return compiled(normalizePacketViewModel(viewModel));
    } catch (error) {
      throw renderFailure(error);
    }
  }

  /**
   * Renders a custom template in a worker thread: stopped after `limits.timeoutMs` (422 TEMPLATE_TIMEOUT) or
   * past `limits.maxOutputBytes` (422 TEMPLATE_OUTPUT_TOO_LARGE); a template that does not compile gives 400
   * TEMPLATE_INVALID (also one past the size or nesting limits of validation), one that fails on this packet 422
   * TEMPLATE_RENDER_FAILED. The main thread stays free.
   */
  async renderUntrusted(
    source: string,
    format: PacketFormat,
    viewModel: PacketViewModel,
    limits: Partial<RenderLimits> = {},
  ): Promise<string> {
    if (!isPacketFormat(format)) throw templateInvalid([{ line: 1, column: 1, problem: `unknown format ${String(format)}` }]);
    if (typeof source !== 'string') throw templateInvalid([{ line: 1, column: 1, problem: 'the template source must be text' }]);
    // Stored templates were checked at upload, but maybe under older limits: a source too large or too deeply
    // nested to parse cheaply is refused here too, before the worker spends its time limit on parsing it.
    const tooCostly = scanTemplateLimits(source, this.validationLimits);
    if (tooCostly) throw templateInvalid([tooCostly]);
    const { timeoutMs, maxOutputBytes } = { ...this.limits, ...limits };
    return this.workerPool().run({ format, source, viewModel: normalizePacketViewModel(viewModel), maxOutputBytes }, timeoutMs);
  }

  /**
   * The Markdown renderer of the packets' `markdown` helper (no raw HTML, links, images or headings), for other
   * HTML that shows question prompts (the web pages): one set of rules for a prompt wherever it is rendered.
   */
  markdownRenderer(): Promise<MarkdownRenderer> {
    if (!this.markdown) {
      this.markdown = this.loadRuntime().then((runtime) => runtime.createMarkdownRenderer(MarkdownIt));
      this.markdown.catch(() => {
        this.markdown = null;
      });
    }
    return this.markdown;
  }

  /** Stops the render workers. */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.close();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  private shippedSet(): ShippedTemplateSet {
    this.shipped ??= loadShippedTemplates(this.packetsDir);
    return this.shipped;
  }

  private partialsFor(format: PacketFormat): Map<string, hbs.AST.Program> {
    let asts = this.partialAsts.get(format);
    if (!asts) {
      asts = new Map([...this.shippedSet().partials[format]].map(([name, partial]) => [name, Handlebars.parse(partial.source)]));
      this.partialAsts.set(format, asts);
    }
    return asts;
  }

  private partialSources(format: PacketFormat): Record<string, string> {
    return Object.fromEntries([...this.shippedSet().partials[format]].map(([name, partial]) => [name, partial.source]));
  }

  private loadRuntime(): Promise<PacketRuntimeModule> {
    this.runtime ??= loadPacketRuntime(this.runtimeDir).catch((error: unknown) => {
      this.runtime = null;
      throw new AppError(
        'PACKET_RUNTIME_MISSING',
        `The packet template runtime could not be loaded from ${this.runtimeDir}: ${String(error)}`,
        HttpStatus.INTERNAL_SERVER_ERROR,
      );
    });
    return this.runtime;
  }

  private environment(format: PacketFormat): Promise<PacketEnvironment> {
    let environment = this.environments.get(format);
    if (!environment) {
      environment = this.loadRuntime().then((runtime) =>
        runtime.createPacketEnvironment(Handlebars, {
          format,
          timeZone: this.timeZone,
          partials: this.partialSources(format),
          markdownIt: MarkdownIt,
        }),
      );
      environment.catch(() => this.environments.delete(format));
      this.environments.set(format, environment);
    }
    return environment;
  }

  private workerPool(): RenderWorkerPool {
    if (!this.pool) {
      const script = renderWorkerFile(this.runtimeDir);
      if (!existsSync(script)) {
        throw new AppError(
          'PACKET_RUNTIME_MISSING',
          `The packet render worker ${script} is missing: ship libs/packets/src/runtime with the app`,
          HttpStatus.INTERNAL_SERVER_ERROR,
        );
      }
      this.pool = new RenderWorkerPool({
        script,
        workerData: { timeZone: this.timeZone, partials: { html: this.partialSources('html'), markdown: this.partialSources('markdown') } },
        size: this.options.workers ?? 1,
        maxQueue: this.options.maxQueue ?? 50,
        resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
      });
    }
    return this.pool;
  }
}

function renderFailure(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const located = error as { message?: string; lineNumber?: number; column?: number };
  const where = typeof located.lineNumber === 'number' ? { line: located.lineNumber, column: (located.column ?? 0) + 1 } : {};
  return templateRenderFailed(located.message?.replace(/ - \d+:\d+$/, '') ?? String(error), where);
}
