/** The content codings geonotice can decode and encode again: RFC 9110's gzip and deflate, and br. */
export type CompressedCoding = 'gzip' | 'deflate' | 'br';
export type ContentCoding = 'identity' | CompressedCoding;

/** The coding a Content-Encoding header names; null for one geonotice cannot decode (or several stacked). */
export function contentCodingOf(header: string | undefined): ContentCoding | null {
  const value = header?.trim().toLowerCase() ?? '';
  if (value === '' || value === 'identity') return 'identity';
  if (value === 'gzip' || value === 'x-gzip') return 'gzip';
  if (value === 'deflate' || value === 'br') return value;
  return null;
}

/**
 * Whether the first bytes of a body are really in `coding` (a gzip member, a zlib stream), not a
 * body a runtime already decoded while keeping the header, as fetch() does everywhere. Brotli has
 * no signature: such a body counts as encoded unless it reads as the start of a text page.
 */
export function looksEncoded(coding: CompressedCoding, start: Uint8Array): boolean {
  if (coding === 'gzip') return start[0] === 0x1f && start[1] === 0x8b;
  if (coding === 'deflate')
    return start.length >= 2 && (start[0]! & 0x0f) === 8 && ((start[0]! << 8) | start[1]!) % 31 === 0;
  return !looksLikeText(start);
}

/** A page's first bytes as text: a byte order mark, or white space then `<`. */
function looksLikeText(start: Uint8Array): boolean {
  if (start[0] === 0xef && start[1] === 0xbb && start[2] === 0xbf) return true;
  for (const byte of start) {
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === 0x0c) continue;
    return byte === 0x3c;
  }
  return false;
}
