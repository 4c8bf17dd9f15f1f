/**
 * IP addresses as numbers, for the network checks. Pure string arithmetic (no `node:net`, no
 * `Buffer`), so the decision core runs unchanged where Node's built-ins are missing.
 *
 * An IPv4 address is one unsigned 32-bit number; an IPv6 address is four of them, most
 * significant first.
 */

/** A parsed address: family and value. */
export type AddressPoint =
  { readonly family: 4; readonly value: number } | { readonly family: 6; readonly words: Uint32Array };

/** A dotted quad as an unsigned 32-bit integer, or NaN when the text is not one. */
export function parseIpv4(text: string): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x2e) {
      if (digits === 0 || dots === 3) return NaN;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots += 1;
    } else if (code >= 0x30 && code <= 0x39) {
      // A leading zero is refused, as net.isIP does: 010 is octal to some parsers.
      if (digits > 0 && octet === 0) return NaN;
      octet = octet * 10 + (code - 0x30);
      digits += 1;
      if (octet > 255) return NaN;
    } else {
      return NaN;
    }
  }
  if (dots !== 3 || digits === 0) return NaN;
  return value * 256 + octet;
}

/**
 * An IPv6 address (any valid spelling, with an IPv4 tail allowed) as four words, or null.
 * One pass over the characters, without splitting: it runs on every request a network rule checks.
 */
export function parseIpv6(text: string): Uint32Array | null {
  const groups = new Uint16Array(8);
  let count = 0;
  let gap = -1; // where "::" stands, as a group index
  let value = 0;
  let digits = 0;
  let groupStart = 0;
  const length = text.length;
  for (let i = 0; i <= length; i++) {
    const code = i < length ? text.charCodeAt(i) : 0x3a;
    if (code === 0x3a) {
      if (i === length && digits === 0) {
        // The text ended right after a colon: only "::" may end an address.
        if (gap !== count || i < 2 || text.charCodeAt(i - 2) !== 0x3a)
          return count === 0 && gap === 0 ? new Uint32Array(4) : null;
        break;
      }
      if (digits === 0) {
        // "::" (a second colon right after one, or at the start), once only.
        if (i + 1 < length && text.charCodeAt(i + 1) === 0x3a && i === 0) continue;
        if (gap !== -1 || i === 0 || text.charCodeAt(i - 1) !== 0x3a) return null;
        gap = count;
        groupStart = i + 1;
        continue;
      }
      if (count === 8) return null;
      groups[count++] = value;
      value = 0;
      digits = 0;
      groupStart = i + 1;
      if (i === length) break;
    } else if (code === 0x2e) {
      // An IPv4 tail fills the last two groups.
      const v4 = parseIpv4(text.slice(groupStart));
      if (Number.isNaN(v4) || count > 6) return null;
      groups[count++] = Math.floor(v4 / 65536);
      groups[count++] = v4 % 65536;
      digits = 0;
      break;
    } else {
      const hex =
        code >= 0x30 && code <= 0x39
          ? code - 0x30
          : (code | 0x20) >= 0x61 && (code | 0x20) <= 0x66
            ? (code | 0x20) - 0x57
            : -1;
      if (hex < 0 || digits === 4) return null;
      value = value * 16 + hex;
      digits += 1;
    }
  }
  if (gap === -1 ? count !== 8 : count > 7) return null;
  const words = new Uint32Array(4);
  const shift = gap === -1 ? 0 : 8 - count;
  for (let g = 0; g < count; g++) {
    const at = gap !== -1 && g >= gap ? g + shift : g;
    words[at >> 1] = (words[at >> 1]! | ((groups[g]! << ((at & 1) === 0 ? 16 : 0)) >>> 0)) >>> 0;
  }
  return words;
}

/** IPv4-mapped IPv6 (`::ffff:1.2.3.4`) is the IPv4 address it carries. */
function unmapped(words: Uint32Array): AddressPoint {
  if (words[0] === 0 && words[1] === 0 && words[2] === 0xffff) return { family: 4, value: words[3] ?? 0 };
  return { family: 6, words };
}

/** Any address text to a point; null when it is no address. */
export function parseAddress(text: string): AddressPoint | null {
  if (text.includes(':')) {
    const words = parseIpv6(text);
    return words === null ? null : unmapped(words);
  }
  const value = parseIpv4(text);
  return Number.isNaN(value) ? null : { family: 4, value };
}

let lastText: string | undefined;
let lastPoint: AddressPoint | null = null;

/**
 * `parseAddress` remembering the last answer: one decision checks several conditions on the same
 * visitor's address, and parses it once.
 */
export function addressPoint(text: string): AddressPoint | null {
  if (text !== lastText) {
    lastPoint = parseAddress(text);
    lastText = text;
  }
  return lastPoint;
}

/** Compares two four-word addresses: negative, zero or positive. */
export function compareWords(a: Uint32Array, aOffset: number, b: Uint32Array, bOffset: number): number {
  for (let i = 0; i < 4; i++) {
    const x = a[aOffset + i] ?? 0;
    const y = b[bOffset + i] ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
