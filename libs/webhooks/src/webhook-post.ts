import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';

export interface WebhookPost {
  url: URL;
  /** The address checked by the address policy: the connection goes there, not to a second DNS answer. */
  address: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

export type PostOutcome = { status: number; retryAfter: string | undefined } | { status: null; error: 'TIMEOUT' | 'NETWORK' };

/**
 * One POST, never following a redirect (the status is the answer), to the checked address with the URL's host name
 * for the Host header, TLS SNI and certificate check. Resolves once the response's status line is in (the body is
 * read and dropped), or when `timeoutMs` passes without it.
 */
export function postWebhook(post: WebhookPost): Promise<PostOutcome> {
  const { url } = post;
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const signal = AbortSignal.timeout(post.timeoutMs);
    const request = send(
      {
        host: post.address,
        port: url.port || (url.protocol === 'https:' ? 443 : 80),
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers: { ...post.headers, host: url.host, 'content-length': String(Buffer.byteLength(post.body)) },
        servername: isIP(hostname) ? undefined : hostname,
        agent: false,
        signal,
      },
      (response) => {
        response.resume();
        const retryAfter = response.headers['retry-after'];
        resolve({ status: response.statusCode ?? 0, retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter });
      },
    );
    request.on('error', () => resolve({ status: null, error: signal.aborted ? 'TIMEOUT' : 'NETWORK' }));
    request.end(post.body);
  });
}
