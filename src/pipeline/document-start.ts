const Byte = {
  Tab: 0x09,
  LineFeed: 0x0a,
  FormFeed: 0x0c,
  CarriageReturn: 0x0d,
  Space: 0x20,
  Dash: 0x2d,
  Slash: 0x2f,
  LessThan: 0x3c,
  GreaterThan: 0x3e,
  Question: 0x3f,
} as const;

const DOCUMENT_OPENERS = ['!doctype', 'html', 'head', 'body'] as const;

function isSpace(byte: number): boolean {
  return (
    byte === Byte.Space ||
    byte === Byte.LineFeed ||
    byte === Byte.Tab ||
    byte === Byte.CarriageReturn ||
    byte === Byte.FormFeed
  );
}

function lowerAscii(byte: number): number {
  return byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : byte;
}

/** Whether `bytes` at `at` spell `word`, any case; undefined when they end first. */
function spells(bytes: Uint8Array, at: number, word: string): boolean | undefined {
  for (let i = 0; i < word.length; i++) {
    if (at + i >= bytes.length) return undefined;
    if (lowerAscii(bytes[at + i]!) !== word.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * Whether an HTML body starts as a document: a doctype, `<html>`, `<head>` or `<body>` before its
 * first other element or text (a byte order mark, white space, comments and an XML declaration
 * may come first). Undefined while the bytes so far cannot tell; `complete` says no more follow.
 * A body that starts otherwise (`<li>…`) is a fragment for script to put into a page.
 */
export function startsAsDocument(bytes: Uint8Array, complete: boolean): boolean | undefined {
  let at = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  // A UTF-16 page is never injected; what it is does not matter.
  if (bytes[0] === 0xff || bytes[0] === 0xfe) return true;
  for (;;) {
    while (at < bytes.length && isSpace(bytes[at]!)) at++;
    if (at >= bytes.length) return complete ? false : undefined;
    if (bytes[at] !== Byte.LessThan) return false;
    const comment = spells(bytes, at + 1, '!--');
    if (comment === undefined) return complete ? false : undefined;
    if (comment || bytes[at + 1] === Byte.Question) {
      const end = skipToEnd(bytes, at, comment);
      if (end === -1) return complete ? false : undefined;
      at = end;
      continue;
    }
    for (const opener of DOCUMENT_OPENERS) {
      const name = spells(bytes, at + 1, opener);
      if (name === undefined) return complete ? false : undefined;
      if (!name) continue;
      const after = bytes[at + 1 + opener.length];
      if (after === undefined) return complete ? false : undefined;
      if (isSpace(after) || after === Byte.GreaterThan || after === Byte.Slash) return true;
    }
    return false;
  }
}

/** The index after a comment (`-->`) or a processing instruction (`>`) that starts at `at`; -1 when it does not end here. */
function skipToEnd(bytes: Uint8Array, at: number, comment: boolean): number {
  if (!comment) {
    const close = bytes.indexOf(Byte.GreaterThan, at + 2);
    return close === -1 ? -1 : close + 1;
  }
  for (let i = at + 4; i + 2 < bytes.length; i++) {
    if (bytes[i] === Byte.Dash && bytes[i + 1] === Byte.Dash && bytes[i + 2] === Byte.GreaterThan) return i + 3;
  }
  return -1;
}
