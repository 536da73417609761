import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { markdownAlias } from '../format-alias.js';
import { PACKET_OUTPUT_FORMATS, type PacketOutputFormat } from '../templates/template-formats.js';

export class PacketQueryDto {
  /** `html` (default), `markdown` (`md` is taken as `markdown`) or `pdf` (503 PDF_UNAVAILABLE without Chromium). */
  @IsOptional()
  @Transform(markdownAlias)
  @IsIn(PACKET_OUTPUT_FORMATS)
  format: PacketOutputFormat = 'html';

  /** An organization's template instead of the shipped one. */
  @IsOptional()
  @IsUUID()
  templateId?: string;

  /** `interviewers`: rounds say "Interviewer 1, 2, ..." instead of names. */
  @IsOptional()
  @IsIn(['interviewers'])
  redact?: 'interviewers';

  /** Shadows' scorecards as rounds of their own. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeShadows?: boolean;
}
