import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '@loopwright/core';
import { ACCESS_ENTITY_TYPES, ACCESS_KINDS, type AccessEntityType, type AccessKind } from './access-event.entity.js';

/** One read of personal data: who, what, when; never the content. */
export class AccessEventDto {
  id: string;
  /** The reader (null when the system read). */
  actorId: string | null;
  @ApiProperty({ enum: ACCESS_KINDS })
  kind: AccessKind;
  @ApiProperty({ enum: ACCESS_ENTITY_TYPES })
  entityType: AccessEntityType;
  entityId: string;
  /** The candidate whose data was read; null when the read named none. */
  candidateId: string | null;
  /** `pdf`, `html`, `markdown`, `json`, `csv`, `page`, `preview` (a template preview) or `zip`. */
  format: string | null;
  requestId: string | null;
  at: Date;
}

export class AccessEventPageDto {
  items: AccessEventDto[];
  nextCursor: string | null;
}

export class ListAccessEventsQueryDto extends PageQueryDto {
  /** Reads of this candidate's data. */
  @IsOptional()
  @IsUUID()
  candidateId?: string;

  /** Reads by this user. */
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @IsOptional()
  @IsIn(ACCESS_KINDS)
  @ApiProperty({ enum: ACCESS_KINDS, required: false })
  kind?: AccessKind;
}
