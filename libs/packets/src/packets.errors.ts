import { HttpStatus } from '@nestjs/common';
import { AppError } from '@loopwright/core';

/** Where and what: line and column are 1-based, as editors count them. */
export interface TemplateProblem {
  line: number;
  column: number;
  problem: string;
}

/** 400 for an uploaded template that does not compile or uses what packets do not allow; details name the first problem. */
export const templateInvalid = (problems: TemplateProblem[]): AppError => {
  const [first] = problems;
  return new AppError(
    'TEMPLATE_INVALID',
    `The template is not valid: ${first.problem} (line ${first.line}, column ${first.column})`,
    HttpStatus.BAD_REQUEST,
    { line: first.line, column: first.column, problem: first.problem, problems },
  );
};

export const templateTimeout = (timeoutMs: number): AppError =>
  new AppError(
    'TEMPLATE_TIMEOUT',
    `The template took longer than ${timeoutMs} ms to render and was stopped`,
    HttpStatus.UNPROCESSABLE_ENTITY,
    { timeoutMs },
  );

export const templateOutputTooLarge = (maxOutputBytes: number): AppError =>
  new AppError(
    'TEMPLATE_OUTPUT_TOO_LARGE',
    `The template produced more than ${maxOutputBytes} bytes and was stopped`,
    HttpStatus.UNPROCESSABLE_ENTITY,
    { maxOutputBytes },
  );

/** The template compiled but failed on this packet (a field missing in strict mode, a helper given bad input). */
export const templateRenderFailed = (message: string, where: { line?: number; column?: number } = {}): AppError =>
  new AppError('TEMPLATE_RENDER_FAILED', `The template failed to render: ${message}`, HttpStatus.UNPROCESSABLE_ENTITY, where);

export const templateRendererBusy = (): AppError =>
  new AppError('TEMPLATE_RENDERER_BUSY', 'Too many custom templates are rendering; try again shortly', HttpStatus.SERVICE_UNAVAILABLE);

export const shippedTemplateNotFound = (name: string, format: string): AppError =>
  new AppError('NOT_FOUND', `Packet template ${name} (${format}) not found`, HttpStatus.NOT_FOUND);

export const PDF_INSTALL_HINT =
  'Install Chromium on the server (Debian/Ubuntu: apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium or Chrome executable';

export const pdfUnavailable = (reason: string): AppError =>
  new AppError('PDF_UNAVAILABLE', `PDF packets are unavailable: ${reason}. ${PDF_INSTALL_HINT}. HTML and Markdown packets still work.`, HttpStatus.SERVICE_UNAVAILABLE);
