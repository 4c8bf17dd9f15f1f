/**
 * Whether a character reference in text stands for ASCII whitespace. Before the body and while a
 * `<frameset>` may still replace it, whitespace changes nothing and any other character does:
 * `&#32;` is a space, `&amp;` or `&#0;` is text.
 */
import { latin1Bytes } from '../bytes';

/** `whitespaceReferenceEnd` results that are not an offset. */
export const NOT_WHITESPACE = -1;
/** The buffer ends before the reference can be told. */
export const REFERENCE_CUT = -2;

const WHITESPACE_CODE_POINTS = new Set([0x09, 0x0a, 0x0c, 0x0d, 0x20]);
/** The only named references that stand for ASCII whitespace (both need their semicolon). */
const WHITESPACE_NAMES = [latin1Bytes('Tab;'), latin1Bytes('NewLine;')];
/** Digits read at most; a longer numeric reference counts as text (it bounds the bytes carried over). */
const MAX_DIGITS = 64;

/**
 * For the reference whose `&` is at `at`: the offset after it when it stands for whitespace,
 * NOT_WHITESPACE, or REFERENCE_CUT. With `final`, a reference cut by the end of the page is text.
 */
export function whitespaceReferenceEnd(buf: Uint8Array, at: number, final: boolean): number {
  const cut = final ? NOT_WHITESPACE : REFERENCE_CUT;
  let i = at + 1;
  if (i >= buf.length) return cut;
  if (buf[i] !== 0x23 /* # */) return namedWhitespaceEnd(buf, i, cut);
  i++;
  if (i >= buf.length) return cut;
  const hex = (buf[i]! | 0x20) === 0x78; /* x */
  if (hex) i++;
  let value = 0;
  const digitsFrom = i;
  for (; i < buf.length; i++) {
    const digit = digitValue(buf[i]!, hex);
    if (digit < 0) break;
    if (i - digitsFrom === MAX_DIGITS) return NOT_WHITESPACE;
    value = Math.min(value * (hex ? 16 : 10) + digit, 0x110000);
  }
  if (i === buf.length) return cut;
  // `&#` without digits is text; a value outside the whitespace set is some other character (or U+FFFD).
  if (i === digitsFrom || !WHITESPACE_CODE_POINTS.has(value)) return NOT_WHITESPACE;
  return buf[i] === 0x3b /* ; */ ? i + 1 : i;
}

function namedWhitespaceEnd(buf: Uint8Array, from: number, cut: number): number {
  for (const name of WHITESPACE_NAMES) {
    const available = Math.min(name.length, buf.length - from);
    let k = 0;
    while (k < available && buf[from + k] === name[k]) k++;
    if (k === name.length) return from + k;
    if (k === available) return cut;
  }
  return NOT_WHITESPACE;
}

function digitValue(byte: number, hex: boolean): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  return hex && lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}
