import { HttpStatus } from '@nestjs/common';
import { AppError } from '@loopwright/core';
import type { FastifyReply } from 'fastify';

export interface FormRefusalOptions {
  /**
   * A 403 is the form's too: the service refused this person this one record (a conflict of interest declared for
   * someone else, a position of another hiring manager), which the form says in words. Off where a 403 means the page
   * itself is not theirs, for the error page.
   */
  forbidden?: boolean;
}

/** What a service refused that the page answers with the form again (bad input, a conflict); anything else is the filter's. */
export function isFormRefusal(error: unknown, options: FormRefusalOptions = {}): error is AppError {
  if (!(error instanceof AppError)) return false;
  return (
    error.status === HttpStatus.BAD_REQUEST ||
    error.status === HttpStatus.CONFLICT ||
    (options.forbidden === true && error.status === HttpStatus.FORBIDDEN)
  );
}

/**
 * A form's answer: runs the change and 303s to the address it gives back, or, when the change is refused (400, 409,
 * and 403 with `forbidden`), lets `refused` render the page again with the problem. Any other error goes on to the
 * page's exception filter.
 */
export async function answerForm(
  reply: FastifyReply,
  change: () => Promise<string>,
  refused: (error: AppError) => Promise<void>,
  options: FormRefusalOptions = {},
): Promise<void> {
  let target: string;
  try {
    target = await change();
  } catch (error) {
    if (!isFormRefusal(error, options)) throw error;
    await refused(error);
    return;
  }
  void reply.redirect(target, HttpStatus.SEE_OTHER);
}
