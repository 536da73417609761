import { UpdateType } from '@loopwright/core';
import { CreatePillarDto } from './create-pillar.dto.js';

/** Any subset of the fields; a new `key` must stay unique in the organization. */
export class UpdatePillarDto extends UpdateType(CreatePillarDto) {}
