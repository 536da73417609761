import type { RenderedPacket } from '../packet-render.service.js';
import type { VersionedPacketInputs } from './packet-view-model.builder.js';
import { packetSlot, RenderedPacketCache, templateTag, type KeptPacket } from './rendered-packet-cache.js';

const read = { versions: { loop: 'l', record: 'r', directory: 'd', catalog: 'c' }, references: { people: [], asked: [] } } as unknown as VersionedPacketInputs;
const rendered = (body: string): RenderedPacket => ({ body, contentType: 'text/markdown; charset=utf-8', fileName: 'packet.md' });
const kept = (body: string): KeptPacket => ({ read, template: 'shipped', packet: rendered(body) });

describe('RenderedPacketCache', () => {
  it('keeps one packet per slot, the last rendered, its body encoded once', () => {
    const cache = new RenderedPacketCache();
    const first = cache.keep('slot', kept('first'));
    expect(Buffer.isBuffer(first.body)).toBe(true);
    expect(cache.get('slot')?.packet).toBe(first);
    cache.keep('slot', kept('second'));
    expect(cache.size).toBe(1);
    expect(cache.get('slot')?.packet.body.toString()).toBe('second');
    expect(cache.get('another slot')).toBeUndefined();
  });

  it('drops the least recently used slot beyond its bytes, inputs counted with bodies', () => {
    const inputs = JSON.stringify(read).length;
    const cache = new RenderedPacketCache(2 * (100 + inputs));
    cache.keep('a', kept('a'.repeat(100)));
    cache.keep('b', kept('b'.repeat(100)));
    expect(cache.get('a')).toBeDefined();
    cache.keep('c', kept('c'.repeat(100)));
    expect([cache.get('a'), cache.get('b'), cache.get('c')].map((entry) => entry !== undefined)).toEqual([true, false, true]);
  });
});

describe('packetSlot and templateTag', () => {
  it('tell packets apart by organization, loop, format, template and options, and templates by version', () => {
    const options = { redactInterviewers: false, includeShadows: false };
    const slots = [
      packetSlot('org', 'loop', 'html', null, options),
      packetSlot('other', 'loop', 'html', null, options),
      packetSlot('org', 'other', 'html', null, options),
      packetSlot('org', 'loop', 'markdown', null, options),
      packetSlot('org', 'loop', 'html', 'template', options),
      packetSlot('org', 'loop', 'html', null, { ...options, redactInterviewers: true }),
      packetSlot('org', 'loop', 'html', null, { ...options, includeShadows: true }),
    ];
    expect(new Set(slots).size).toBe(slots.length);
    expect(templateTag(undefined)).toBe('shipped');
    expect(templateTag({ id: 't', version: 1 })).not.toBe(templateTag({ id: 't', version: 2 }));
  });
});
