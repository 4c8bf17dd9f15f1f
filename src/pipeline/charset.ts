/**
 * Encoding the notice markup for the page's charset.
 *
 * The injector inserts bytes between the page's own bytes, so the markup must be encoded the way
 * the page is. UTF-8 is written as is. Any other ASCII-compatible charset gets pure ASCII, with
 * every non-ASCII character as a numeric character reference (`&#1055;`): ASCII bytes mean the
 * same in windows-1251, koi8-r, iso-8859-x, Shift_JIS, GBK … and no charset table is needed.
 * Charsets where ASCII bytes do not stand for ASCII (UTF-16/32, UTF-7, ISO-2022-*, EBCDIC) get
 * null: the caller should pass the page through untouched.
 */

import { latin1Bytes, utf8Bytes } from './bytes';
const UTF8_LABELS = new Set([
  'utf-8',
  'utf8',
  'unicode-1-1-utf-8',
  'unicode11utf8',
  'unicode20utf8',
  'x-unicode20utf8',
]);

/** Labels of charsets in which inserted ASCII would not read as ASCII (or could land mid-sequence). */
const NOT_ASCII_COMPATIBLE = [
  /^utf-?(16|32)/,
  /^ucs-?(2|4)/,
  /^unicode(fffe|feff)?$/,
  /^csunicode$/,
  /^iso-?10646-ucs-2$/,
  /^utf-?7$/,
  /^(cs)?iso-?2022/,
  /^hz-gb-2312$/,
  /^replacement$/,
  /^(ibm|cp|ebcdic-?)0?(37|273|277|278|280|284|285|290|297|420|423|424|500|870|871|875|880|905|1026|1047|1140|1141|1142|1143|1144|1145|1146|1147|1148|1149)$/,
  /^ebcdic/,
];

/** Normalises a charset label as found in Content-Type or `<meta charset>`. */
function normaliseLabel(charset: string): string {
  return charset
    .trim()
    .replace(/^["']|["']$/g, '')
    .trim()
    .toLowerCase();
}

/** Whether bytes in `charset` can be given ASCII markup (UTF-8 included). An empty label means UTF-8. */
export function isAsciiCompatibleCharset(charset: string | undefined): boolean {
  const label = normaliseLabel(charset ?? '');
  return !NOT_ASCII_COMPATIBLE.some((pattern) => pattern.test(label));
}

/** `markup` with every non-ASCII character as a numeric character reference. */
export function toAsciiWithReferences(markup: string): string {
  let out = '';
  let plainFrom = 0;
  for (let i = 0; i < markup.length; i++) {
    const unit = markup.charCodeAt(i);
    if (unit < 0x80) continue;
    out += markup.slice(plainFrom, i);
    let codePoint = markup.codePointAt(i)!;
    if (codePoint > 0xffff)
      i++; // the low surrogate belongs to this character
    else if (codePoint >= 0xd800 && codePoint <= 0xdfff) codePoint = 0xfffd; // a lone surrogate
    out += `&#${codePoint};`;
    plainFrom = i + 1;
  }
  return out + markup.slice(plainFrom);
}

/**
 * The bytes to insert into a page in `charset` (a label from Content-Type; absent = UTF-8), or
 * null when the charset is not ASCII-compatible and the page should pass through unchanged.
 *
 * Character references are decoded in text and attribute values, which is where notice text
 * goes; they are not decoded inside `<style>`/`<script>`, so those must already be ASCII
 * (`NOTICE_CSS` is).
 */
export function encodeMarkup(markup: string, charset?: string): Uint8Array | null {
  const label = normaliseLabel(charset ?? '');
  if (label === '' || UTF8_LABELS.has(label)) return utf8Bytes(markup);
  if (!isAsciiCompatibleCharset(label)) return null;
  return latin1Bytes(toAsciiWithReferences(markup));
}
