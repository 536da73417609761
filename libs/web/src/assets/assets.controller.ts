import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { notFound } from '@loopwright/core';
import { NotRateLimited, Public } from '@loopwright/identity';
import type { FastifyReply } from 'fastify';
import { ASSET_CACHE_CONTROL, WebAssets } from '../view/web-assets.js';

/** The pages' CSS, scripts and icons under content-hashed names, cached for a year. */
@ApiExcludeController()
@Public()
@NotRateLimited()
@Controller('assets')
export class AssetsController {
  constructor(private readonly assets: WebAssets) {}

  @Get(':file')
  file(@Param('file') file: string, @Res() reply: FastifyReply): void {
    const asset = this.assets.at(`/assets/${file}`);
    if (!asset) throw notFound('Asset');
    void reply.header('content-type', asset.contentType).header('cache-control', ASSET_CACHE_CONTROL).send(asset.body);
  }
}
