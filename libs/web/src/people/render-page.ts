import type {} from '@fastify/view';
import type { FastifyReply } from 'fastify';

/** A page with a status of its own (a refused form: 400, 403, 409); rendered before sending, so that a failing render reaches the page's exception filter. */
export async function renderPage(reply: FastifyReply, status: number, template: string, view: object): Promise<void> {
  const html = await reply.viewAsync(template, view);
  void reply.status(status).send(html);
}
