/**
 * IP addresses as numbers, for the network checks. Pure string arithmetic (no `node:net`, no
 * `Buffer`), so the decision core runs unchanged where Node's built-ins are missing.
 *
 * An IPv4 address is one unsigned 32-bit number; an IPv6 address is four of them, most
 * significant first.
 */

/** A parsed address: family and value. */
export type AddressPoint = { readonly family: 4; readonly value: number } | { readonly family: 6; readonly words: Uint32Array };

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

/** An IPv6 address (any valid spelling, with an IPv4 tail allowed) as four words, or null. */
export function parseIpv6(text: string): Uint32Array | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = groupsOf(halves[0] ?? '');
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  if (head === null || tail === null) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  const words = new Uint32Array(4);
  for (let i = 0; i < 4; i++) words[i] = (((groups[2 * i] ?? 0) << 16) | (groups[2 * i + 1] ?? 0)) >>> 0;
  return words;
}

/** The 16-bit groups of one side of `::`; an IPv4 tail counts as two groups. */
function groupsOf(side: string): number[] | null {
  if (side === '') return [];
  const parts = side.split(':');
  const groups: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (Number.isNaN(v4)) return null;
      groups.push(Math.floor(v4 / 65536), v4 % 65536);
    } else {
      if (!/^[0-9a-fA-F]{1,4}$/.test(part)) return null;
      groups.push(parseInt(part, 16));
    }
  }
  return groups;
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
