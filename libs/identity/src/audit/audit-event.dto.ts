import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '@loopwright/core';

export class AuditEventDto {
  id: string;
  /** null when the system acted. */
  actorId: string | null;
  /** e.g. `user.created`, `scorecard.submitted`. */
  action: string;
  entityType: string;
  entityId: string;
  at: Date;
  /**
   * Changed fields with their values before and after; secrets are `[masked]` and personal values (names and
   * contact details of people, free text such as notes, summaries and reasons) `[personal]`: only that they changed.
   */
  changes: Record<string, { before: unknown; after: unknown }>;
  requestId: string | null;
}

export class AuditEventPageDto {
  items: AuditEventDto[];
  nextCursor: string | null;
}

export class ListAuditEventsQueryDto extends PageQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(60)
  entityType?: string;

  @IsOptional()
  @IsUUID()
  entityId?: string;

  @IsOptional()
  @IsUUID()
  actorId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  /** Newest first (default) or oldest first. */
  @IsOptional()
  @IsIn(['desc', 'asc'])
  order?: 'desc' | 'asc';
}
