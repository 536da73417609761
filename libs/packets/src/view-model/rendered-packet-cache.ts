import { LRUCache } from 'lru-cache';
import type { RenderedPacket } from '../packet-render.service.js';
import type { PacketOptions, VersionedPacketInputs } from './packet-view-model.builder.js';

/** 32 MB of rendered packets and their inputs: a few thousand HTML packets, a few hundred PDFs. */
export const DEFAULT_PACKET_CACHE_BYTES = 32 * 1024 * 1024;

/** A packet as last rendered for one slot: the inputs it was made of (with their versions) and the template's version. */
export interface KeptPacket {
  read: VersionedPacketInputs;
  /** `shipped`, or a custom template's id and version. */
  template: string;
  packet: RenderedPacket;
}

/**
 * Which packet a request asks for, whatever it is made of: the organization, the loop, the format, the template
 * (shipped, or a custom one by id) and the options. One packet is kept per slot, the last rendered.
 */
export function packetSlot(
  organizationId: string,
  loopId: string,
  format: string,
  templateId: string | null,
  options: Pick<PacketOptions, 'redactInterviewers' | 'includeShadows'>,
): string {
  return [organizationId, loopId, format, templateId ?? 'shipped', options.redactInterviewers ? 'redacted' : 'named', options.includeShadows ? 'shadows' : 'main'].join(':');
}

/** A template as a render depends on it: the shipped one, or a custom one at one version. */
export const templateTag = (template: { id: string; version: number } | undefined): string => (template ? `${template.id}@${template.version}` : 'shipped');

/**
 * The last rendered packet of each slot (`packetSlot`), least recently used dropped first, bounded by the bytes of
 * their bodies and inputs. Nothing is invalidated: a kept packet is served only after `PacketViewModelBuilder.readCurrent`
 * proved its inputs unchanged (the versions of their reads, the minute, the loop's status) and its template the same.
 * Bodies are kept encoded (UTF-8 for HTML and Markdown): a reused render is sent as it is, not encoded again.
 */
export class RenderedPacketCache {
  private readonly entries: LRUCache<string, KeptPacket>;

  constructor(maxBytes: number = DEFAULT_PACKET_CACHE_BYTES) {
    this.entries = new LRUCache({ maxSize: maxBytes, sizeCalculation: (kept) => kept.packet.body.length + JSON.stringify(kept.read).length });
  }

  get size(): number {
    return this.entries.size;
  }

  get(slot: string): KeptPacket | undefined {
    return this.entries.get(slot);
  }

  /** Keeps a fresh render for the slot (in place of the one kept) and returns it, its body encoded. */
  keep(slot: string, kept: KeptPacket): RenderedPacket {
    const { packet } = kept;
    const encoded = typeof packet.body === 'string' ? { ...packet, body: Buffer.from(packet.body) } : packet;
    this.entries.set(slot, { ...kept, packet: encoded });
    return encoded;
  }
}
