import { HttpStatus } from '@nestjs/common';
import { AppError } from '@loopwright/core';
import type { FastifyReply } from 'fastify';

/** What a service refused that the page answers with the form again (bad input, a conflict); anything else is the filter's. */
export function isFormRefusal(error: unknown): error is AppError {
  return error instanceof AppError && (error.status === HttpStatus.BAD_REQUEST || error.status === HttpStatus.CONFLICT);
}

/**
 * A form's answer: runs the change and 303s to the address it gives back, or, when the change is refused (400, 409),
 * lets `refused` render the page again with the problem. Any other error goes on to the page's exception filter.
 */
export async function answerForm(reply: FastifyReply, change: () => Promise<string>, refused: (error: AppError) => Promise<void>): Promise<void> {
  let target: string;
  try {
    target = await change();
  } catch (error) {
    if (!isFormRefusal(error)) throw error;
    await refused(error);
    return;
  }
  void reply.redirect(target, HttpStatus.SEE_OTHER);
}
