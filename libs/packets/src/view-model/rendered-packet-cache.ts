import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { RenderedPacket } from '../packet-render.service.js';
import type { PacketInputs, PacketOptions } from './packet-view-model.builder.js';

/** 32 MB of rendered packets: a few thousand HTML packets, a few hundred PDFs. */
export const DEFAULT_PACKET_CACHE_BYTES = 32 * 1024 * 1024;

/**
 * What a rendered packet depends on, and nothing else: the organization, the format, the template (shipped, or a
 * custom one's source), the options and what the packet is made of as read (`PacketInputs`, the minute of the read
 * included). A scorecard amended, a loop decided, a round or a candidate changed, a name changed, a template
 * replaced, names redacted: each reads as other inputs or options or template, so another key; there is nothing to
 * invalidate.
 */
export function packetCacheKey(
  organizationId: string,
  format: string,
  templateSource: string | null,
  options: Pick<PacketOptions, 'redactInterviewers' | 'includeShadows'>,
  inputs: PacketInputs,
): string {
  const digest = createHash('sha256');
  digest.update(templateSource === null ? 'shipped' : `custom:${templateSource}`);
  digest.update('\0');
  digest.update(JSON.stringify([options.redactInterviewers, options.includeShadows, inputs]));
  return `${organizationId}:${format}:${digest.digest('base64url')}`;
}

const sizeOf = (packet: RenderedPacket): number => Math.max(1, packet.body.length);

/**
 * Rendered packets by `packetCacheKey`, least recently used dropped first, bounded by the bytes of their bodies. Bodies
 * are kept encoded (UTF-8 for HTML and Markdown): a reused render is sent as it is, not encoded and measured again.
 */
export class RenderedPacketCache {
  private readonly entries: LRUCache<string, RenderedPacket>;

  constructor(maxBytes: number = DEFAULT_PACKET_CACHE_BYTES) {
    this.entries = new LRUCache({ maxSize: maxBytes, sizeCalculation: sizeOf });
  }

  get size(): number {
    return this.entries.size;
  }

  async getOrRender(key: string, render: () => Promise<RenderedPacket>): Promise<RenderedPacket> {
    const hit = this.entries.get(key);
    if (hit) return hit;
    const rendered = await render();
    const packet = typeof rendered.body === 'string' ? { ...rendered, body: Buffer.from(rendered.body) } : rendered;
    this.entries.set(key, packet);
    return packet;
  }
}
