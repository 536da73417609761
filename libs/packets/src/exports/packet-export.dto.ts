import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsBoolean, IsIn, IsUUID, ValidateIf } from 'class-validator';
import { Transform } from 'class-transformer';
import { Optional } from '@loopwright/core';
import { markdownAlias } from '../format-alias.js';
import { PACKET_OUTPUT_FORMATS, type PacketOutputFormat } from '../templates/template-formats.js';
import type { ExportStatus } from './packet-export.entity.js';

/**
 * A bulk export. The blind rule holds: with `positionId`, the loops where the requester interviews or shadows and has
 * not submitted their own scorecard are left out; naming such a loop in `loopIds` is refused (403 SUBMIT_YOURS_FIRST).
 */
export class CreatePacketExportDto {
  /** Every loop of this position that was not cancelled; or give `loopIds`. */
  @ValidateIf((input: CreatePacketExportDto) => input.loopIds === undefined)
  @IsUUID()
  positionId?: string;

  @ValidateIf((input: CreatePacketExportDto) => input.positionId === undefined)
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  loopIds?: string[];

  /** `html`, `markdown` (`md` is taken as `markdown`) or `pdf`. */
  @Transform(markdownAlias)
  @IsIn(PACKET_OUTPUT_FORMATS)
  format: PacketOutputFormat;

  /** An organization's template (its format must match: html for html and pdf). */
  @Optional()
  @IsUUID()
  templateId?: string;

  /** "Interviewer 1, 2, ..." instead of names. */
  @Optional()
  @IsBoolean()
  redactInterviewers?: boolean;

  @Optional()
  @IsBoolean()
  includeShadows?: boolean;
}

export class PacketExportDto {
  id: string;
  status: ExportStatus;
  format: PacketOutputFormat;
  /** Share of the packets written, 0..1. */
  progress: number;
  total: number;
  done: number;
  error: string | null;
  positionId: string | null;
  requestedBy: string;
  createdAt: Date;
  finishedAt: Date | null;
  /** SHA-256 of the zip, once done. */
  sha256: string | null;
  sizeBytes: number | null;
  /** `/api/exports/:id/download` once `status` is `done`; null before (and when it failed). */
  downloadUrl: string | null;
}
