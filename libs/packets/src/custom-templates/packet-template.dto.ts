import { OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsString, IsUUID, MaxLength, Min, MinLength } from 'class-validator';
import { Optional, PageQueryDto, trimmed, UpdateType } from '@loopwright/core';
import { PACKET_TEMPLATE_FORMATS, type PacketFormat } from '../templates/template-formats.js';
import { MAX_TEMPLATE_SOURCE_BYTES } from '../templates/template-validator.js';

export class CreatePacketTemplateDto {
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name: string;

  /** `html` (also used for PDF) or `markdown`. */
  @IsIn(PACKET_TEMPLATE_FORMATS)
  format: PacketFormat;

  /**
   * Handlebars source; only the documented view model (`GET /api/packet-templates/view-model`) and helpers. At
   * most 256 KB, blocks and subexpressions nested at most 64 deep, at most 10,000 expressions; past a limit 400
   * TEMPLATE_INVALID names it (with line and column where it is a place).
   */
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_TEMPLATE_SOURCE_BYTES)
  source: string;
}

/** A new name and/or a new source (the next version; earlier versions stay stored). */
export class UpdatePacketTemplateDto extends UpdateType(OmitType(CreatePacketTemplateDto, ['format'] as const)) {
  /** The version this edit was based on; a newer one answers 409 STALE_VERSION. */
  @Optional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class PreviewPacketTemplateDto {
  /** The loop to render; without it, the documented example packet. */
  @Optional()
  @IsUUID()
  loopId?: string;
}

export class PacketTemplateSummaryDto {
  id: string;
  name: string;
  format: PacketFormat;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export class PacketTemplateDto extends PacketTemplateSummaryDto {
  source: string;
  /** Who saved the current version. */
  authorId: string | null;
}

export class PacketTemplatePageDto {
  items: PacketTemplateSummaryDto[];
  nextCursor: string | null;
}

export class ListPacketTemplatesQueryDto extends PageQueryDto {}
