import { PageQueryDto } from '@loopwright/core';

export class TemplateRoundDto {
  position: number;
  title: string;
  durationMinutes: number;
  pillarIds: string[];
  questionCount: number;
  /** Question tags planning prefers for this round (empty: none). */
  tags: string[];
}

export class LoopTemplateDto {
  id: string;
  name: string;
  description: string;
  rounds: TemplateRoundDto[];
  createdAt: Date;
  updatedAt: Date;
}

export class LoopTemplatePageDto {
  items: LoopTemplateDto[];
  nextCursor: string | null;
}

export class ListLoopTemplatesQueryDto extends PageQueryDto {}
