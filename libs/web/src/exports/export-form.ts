import { validationFailed } from '@loopwright/core';
import { CreatePacketExportDto, PACKET_OUTPUT_FORMATS, type PacketOutputFormat } from '@loopwright/packets';
import { validatedInput } from '../http/form-input.js';
import type { FormWords } from '../people/form-fields.js';

export const EXPORT_LABELS = { positionId: 'Position', loopIds: 'Loops', format: 'Format' } as const;
export type ExportField = keyof typeof EXPORT_LABELS;

export const EXPORT_WORDS: FormWords<ExportField> = {
  fieldOfCode: { SUBMIT_YOURS_FIRST: 'loopIds' },
  whenBlank: { positionId: 'Choose a position, or tick the loops to export', format: 'Choose a format' },
};

export const FORMAT_LABELS: Record<PacketOutputFormat, string> = { html: 'HTML', markdown: 'Markdown', pdf: 'PDF' };
export const FORMAT_OPTIONS = PACKET_OUTPUT_FORMATS.map((value) => ({ value, label: FORMAT_LABELS[value] }));

/** Each loop of the form is a checkbox of its own (`loop-<id>`): a form field is sent once. */
export const LOOP_FIELD_PREFIX = 'loop-';

/** What the export form posted, as the form shows it again after a refusal. */
export interface PostedExport {
  positionId: string;
  format: string;
  loopIds: string[];
  redactInterviewers: boolean;
  includeShadows: boolean;
}

export function readExportForm(fields: Map<string, string>): PostedExport {
  return {
    positionId: fields.get('positionId') ?? '',
    format: fields.get('format') ?? '',
    loopIds: [...fields.keys()].filter((name) => name.startsWith(LOOP_FIELD_PREFIX)).map((name) => name.slice(LOOP_FIELD_PREFIX.length)),
    redactInterviewers: fields.has('redactInterviewers'),
    includeShadows: fields.has('includeShadows'),
  };
}

/** The API's body for the export: a position's loops or the loops ticked (the DTO refuses both). */
export async function toExportInput(posted: PostedExport): Promise<CreatePacketExportDto> {
  if (!posted.positionId && posted.loopIds.length === 0)
    throw validationFailed([{ field: 'positionId', problems: ['choose a position, or tick the loops to export'] }]);
  return validatedInput(CreatePacketExportDto, {
    format: posted.format,
    ...(posted.positionId ? { positionId: posted.positionId } : {}),
    ...(posted.loopIds.length > 0 ? { loopIds: posted.loopIds } : {}),
    redactInterviewers: posted.redactInterviewers,
    includeShadows: posted.includeShadows,
  });
}
