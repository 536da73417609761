import { Body, Controller, Get, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParam } from '@loopwright/core';
import { Allow, CurrentActor, type Actor } from '@loopwright/identity';
import { LoopTemplateInputDto } from './loop-template-input.dto.js';
import { ListLoopTemplatesQueryDto, LoopTemplateDto, LoopTemplatePageDto } from './loop-template.dto.js';
import { LoopTemplatesService } from './loop-templates.service.js';

@ApiTags('loops')
@ApiBearerAuth()
@Allow('admin', 'hiring_manager')
@Controller('loop-templates')
export class LoopTemplatesController {
  constructor(private readonly templates: LoopTemplatesService) {}

  /** Adds a template: 1..20 rounds, each with 1..480 minutes, pillars of your organization and 0..10 questions to plan. */
  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: LoopTemplateInputDto): Promise<LoopTemplateDto> {
    return this.templates.create(actor, body);
  }

  /** The organization's templates by name, with their rounds. */
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListLoopTemplatesQueryDto): Promise<LoopTemplatePageDto> {
    return this.templates.list(actor, query);
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<LoopTemplateDto> {
    return this.templates.get(actor, id);
  }

  /** Replaces the template; loops already made from it keep their rounds. */
  @Put(':id')
  replace(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: LoopTemplateInputDto): Promise<LoopTemplateDto> {
    return this.templates.replace(actor, id, body);
  }
}
