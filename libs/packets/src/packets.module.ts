import { Module } from '@nestjs/common';
import { AppConfig } from '@loopwright/core';
import { PacketRenderService } from './packet-render.service.js';
import { PdfRenderer } from './pdf/pdf-renderer.js';
import { PacketTemplateEngine } from './templates/packet-template-engine.js';

/**
 * Packet rendering: the template engine (shipped and custom Handlebars templates), the PDF printer, and the
 * service that makes one packet in one format. Configured from AppConfig (TEMPLATES_DIR, CHROMIUM_PATH); the
 * render workers and the browser stop at shutdown.
 */
@Module({
  providers: [
    {
      provide: PacketTemplateEngine,
      useFactory: (config: AppConfig): PacketTemplateEngine => new PacketTemplateEngine({ templatesDir: config.templatesDir }),
      inject: [AppConfig],
    },
    {
      provide: PdfRenderer,
      useFactory: (config: AppConfig): PdfRenderer => new PdfRenderer({ chromiumPath: config.chromiumPath }),
      inject: [AppConfig],
    },
    PacketRenderService,
  ],
  exports: [PacketRenderService, PacketTemplateEngine, PdfRenderer],
})
export class PacketsModule {}
