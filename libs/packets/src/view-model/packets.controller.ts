import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { IdParam } from '@loopwright/core';
import { Allow, CurrentActor, type Actor } from '@loopwright/identity';
import type { FastifyReply } from 'fastify';
import { packetResponse } from '../packet-headers.js';
import { PacketQueryDto } from './packet-query.dto.js';
import { PacketsService } from './packets.service.js';

@ApiTags('packets')
@ApiBearerAuth()
@Controller('loops')
export class PacketsController {
  constructor(private readonly packets: PacketsService) {}

  /**
   * The candidate packet: submitted scorecards only, amendments shown; HTML, Markdown or PDF (503 PDF_UNAVAILABLE
   * without Chromium). For admins, recruiters and the position's hiring manager; one of them who interviews or
   * shadows on this loop gets 403 SUBMIT_YOURS_FIRST, in every format, until they submit their own scorecard.
   * Never cached (`Cache-Control: no-store`); HTML and Markdown come with a Content-Security-Policy that allows no
   * scripts (`default-src 'none'; style-src 'unsafe-inline'; img-src data:; ...; sandbox`).
   */
  @Allow('admin', 'recruiter', 'hiring_manager')
  @Get(':id/packet')
  @ApiProduces('text/html', 'text/markdown', 'application/pdf')
  @ApiOkResponse({
    description: 'The packet in the requested `format`: an HTML page, a Markdown document or a PDF file',
    content: {
      'text/html': { schema: { type: 'string' } },
      'text/markdown': { schema: { type: 'string' } },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    },
  })
  async packet(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Query() query: PacketQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | Buffer> {
    return packetResponse(reply, await this.packets.render(actor, id, query));
  }
}
