import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParam } from '@loopwright/core';
import { Allow, CurrentActor, type Actor } from '@loopwright/identity';
import { CreatePillarDto } from './create-pillar.dto.js';
import { PillarDto } from './pillar.dto.js';
import { PillarsService } from './pillars.service.js';
import { UpdatePillarDto } from './update-pillar.dto.js';

@ApiTags('question bank')
@ApiBearerAuth()
@Controller('pillars')
export class PillarsController {
  constructor(private readonly pillars: PillarsService) {}

  /** The organization's pillars in their order; every new organization starts with the four defaults. */
  @Get()
  list(@CurrentActor() actor: Actor): Promise<PillarDto[]> {
    return this.pillars.list(actor);
  }

  /** Adds a pillar; 409 `PILLAR_KEY_TAKEN` when the key exists. */
  @Allow('admin')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CreatePillarDto): Promise<PillarDto> {
    return this.pillars.create(actor, body);
  }

  /** Renames, re-keys, re-describes or moves a pillar. */
  @Allow('admin')
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: UpdatePillarDto): Promise<PillarDto> {
    return this.pillars.update(actor, id, body);
  }

  /** Deletes a pillar; 409 `PILLAR_IN_USE` while questions, qualifications or loops refer to it. */
  @Allow('admin')
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<void> {
    return this.pillars.remove(actor, id);
  }
}
