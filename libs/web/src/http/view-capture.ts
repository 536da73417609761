import type { FastifyInstance } from 'fastify';
import type {} from '@fastify/view';

/** The header that asks for a page's view model instead of its HTML (benchmark mode only). */
export const CAPTURE_VIEW_HEADER = 'x-capture-view';

/**
 * Benchmark mode (QUERY_COUNTING=true): a page rendered with `reply.viewAsync` answers `{page, data}` (its template
 * and view model) as JSON to a request with `x-capture-view: 1`, so that the bench's bare baseline renders the same
 * template from the same data. Nothing changes for any other request.
 */
export function captureViewModels(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.headers[CAPTURE_VIEW_HEADER] === '1') {
      reply.viewAsync = async (page: string, data?: object): Promise<string> => {
        void reply.header('content-type', 'application/json; charset=utf-8');
        return JSON.stringify({ page, data });
      };
    }
    done();
  });
}
