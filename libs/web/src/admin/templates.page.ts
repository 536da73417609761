import { Injectable } from '@nestjs/common';
import { AppError } from '@loopwright/core';
import { UsersService, type Actor } from '@loopwright/identity';
import { LoopsService } from '@loopwright/loops';
import { PACKET_TEMPLATE_FORMATS, PacketTemplatesService, type PacketFormat } from '@loopwright/packets';
import { shellFor } from '../shell/shell.js';
import { textField } from './admin-fields.js';
import type { LoopOption, PreviewView, SourceError, TemplateEditorView, TemplatesView } from './admin.view.js';

export const TEMPLATES = '/app/admin/templates';

/** How many of the organization's most recent loops the preview offers. */
const PREVIEW_LOOPS = 50;

export const STARTER_SOURCE = '<h1>{{candidate.name}}</h1>\n<p>{{position.title}}</p>\n';

const FORMAT_LABELS: Record<PacketFormat, string> = { html: 'HTML', markdown: 'Markdown' };

/** The editor's contents: as stored, or as posted. */
export interface EditorValues {
  name: string;
  format: string;
  source: string;
  loopId: string | null;
  version: number | null;
}

/** What is wrong with a posted template, by where it shows. */
export interface EditorProblems {
  name?: string;
  source?: SourceError;
  problem?: string;
}

/** The editor's source problem from TEMPLATE_INVALID's details (line, column, problem), or the service's sentence. */
export function sourceError(error: AppError): SourceError {
  const line = typeof error.details?.line === 'number' ? error.details.line : null;
  const column = typeof error.details?.column === 'number' ? error.details.column : null;
  const problem = typeof error.details?.problem === 'string' ? error.details.problem : error.message;
  return { id: 'source-error', text: line !== null && column !== null ? `Line ${line}, column ${column}: ${problem}` : problem, line, column };
}

/** Refusals a preview shows in place of the packet: a template that does not compile or fails on this loop, the blind rule. */
const previewRefusal = (error: unknown): error is AppError => error instanceof AppError && error.status >= 400 && error.status < 500 && error.status !== 401;

/**
 * The packet template pages (admins, as `/api/packet-templates`): the list and the editor, whose preview renders the
 * source in the editor through PacketTemplatesService (the sandbox, the blind rule) on a loop chosen from a select.
 */
@Injectable()
export class TemplatesPages {
  constructor(
    private readonly users: UsersService,
    private readonly templates: PacketTemplatesService,
    private readonly loops: LoopsService,
  ) {}

  async list(actor: Actor, cursor: string | undefined, notice: string | null): Promise<TemplatesView> {
    const [me, page] = await Promise.all([this.users.me(actor), this.templates.list(actor, { limit: 50, ...(cursor ? { cursor } : {}) })]);
    return {
      title: 'Packet templates',
      shell: shellFor(actor, TEMPLATES, me.name),
      templates: page.items.map((item) => ({ id: item.id, name: item.name, format: FORMAT_LABELS[item.format], version: item.version })),
      nextHref: page.nextCursor ? `${TEMPLATES}?cursor=${encodeURIComponent(page.nextCursor)}` : null,
      notice,
    };
  }

  /** The stored template as the editor starts with it. */
  async stored(actor: Actor, id: string, loopId: string | null): Promise<EditorValues> {
    const template = await this.templates.get(actor, id);
    return { name: template.name, format: template.format, source: template.source, loopId, version: template.version };
  }

  /**
   * The editor (a new template when `templateId` is null), with the preview of `values.source` on the chosen loop
   * (the most recent one when none is chosen) when `withPreview`.
   */
  async editor(
    actor: Actor,
    templateId: string | null,
    values: EditorValues,
    options: { withPreview: boolean; problems?: EditorProblems; notice?: string },
  ): Promise<TemplateEditorView> {
    const path = templateId ? `${TEMPLATES}/${templateId}` : `${TEMPLATES}/new`;
    const [me, loops] = await Promise.all([this.users.me(actor), this.loopOptions(actor, values.loopId)]);
    const chosen = loops.find((loop) => loop.selected) ?? null;
    const problems = options.problems ?? {};
    const preview = options.withPreview && !problems.source ? await this.preview(actor, { ...values, loopId: chosen?.id ?? null }, chosen?.label) : null;
    const source = problems.source ?? preview?.sourceError ?? null;
    return {
      title: templateId ? values.name || 'Packet template' : 'New packet template',
      shell: shellFor(actor, path, me.name),
      templateId,
      version: values.version,
      name: textField('template', { name: 'name', label: 'Name', type: 'text', required: true }, values.name, problems.name ? { name: problems.name } : {}),
      formats: PACKET_TEMPLATE_FORMATS.map((format) => ({ value: format, label: FORMAT_LABELS[format], checked: format === values.format })),
      source: { value: values.source, error: source },
      loops,
      fields: this.templates.viewModelDoc().fields.map(({ path: field, type, description }) => ({ path: field, type, description })),
      formAction: templateId ? `${TEMPLATES}/${templateId}` : TEMPLATES,
      // A source that does not compile says so next to the editor; the preview then has nothing to show.
      preview: preview && !source ? { html: preview.html, markdown: preview.markdown, problem: preview.problem, loopLabel: preview.loopLabel } : null,
      problem: problems.problem ?? null,
      notice: options.notice ?? null,
    };
  }

  /**
   * The source rendered on the loop (or the example packet when the organization has none yet); a refusal is the
   * preview's problem in words, a TEMPLATE_INVALID also the editor's source error.
   */
  async preview(
    actor: Actor,
    values: Pick<EditorValues, 'source' | 'format' | 'loopId'>,
    loopLabel = 'the example packet',
  ): Promise<PreviewView & { sourceError: SourceError | null }> {
    const format = values.format as PacketFormat;
    try {
      const rendered = await this.templates.previewSource(actor, { source: values.source, format }, values.loopId ?? undefined);
      return {
        html: format === 'html' ? rendered.body : null,
        markdown: format === 'markdown' ? rendered.body : null,
        problem: null,
        loopLabel,
        sourceError: null,
      };
    } catch (error) {
      if (!previewRefusal(error)) throw error;
      const invalid = error.code === 'TEMPLATE_INVALID' || error.code === 'TEMPLATE_RENDER_FAILED' ? sourceError(error) : null;
      return { html: null, markdown: null, problem: invalid?.text ?? error.message, loopLabel, sourceError: invalid };
    }
  }

  /** The loops to preview on, most recent first; the chosen one selected (the first when none is chosen). */
  private async loopOptions(actor: Actor, loopId: string | null): Promise<LoopOption[]> {
    const page = await this.loops.list(actor, { limit: PREVIEW_LOOPS });
    const chosen = page.items.some((loop) => loop.id === loopId) ? loopId : (page.items[0]?.id ?? null);
    return page.items.map((loop) => ({ id: loop.id, label: `${loop.candidate.name} — ${loop.position.title}`, selected: loop.id === chosen }));
  }
}
