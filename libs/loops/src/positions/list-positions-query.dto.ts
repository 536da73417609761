import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '@loopwright/core';
import { POSITION_STATUSES, type PositionStatus } from './position.entity.js';

export class ListPositionsQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(POSITION_STATUSES)
  status?: PositionStatus;

  @IsOptional()
  @IsUUID()
  hiringManagerId?: string;
}
