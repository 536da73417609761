import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { IdParam } from '@loopwright/core';
import { Allow, CurrentActor, type Actor } from '@loopwright/identity';
import type { FastifyReply } from 'fastify';
import { setPacketHeaders } from '../packet-headers.js';
import {
  CreatePacketTemplateDto,
  ListPacketTemplatesQueryDto,
  PacketTemplateDto,
  PacketTemplatePageDto,
  PreviewPacketTemplateDto,
  UpdatePacketTemplateDto,
} from './packet-template.dto.js';
import { PacketTemplatesService } from './packet-templates.service.js';
import { PacketViewModelDocDto } from './packet-view-model-doc.dto.js';

@ApiTags('packets')
@ApiBearerAuth()
@Allow('admin')
@Controller('packet-templates')
export class PacketTemplatesController {
  constructor(private readonly templates: PacketTemplatesService) {}

  /**
   * Uploads a template; one that does not compile, uses anything outside the view model, or passes a limit (256 KB,
   * nesting 64 deep, 10,000 expressions, checking time) gives 400 TEMPLATE_INVALID with line and column.
   */
  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CreatePacketTemplateDto): Promise<PacketTemplateDto> {
    return this.templates.create(actor, body);
  }

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListPacketTemplatesQueryDto): Promise<PacketTemplatePageDto> {
    return this.templates.list(actor, query);
  }

  /** The documented view model (field names, types, an example) and helpers that templates may use. */
  @Get('view-model')
  @ApiOkResponse({ description: 'Fields with their types and descriptions, the helpers, and an example view model', type: PacketViewModelDocDto })
  viewModel(): PacketViewModelDocDto {
    return this.templates.viewModelDoc();
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<PacketTemplateDto> {
    return this.templates.get(actor, id);
  }

  /** Renames it and/or saves a new source as the next version (send the `version` you edited to detect a concurrent edit). */
  @Put(':id')
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: UpdatePacketTemplateDto): Promise<PacketTemplateDto> {
    return this.templates.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<void> {
    return this.templates.remove(actor, id);
  }

  /**
   * Renders the template in the sandbox (time and size limits) on a loop's packet, or on the example packet. The
   * blind rule holds for `loopId`: 403 SUBMIT_YOURS_FIRST while the caller interviews or shadows on that loop and has
   * not submitted their own scorecard.
   * Like packets: `Cache-Control: no-store` and a Content-Security-Policy that lets no script of the template run.
   */
  @Post(':id/preview')
  @HttpCode(HttpStatus.OK)
  @ApiProduces('text/html', 'text/markdown')
  @ApiOkResponse({
    description: 'The rendered template, in its format',
    content: { 'text/html': { schema: { type: 'string' } }, 'text/markdown': { schema: { type: 'string' } } },
  })
  async preview(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: PreviewPacketTemplateDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const rendered = await this.templates.preview(actor, id, body.loopId);
    void reply.type(rendered.contentType);
    setPacketHeaders(reply, rendered.contentType);
    return rendered.body;
  }
}
