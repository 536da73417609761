import type {} from '@fastify/view';
import type { FastifyReply } from 'fastify';

/**
 * A page with its status (200, or a refused form's 400, 403, 409): rendered before sending, so that a failing render
 * reaches the page's exception filter. The view engine sets the HTML content type (the benchmark's capture, JSON).
 */
export async function renderPage(reply: FastifyReply, status: number, template: string, view: object): Promise<void> {
  const html = await reply.viewAsync(template, view);
  void reply.status(status).send(html);
}
