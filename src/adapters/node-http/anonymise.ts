import { createHmac } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import type { AuditIpMode } from './options';

/**
 * Cuts an address to its network for audit logs: IPv4 to /24 (`203.0.113.0`), IPv6 to /48
 * (`2001:db8:1::`). Enough to tell networks apart, not enough to name a household.
 */
export function anonymiseIp(ip: string | null | undefined): string | null {
  if (!ip) return null;
  if (isIPv4(ip)) return ip.replace(/\.\d+$/, '.0');
  if (!isIPv6(ip)) return null;
  return `${expandIPv6(ip)
    .slice(0, 3)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::`;
}

/** The eight 16-bit groups of an IPv6 address, `::` filled in; an embedded IPv4 tail becomes two groups. */
function expandIPv6(ip: string): string[] {
  let text = ip.split('%', 1)[0] ?? ip;
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = text.slice(0, v4.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const fill = tail === undefined ? [] : new Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right];
}

/** The address as an audit record keeps it: cut to its network, as it is, or a keyed hash of it. */
export function auditIp(ip: string | null | undefined, mode: AuditIpMode): string | null {
  if (mode === 'network') return anonymiseIp(ip);
  if (!ip) return null;
  if (mode === 'full') return ip;
  return `hmac:${createHmac('sha256', mode.hmac).update(ip).digest('hex').slice(0, 16)}`;
}
