import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook must not reach unless internal receivers are allowed: this host, private networks, link-local
 * (the cloud metadata service, 169.254.169.254), carrier-grade NAT, "this network", documentation, benchmarking,
 * multicast and reserved ranges. An IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) is checked as its IPv4 address.
 */
const INTERNAL = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  INTERNAL.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  INTERNAL.addSubnet(network, prefix, 'ipv6');

export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return INTERNAL.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export type ResolvedAddress = { ok: true; address: string; family: 4 | 6 } | { ok: false; reason: 'ADDRESS_REFUSED' | 'DNS_FAILED' };

export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

/**
 * The address to connect to for `hostname`, looked up now (at delivery time): refused when any address it resolves to
 * is internal (a name that answers a public and a private address is not trusted) unless `allowPrivate`.
 */
export async function resolveDeliveryAddress(hostname: string, allowPrivate: boolean, resolve: Resolver = systemResolver): Promise<ResolvedAddress> {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  let addresses: { address: string; family: number }[];
  if (isIP(bare)) addresses = [{ address: bare, family: isIP(bare) }];
  else {
    try {
      addresses = await resolve(bare);
    } catch {
      return { ok: false, reason: 'DNS_FAILED' };
    }
  }
  if (addresses.length === 0) return { ok: false, reason: 'DNS_FAILED' };
  if (!allowPrivate && addresses.some((entry) => isInternalAddress(entry.address))) return { ok: false, reason: 'ADDRESS_REFUSED' };
  const [first] = addresses;
  return { ok: true, address: first!.address, family: first!.family === 6 ? 6 : 4 };
}
