import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One field of the packet view model, by its path (`rounds[].ratings[].rating`). */
export class ViewModelFieldDocDto {
  /** Dotted path; `[]` marks the items of a list. */
  path: string;
  /** `string`, `number`, `boolean`, `object`, `string (ISO-8601 date-time, UTC)`, `array of ...`. */
  type: string;
  nullable: boolean;
  description: string;
  /** The values a text field takes, when it takes a fixed set. */
  @ApiPropertyOptional({ type: [String] })
  values?: readonly string[];
  /** Text that may hold line breaks; every other text is one line. */
  multiline?: boolean;
}

export class TemplateHelperDocDto {
  name: string;
  /** An example of its use in a template. */
  usage: string;
  description: string;
}

export class TemplateHelpersDocDto {
  helpers: TemplateHelperDocDto[];
  /** `if`, `unless`, `each`, `with`. */
  blockHelpers: TemplateHelperDocDto[];
  notes: string[];
}

/** `GET /api/packet-templates/view-model`: what a packet template receives, and the helpers it may use. */
export class PacketViewModelDocDto {
  description: string;
  fields: ViewModelFieldDocDto[];
  helpers: TemplateHelpersDocDto;
  /** An example view model, as the example packet renders it (the shape `fields` describes). */
  @ApiProperty({ type: 'object', additionalProperties: true })
  example: object;
}
