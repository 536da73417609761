import type { FastifyReply } from 'fastify';
import { packetContentDisposition } from './packet-file-name.js';
import type { RenderedPacket } from './packet-render.service.js';

/**
 * The policy of a rendered packet or template preview: inline styles and data: images only, no scripts, no
 * requests, no forms, in a sandbox (a unique origin, nothing runs). Custom templates may contain their own
 * markup; whatever a `<script>` in it says, it does not run in the reader's browser.
 */
export const PACKET_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; sandbox";

/** Packets, exports and their downloads hold candidates' evaluations: no cache keeps a copy. */
export const NO_STORE = 'no-store';

/**
 * Headers of a packet response: never cached; for documents a browser shows (HTML, Markdown as text) the
 * strict policy and no type sniffing. PDF gets no sandbox policy: browsers' PDF viewers do not open in one.
 */
export function setPacketHeaders(reply: FastifyReply, contentType: string): void {
  void reply.header('cache-control', NO_STORE);
  if (!contentType.startsWith('application/pdf')) {
    void reply.header('content-security-policy', PACKET_CONTENT_SECURITY_POLICY).header('x-content-type-options', 'nosniff');
  }
}

/** A rendered packet as a download: its type, its file name, the headers above; the body to send. */
export function packetResponse(reply: FastifyReply, packet: RenderedPacket): string | Buffer {
  void reply.type(packet.contentType).header('content-disposition', packetContentDisposition(packet.fileName));
  setPacketHeaders(reply, packet.contentType);
  return packet.body;
}
