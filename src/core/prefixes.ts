/**
 * CIDR prefixes (`2.60.0.0/14`, `2a02:2698::/32`): parsed, checked, and merged into the sorted
 * ranges a network lookup searches.
 */
import { compareWords, parseIpv4, parseIpv6 } from './address';
import type { AddressRanges } from './networks';

/** A prefix as an inclusive range. */
export type ParsedPrefix =
  | { readonly family: 4; readonly start: number; readonly end: number; readonly length: number }
  | { readonly family: 6; readonly start: Uint32Array; readonly end: Uint32Array; readonly length: number };

/** A parsed prefix, or why the text is not one (with the corrected prefix when only host bits are set). */
export type PrefixResult = { ok: true; prefix: ParsedPrefix } | { ok: false; problem: string };

const LENGTH = /^(0|[1-9][0-9]{0,2})$/;

/** Parses `address/length`; host bits must be zero, so what is written is what is matched. */
export function parsePrefix(text: string): PrefixResult {
  const slash = text.indexOf('/');
  if (slash < 0)
    return { ok: false, problem: `"${text}" is not a CIDR prefix (write it as address/length, e.g. 2.60.0.0/14)` };
  const address = text.slice(0, slash);
  const lengthText = text.slice(slash + 1);
  const v6 = address.includes(':');
  const maxLength = v6 ? 128 : 32;
  if (!LENGTH.test(lengthText) || Number(lengthText) > maxLength) {
    return { ok: false, problem: `"${text}": the prefix length must be a number from 0 to ${maxLength}` };
  }
  const length = Number(lengthText);
  if (!v6) {
    const value = parseIpv4(address);
    if (Number.isNaN(value)) return { ok: false, problem: `"${text}": "${address}" is not an IPv4 address` };
    const size = 2 ** (32 - length);
    const start = value - (value % size);
    if (start !== value) return hostBits(text, `${formatIpv4(start)}/${length}`);
    return { ok: true, prefix: { family: 4, start, end: start + size - 1, length } };
  }
  const words = parseIpv6(address);
  if (words === null) return { ok: false, problem: `"${text}": "${address}" is not an IPv6 address` };
  const start = new Uint32Array(4);
  const end = new Uint32Array(4);
  for (let i = 0; i < 4; i++) {
    const bits = Math.min(32, Math.max(0, length - 32 * i));
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    start[i] = ((words[i] ?? 0) & mask) >>> 0;
    end[i] = (start[i]! | (~mask >>> 0)) >>> 0;
  }
  if (compareWords(start, 0, words, 0) !== 0) return hostBits(text, `${formatIpv6(start)}/${length}`);
  return { ok: true, prefix: { family: 6, start, end, length } };
}

function hostBits(text: string, corrected: string): PrefixResult {
  return { ok: false, problem: `"${text}" has bits set after the prefix length (did you mean ${corrected}?)` };
}

export function formatIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** Four words as IPv6 text (uncompressed groups, leading zeros dropped; for messages). */
export function formatIpv6(words: Uint32Array): string {
  const groups: string[] = [];
  for (const word of words) groups.push((word >>> 16).toString(16), (word & 0xffff).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

/** Whether two prefixes of the same family share an address. */
export function prefixesOverlap(a: ParsedPrefix, b: ParsedPrefix): boolean {
  if (a.family === 4 && b.family === 4) return a.start <= b.end && b.start <= a.end;
  if (a.family === 6 && b.family === 6)
    return compareWords(a.start, 0, b.end, 0) <= 0 && compareWords(b.start, 0, a.end, 0) <= 0;
  return false;
}

/** Merges prefixes (already checked; unparsable ones are skipped) into sorted, non-overlapping ranges. */
export function compilePrefixes(prefixes: readonly string[]): AddressRanges {
  const v4: [number, number][] = [];
  const v6: [Uint32Array, Uint32Array][] = [];
  for (const text of prefixes) {
    const parsed = parsePrefix(text);
    if (!parsed.ok) continue;
    if (parsed.prefix.family === 4) v4.push([parsed.prefix.start, parsed.prefix.end]);
    else v6.push([parsed.prefix.start, parsed.prefix.end]);
  }
  v4.sort((a, b) => a[0] - b[0]);
  const v4Merged: [number, number][] = [];
  for (const range of v4) {
    const last = v4Merged[v4Merged.length - 1];
    if (last !== undefined && range[0] <= last[1] + 1) last[1] = Math.max(last[1], range[1]);
    else v4Merged.push([range[0], range[1]]);
  }
  v6.sort((a, b) => compareWords(a[0], 0, b[0], 0));
  const v6Merged: [Uint32Array, Uint32Array][] = [];
  for (const range of v6) {
    const last = v6Merged[v6Merged.length - 1];
    if (last !== undefined && compareWords(range[0], 0, last[1], 0) <= 0) {
      if (compareWords(range[1], 0, last[1], 0) > 0) last[1] = range[1];
    } else {
      v6Merged.push([range[0], range[1]]);
    }
  }
  const v6Starts = new Uint32Array(v6Merged.length * 4);
  const v6Ends = new Uint32Array(v6Merged.length * 4);
  v6Merged.forEach(([start, end], index) => {
    v6Starts.set(start, index * 4);
    v6Ends.set(end, index * 4);
  });
  return {
    v4Starts: Float64Array.from(v4Merged, (range) => range[0]),
    v4Ends: Float64Array.from(v4Merged, (range) => range[1]),
    v6Starts,
    v6Ends,
  };
}
