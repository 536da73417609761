import { Body, Controller, Get, Header, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { IdParam } from '@loopwright/core';
import { Allow, CurrentActor, type Actor } from '@loopwright/identity';
import type { FastifyReply } from 'fastify';
import { NO_STORE } from '../packet-headers.js';
import { sendExportArchive } from './export-download.js';
import { CreatePacketExportDto, PacketExportDto } from './packet-export.dto.js';
import { PacketExportsService } from './packet-exports.service.js';

@ApiTags('packets')
@ApiBearerAuth()
@Controller('exports')
export class PacketExportsController {
  constructor(private readonly exports: PacketExportsService) {}

  /**
   * Queues a bulk export of packets (a position's loops or a list of loops); the worker writes one zip with a manifest
   * of SHA-256 sums. `format=md` is taken as `markdown`. The blind rule: a position's loops where the requester
   * interviews or shadows and has not submitted their own scorecard are left out; naming one in `loopIds` is refused
   * with 403 SUBMIT_YOURS_FIRST (`details.loopIds`).
   */
  @Allow('admin', 'recruiter')
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @Header('cache-control', NO_STORE)
  @ApiAcceptedResponse({ type: PacketExportDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreatePacketExportDto): Promise<PacketExportDto> {
    return this.exports.request(actor, body);
  }

  /** Status and progress, with `downloadUrl` once done (null before); for whoever asked for it and admins. */
  @Get(':id')
  @Header('cache-control', NO_STORE)
  get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<PacketExportDto> {
    return this.exports.get(actor, id);
  }

  /** The zip, once `status` is `done` (409 EXPORT_NOT_READY before); never cached (`Cache-Control: no-store`). */
  @Get(':id/download')
  @ApiProduces('application/zip')
  @ApiOkResponse({
    description: 'A zip of one packet file per loop and `manifest.json` (file names with their SHA-256 sums)',
    content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
  })
  async download(@CurrentActor() actor: Actor, @IdParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    await sendExportArchive(reply, await this.exports.download(actor, id));
  }
}
