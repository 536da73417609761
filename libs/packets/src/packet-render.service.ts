import { Injectable } from '@nestjs/common';
import { validationFailed } from '@loopwright/core';
import { packetFileName } from './packet-file-name.js';
import type { PacketViewModel } from './packet-view-model.js';
import { PdfRenderer } from './pdf/pdf-renderer.js';
import { PacketTemplateEngine, type RenderLimits } from './templates/packet-template-engine.js';
import {
  PACKET_CONTENT_TYPES,
  PACKET_FILE_EXTENSIONS,
  type PacketFormat,
  type PacketOutputFormat,
} from './templates/template-formats.js';

/** A custom template as stored: its format and source (validated at upload). */
export interface CustomPacketTemplate {
  format: PacketFormat;
  source: string;
}

export interface RenderedPacket {
  body: string | Buffer;
  /** For the Content-Type header. */
  contentType: string;
  /** For the Content-Disposition header: `packet-ada-lovelace-ai-engineer-2026-11-29.pdf`. */
  fileName: string;
}

/**
 * One packet in one format, ready to send or to put in an export archive: HTML and Markdown from the shipped
 * `default` template or a custom one, PDF printed from the HTML. This is what the packet route and the export
 * worker call.
 */
@Injectable()
export class PacketRenderService {
  constructor(
    private readonly templates: PacketTemplateEngine,
    private readonly pdf: PdfRenderer,
  ) {}

  async renderPacket(
    viewModel: PacketViewModel,
    format: PacketOutputFormat,
    template?: CustomPacketTemplate,
    limits?: Partial<RenderLimits>,
  ): Promise<RenderedPacket> {
    const sourceFormat: PacketFormat = format === 'pdf' ? 'html' : format;
    if (template && template.format !== sourceFormat) {
      throw validationFailed([{ field: 'templateId', problems: [`a ${template.format} template cannot make a ${format} packet`] }]);
    }
    const text = template
      ? await this.templates.renderUntrusted(template.source, template.format, viewModel, limits)
      : await this.templates.render({ name: 'default', format: sourceFormat }, viewModel);
    const body = format === 'pdf' ? await this.pdf.render(text, { headerTitle: viewModel.candidate.name }) : text;
    return {
      body,
      contentType: PACKET_CONTENT_TYPES[format],
      fileName: packetFileName(viewModel.candidate.name, viewModel.position.title, viewModel.generatedAt, PACKET_FILE_EXTENSIONS[format]),
    };
  }
}
