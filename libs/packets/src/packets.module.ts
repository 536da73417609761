import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@loopwright/core';
import { EventsModule } from '@loopwright/events';
import { IdentityModule } from '@loopwright/identity';
import { LoopsModule } from '@loopwright/loops';
import { QuestionBankModule } from '@loopwright/question-bank';
import { ScorecardsModule } from '@loopwright/scorecards';
import { PacketTemplate } from './custom-templates/packet-template.entity.js';
import { PacketTemplateVersion } from './custom-templates/packet-template-version.entity.js';
import { PacketTemplatesController } from './custom-templates/packet-templates.controller.js';
import { PacketTemplatesService } from './custom-templates/packet-templates.service.js';
import { PacketExport } from './exports/packet-export.entity.js';
import { PacketExportRunner } from './exports/packet-export.runner.js';
import { PacketExportWorker } from './exports/packet-export.worker.js';
import { PacketExportsController } from './exports/packet-exports.controller.js';
import { PacketExportsService } from './exports/packet-exports.service.js';
import { PacketRenderService } from './packet-render.service.js';
import { PdfRenderer } from './pdf/pdf-renderer.js';
import { PacketTemplateEngine } from './templates/packet-template-engine.js';
import { PacketViewModelBuilder } from './view-model/packet-view-model.builder.js';
import { PacketsController } from './view-model/packets.controller.js';
import { PacketsService } from './view-model/packets.service.js';
import { RenderedPacketCache } from './view-model/rendered-packet-cache.js';

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
      useFactory: (config: AppConfig): PdfRenderer => new PdfRenderer({ chromiumPath: config.chromiumPath, concurrency: config.pdf?.concurrency, memoryLimitMb: config.pdf?.memoryLimitMb }),
      inject: [AppConfig],
    },
    PacketRenderService,
  ],
  exports: [PacketRenderService, PacketTemplateEngine, PdfRenderer],
})
export class PacketRenderingModule {}

export const PACKETS_ENTITIES = [PacketTemplate, PacketTemplateVersion, PacketExport];

const shared = {
  imports: [PacketRenderingModule, EventsModule, IdentityModule, QuestionBankModule, LoopsModule, ScorecardsModule, TypeOrmModule.forFeature(PACKETS_ENTITIES)],
  providers: [PacketTemplatesService, PacketViewModelBuilder],
};

/** The packet features of the API: packets of a loop, organizations' templates, bulk exports (queued). */
@Module({
  imports: [...shared.imports],
  controllers: [PacketsController, PacketTemplatesController, PacketExportsController],
  providers: [...shared.providers, PacketsService, PacketExportsService, { provide: RenderedPacketCache, useFactory: () => new RenderedPacketCache() }],
  exports: [PacketRenderingModule, PacketTemplatesService, PacketViewModelBuilder, PacketExportsService, PacketsService],
})
export class PacketsModule {}

/** The worker's part: makes the queued exports and removes expired archives. */
@Module({
  imports: shared.imports,
  providers: [...shared.providers, PacketExportRunner, PacketExportWorker],
  exports: [PacketExportRunner],
})
export class PacketExportWorkerModule {}
