/**
 * Bytes as every runtime has them: `Uint8Array`, never Node's Buffer, so the pipeline runs the
 * same in Node, in Cloudflare's workerd, Deno and Bun. (A Buffer is a Uint8Array: Node callers
 * pass theirs in as they are.)
 */

export const EMPTY: Uint8Array = new Uint8Array(0);

/**
 * Node's Buffer, where the runtime has one: its byte search is memchr, several times the speed of
 * the typed array's own on long pages, and it searches any Uint8Array. Looked up, not imported,
 * so that runtimes without it (workerd, browsers) load this module as it is.
 */
const NodeBuffer = (globalThis as { Buffer?: { allocUnsafe(size: number): Uint8Array; prototype: Uint8Array } }).Buffer;
// eslint-disable-next-line @typescript-eslint/unbound-method -- always called as nativeIndexOf.call(bytes, …)
const nativeIndexOf = (NodeBuffer?.prototype.indexOf ?? Uint8Array.prototype.indexOf) as (
  this: Uint8Array,
  value: number | Uint8Array,
  from?: number,
) => number;
const allocate =
  NodeBuffer === undefined ? (size: number) => new Uint8Array(size) : (size: number) => NodeBuffer.allocUnsafe(size);

const encoder = new TextEncoder();

/** UTF-8 bytes of a string. */
export function utf8Bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

/** One byte per character: for ASCII text and latin1, where each character is below 256. */
export function latin1Bytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** The bytes from `start` to `end` read one character each (latin1): for tag names and other ASCII. */
export function latin1Text(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let text = '';
  for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i]!);
  return text;
}

/** The parts joined into one array (the only part itself when there is one). */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  let length = 0;
  for (const part of parts) length += part.length;
  const joined = allocate(length);
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return joined;
}

/** The index of `byte` in `bytes` at or after `from`, or -1. */
export function indexOfByte(bytes: Uint8Array, byte: number, from: number): number {
  return nativeIndexOf.call(bytes, byte, from);
}

/** The index of the byte sequence `needle` in `bytes` at or after `from`, or -1. */
export function indexOfSequence(bytes: Uint8Array, needle: Uint8Array, from: number): number {
  if (NodeBuffer !== undefined) return nativeIndexOf.call(bytes, needle, from);
  const first = needle[0];
  if (first === undefined) return from <= bytes.length ? from : -1;
  const last = bytes.length - needle.length;
  for (let at = bytes.indexOf(first, from); at !== -1 && at <= last; at = bytes.indexOf(first, at + 1)) {
    let i = 1;
    while (i < needle.length && bytes[at + i] === needle[i]) i++;
    if (i === needle.length) return at;
  }
  return -1;
}
