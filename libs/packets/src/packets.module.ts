import { Module } from '@nestjs/common';
import { AppConfig } from '@loopwright/core';
import { PdfRenderer } from './pdf/pdf-renderer.js';
import { PacketTemplateEngine } from './templates/packet-template-engine.js';

/**
 * Packet rendering: the template engine (shipped and custom Handlebars templates) and the PDF printer,
 * configured from AppConfig (TEMPLATES_DIR, CHROMIUM_PATH). Both stop their workers and browser at shutdown.
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
  ],
  exports: [PacketTemplateEngine, PdfRenderer],
})
export class PacketsModule {}
