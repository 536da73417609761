import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@loopwright/core';
import { IdentityModule } from '@loopwright/identity';
import { PacketTemplate } from './custom-templates/packet-template.entity.js';
import { PacketTemplateVersion } from './custom-templates/packet-template-version.entity.js';
import { PacketTemplatesController } from './custom-templates/packet-templates.controller.js';
import { PacketTemplatesService } from './custom-templates/packet-templates.service.js';
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
export class PacketRenderingModule {}

export const PACKETS_ENTITIES = [PacketTemplate, PacketTemplateVersion];

/** The packet features of the API: organizations' templates, and (with the scorecards) packets and exports. */
@Module({
  imports: [PacketRenderingModule, IdentityModule, TypeOrmModule.forFeature(PACKETS_ENTITIES)],
  controllers: [PacketTemplatesController],
  providers: [PacketTemplatesService],
  exports: [PacketRenderingModule, PacketTemplatesService],
})
export class PacketsModule {}
