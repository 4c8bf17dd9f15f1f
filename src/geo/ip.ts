import { BlockList, isIP } from 'node:net';

/**
 * What an address says about where its owner is. Every kind but `public` is a location nobody can
 * know from the address: a private or loopback address usually means the site's `trust proxy`
 * setting is wrong and `req.ip` is its own proxy.
 */
export type IpKind =
  | 'public'
  | 'private'
  | 'loopback'
  | 'cgnat'
  | 'link-local'
  | 'unique-local'
  | 'unspecified'
  | 'documentation'
  | 'multicast'
  | 'reserved';

/** A client address in canonical text, with its family and kind. */
export interface ClientAddress {
  /** A dotted quad, or lower-case RFC 5952 IPv6 (IPv4-mapped IPv6 is given as its IPv4). */
  address: string;
  family: 4 | 6;
  kind: IpKind;
}

/** Ranges that carry no location, most specific first (the first match names the kind). */
const NON_PUBLIC_V4: ReadonlyArray<readonly [string, number, IpKind]> = [
  ['0.0.0.0', 32, 'unspecified'],
  ['0.0.0.0', 8, 'reserved'], // "this network"
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'cgnat'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'], // IETF protocol assignments
  ['192.0.2.0', 24, 'documentation'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'], // benchmarking
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'], // includes the broadcast address
];

const NON_PUBLIC_V6: ReadonlyArray<readonly [string, number, IpKind]> = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['100::', 64, 'reserved'], // discard-only
  ['2001:db8::', 32, 'documentation'],
  ['3fff::', 20, 'documentation'],
  ['fc00::', 7, 'unique-local'],
  ['fe80::', 10, 'link-local'],
  ['ff00::', 8, 'multicast'],
];

/** The table above, exported so tests can check the fast IPv4 path against node's BlockList. */
export const NON_PUBLIC_RANGES = { v4: NON_PUBLIC_V4, v6: NON_PUBLIC_V6 } as const;

/**
 * IPv4 is classified with integer comparisons: `BlockList#check` parses the text again on every
 * call, which costs more than the rest of a request's geo work (docs/performance.md).
 * IPv6 arithmetic is clumsier, so IPv6 goes through BlockList: one check for a public address
 * (after the shortcut below), and one per kind only for an address known not to be public.
 */
const V4_RANGES = NON_PUBLIC_V4.map(([base, prefix, kind]) => {
  const start = ipv4ToNumber(base);
  const size = 2 ** (32 - prefix);
  return { start, end: start + size - 1, kind };
});
const ANY_NON_PUBLIC_V6 = blockListOf(NON_PUBLIC_V6);
/**
 * Nearly every real IPv6 client is in 2000::/3 (a canonical first group of four hex digits starting
 * with 2 or 3), where the table's only ranges start with the groups 2001 and 3fff. Such an address
 * is public without asking BlockList; the rest take the BlockList path.
 */
const GLOBAL_UNICAST = /^[23][0-9a-f]{3}:/;
const V6_BY_KIND = NON_PUBLIC_V6.map(([base, prefix, kind]) => ({ kind, list: blockListOf([[base, prefix, kind]]) }));

function blockListOf(ranges: ReadonlyArray<readonly [string, number, IpKind]>): BlockList {
  const list = new BlockList();
  for (const [base, prefix] of ranges) list.addSubnet(base, prefix, 'ipv6');
  return list;
}

/** A dotted quad (already validated by `net.isIP`) as an unsigned 32-bit integer. */
export function ipv4ToNumber(address: string): number {
  // Digit by digit rather than split('.'): it runs on every request and allocates nothing.
  let value = 0;
  let octet = 0;
  for (let i = 0; i < address.length; i++) {
    const code = address.charCodeAt(i);
    if (code === 0x2e) {
      value = value * 256 + octet;
      octet = 0;
    } else {
      octet = octet * 10 + (code - 0x30);
    }
  }
  return value * 256 + octet;
}

const PORT = /^:\d{1,5}$/;
const MAPPED = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/;
/** Longer text is no address, even with brackets, a port and a zone id. */
const MAX_ADDRESS_TEXT = 100;

/**
 * A client address as a server sees it, in canonical form: `1.2.3.4:5678` and `[2001:db8::1]:443`
 * lose their port, `fe80::1%eth0` its zone id, `::ffff:1.2.3.4` (in any spelling) becomes
 * `1.2.3.4`, IPv6 is lower-cased and compressed. Anything else that is not an address gives null.
 */
export function normaliseIp(raw: unknown): { address: string; family: 4 | 6 } | null {
  if (typeof raw !== 'string') return null;
  let text = raw.trim();
  if (text.length === 0 || text.length > MAX_ADDRESS_TEXT) return null;
  if (text.charAt(0) === '[') {
    const close = text.indexOf(']');
    if (close < 0) return null;
    const after = text.slice(close + 1);
    if (after !== '' && !PORT.test(after)) return null;
    text = text.slice(1, close);
  } else {
    // One colon can only be IPv4 with a port: IPv6 has at least two.
    const colon = text.indexOf(':');
    if (colon >= 0 && colon === text.lastIndexOf(':')) {
      if (!PORT.test(text.slice(colon))) return null;
      text = text.slice(0, colon);
    }
  }
  const family = isIP(text);
  // net.isIP refuses leading zeros and short forms, so an accepted dotted quad is canonical.
  if (family === 4) return { address: text, family: 4 };
  if (family !== 6) return null;
  const zone = text.indexOf('%');
  const canonical = canonicalIpv6(zone < 0 ? text : text.slice(0, zone));
  if (canonical === null) return null;
  const mapped = MAPPED.exec(canonical);
  if (mapped) {
    const high = parseInt(mapped[1] ?? '0', 16);
    const low = parseInt(mapped[2] ?? '0', 16);
    return { address: `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`, family: 4 };
  }
  return { address: canonical, family: 6 };
}

/**
 * The WHATWG URL parser writes IPv6 hosts in RFC 5952 form (lower case, longest zero run
 * compressed, IPv4-mapped as `::ffff:102:304`), which spares us parsing IPv6 by hand.
 */
function canonicalIpv6(address: string): string | null {
  try {
    return new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
}

/** The kind of a canonical address from `normaliseIp`. */
export function classifyIp(address: string, family: 4 | 6): IpKind {
  if (family === 4) {
    const value = ipv4ToNumber(address);
    for (const range of V4_RANGES) if (value >= range.start && value <= range.end) return range.kind;
    return 'public';
  }
  if (GLOBAL_UNICAST.test(address) && !address.startsWith('2001:') && !address.startsWith('3fff:')) return 'public';
  if (!ANY_NON_PUBLIC_V6.check(address, 'ipv6')) return 'public';
  for (const { kind, list } of V6_BY_KIND) if (list.check(address, 'ipv6')) return kind;
  return 'reserved';
}

/** `normaliseIp` and `classifyIp` together: the client address of a request, or null for junk. */
export function parseClientAddress(raw: unknown): ClientAddress | null {
  const normal = normaliseIp(raw);
  if (normal === null) return null;
  return { address: normal.address, family: normal.family, kind: classifyIp(normal.address, normal.family) };
}
