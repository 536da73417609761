import { WEB_SESSION_COOKIE } from '@loopwright/identity';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site posts), Secure when the request came over HTTPS. */
function attributes(request: FastifyRequest): string {
  return `Path=/; HttpOnly; SameSite=Lax${request.protocol === 'https' ? '; Secure' : ''}`;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: Date): void {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  void reply.header('set-cookie', `${WEB_SESSION_COOKIE}=${token}; ${attributes(request)}; Max-Age=${maxAge}`);
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  void reply.header('set-cookie', `${WEB_SESSION_COOKIE}=; ${attributes(request)}; Max-Age=0`);
}
