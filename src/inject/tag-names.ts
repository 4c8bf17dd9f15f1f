/**
 * The few element names the injector must recognise, looked up straight from the page's bytes.
 *
 * The scanner meets a tag name on every `<`; turning each into a string would cost an allocation
 * per tag, so names are compared as bytes (ASCII case folded). Every other name is "ordinary" and
 * needs no entry.
 */

/** Bit flags describing what an element means to the scanner. */
export const TagFlag = {
  /** Allowed before `<body>`: meeting it does not start the body implicitly. */
  HeadContent: 1,
  Body: 2,
  Frameset: 4,
  Html: 8,
  Br: 16,
  P: 32,
  Template: 64,
  /** `svg` or `math`: its content is foreign (CDATA sections exist, no raw-text elements). */
  ForeignRoot: 128,
  /** A start tag that ends foreign content (HTML's "breakout" list). */
  Breakout: 256,
} as const;

/** How the tokenizer reads an element's content. */
export const TextMode = {
  Markup: 0,
  /** `<style>`, `<xmp>`, `<iframe>`, `<noembed>`, `<noframes>`, `<noscript>`: text up to the end tag. */
  RawText: 1,
  /** `<title>`, `<textarea>`: like raw text for our purposes (character references do not matter). */
  RcData: 2,
  /** `<script>`: raw text with the escaped states of `<!--` … `-->`. */
  Script: 3,
  /** `<plaintext>`: everything after it is text; nothing ends it. */
  PlainText: 4,
} as const;

export type TextModeValue = (typeof TextMode)[keyof typeof TextMode];

export interface TagInfo {
  /** Lower-case ASCII bytes of the name. */
  readonly name: Uint8Array;
  readonly flags: number;
  readonly textMode: TextModeValue;
}

/** Longest name in the table; a longer name is ordinary without reading it to its end. */
export const MAX_KNOWN_NAME_LENGTH = 10;

const { HeadContent, Body, Frameset, Html, Br, P, Template, ForeignRoot, Breakout } = TagFlag;

const ENTRIES: ReadonlyArray<readonly [string, number, TextModeValue?]> = [
  ['html', HeadContent | Html],
  ['head', HeadContent | Breakout],
  ['base', HeadContent],
  ['basefont', HeadContent],
  ['bgsound', HeadContent],
  ['link', HeadContent],
  ['meta', HeadContent | Breakout],
  ['title', HeadContent, TextMode.RcData],
  ['noscript', HeadContent, TextMode.RawText],
  ['noframes', HeadContent, TextMode.RawText],
  ['style', HeadContent, TextMode.RawText],
  ['script', HeadContent, TextMode.Script],
  ['template', HeadContent | Template],
  ['body', Body | Breakout],
  ['frameset', Frameset],
  ['br', Br | Breakout],
  ['p', P | Breakout],
  ['textarea', 0, TextMode.RcData],
  ['xmp', 0, TextMode.RawText],
  ['iframe', 0, TextMode.RawText],
  ['noembed', 0, TextMode.RawText],
  ['plaintext', 0, TextMode.PlainText],
  ['svg', ForeignRoot],
  ['math', ForeignRoot],
  // The rest of the breakout list: these end foreign content when they start inside it.
  ...[
    'b', 'big', 'blockquote', 'center', 'code', 'dd', 'div', 'dl', 'dt', 'em', 'embed',
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'li', 'listing', 'menu', 'nobr',
    'ol', 'pre', 'ruby', 's', 'small', 'span', 'strong', 'strike', 'sub', 'sup', 'table',
    'tt', 'u', 'ul', 'var',
  ].map((name) => [name, Breakout] as const),
];

function foldAscii(byte: number): number {
  return byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte;
}

/**
 * Two tables indexed by (first letter, last letter, length): a tag name costs one array read
 * before any byte comparison, and nearly every ordinary name finds an empty bucket. In HTML content only the names that change
 * the scanner's state matter; inside SVG/MathML the breakout names matter too.
 */
const BUCKET_WIDTH = MAX_KNOWN_NAME_LENGTH + 1;
type Buckets = Array<TagInfo[] | undefined>;

/** Letters (either case) map to 1…26; digits share slots with letters, which only costs a compare. */
function bucketIndex(firstByte: number, lastByte: number, length: number): number {
  return ((((firstByte | 0x20) & 31) << 5) | ((lastByte | 0x20) & 31)) * BUCKET_WIDTH + length;
}

// Dense arrays: a sparse one would fall back to dictionary lookups on the hot path.
const BUCKET_COUNT = 32 * 32 * BUCKET_WIDTH;
const HTML_BUCKETS: Buckets = Array.from({ length: BUCKET_COUNT }, () => undefined);
const FOREIGN_BUCKETS: Buckets = Array.from({ length: BUCKET_COUNT }, () => undefined);
/** 1 where HTML_BUCKETS has an entry: the fast path's pre-check reads only this. */
const HTML_PRESENT = new Uint8Array(BUCKET_COUNT);
/** Breakout names that only matter inside foreign content (`p` and `br` end tags also do). */
const HTML_RELEVANT = ~TagFlag.Breakout;

for (const [name, flags, textMode] of ENTRIES) {
  const info: TagInfo = { name: Buffer.from(name, 'latin1'), flags, textMode: textMode ?? TextMode.Markup };
  const index = bucketIndex(info.name[0]!, info.name[info.name.length - 1]!, info.name.length);
  (FOREIGN_BUCKETS[index] ??= []).push(info);
  if ((flags & HTML_RELEVANT) !== 0 || info.textMode !== TextMode.Markup) {
    if (name !== 'p') {
      (HTML_BUCKETS[index] ??= []).push(info);
      HTML_PRESENT[index] = 1;
    }
  }
}

function find(buckets: Buckets, bytes: Uint8Array, start: number, length: number): TagInfo | undefined {
  if (length > MAX_KNOWN_NAME_LENGTH) return undefined;
  const bucket = buckets[bucketIndex(bytes[start]!, bytes[start + length - 1]!, length)];
  if (bucket === undefined) return undefined;
  for (const info of bucket) if (matchesFolded(bytes, start, info.name)) return info;
  return undefined;
}

/** The entry for a name in HTML content (any ASCII case), or undefined for a name that changes nothing. */
export function lookupHtmlTag(bytes: Uint8Array, start: number, length: number): TagInfo | undefined {
  return find(HTML_BUCKETS, bytes, start, length);
}

/** The entry for a name inside SVG/MathML, where breakout names matter as well. */
export function lookupForeignTag(bytes: Uint8Array, start: number, length: number): TagInfo | undefined {
  return find(FOREIGN_BUCKETS, bytes, start, length);
}

/** Whether `bytes` at `at` spell `lowerName`, ASCII case-insensitively (caller checks the length fits). */
export function matchesFolded(bytes: Uint8Array, at: number, lowerName: Uint8Array): boolean {
  for (let k = 0; k < lowerName.length; k++) {
    if (foldAscii(bytes[at + k]!) !== lowerName[k]) return false;
  }
  return true;
}

/**
 * Cheap pre-check for the scanner's fast path: false means the name is certainly ordinary in
 * HTML content (no bucket for its first and last letter and length).
 */
export function mayBeKnownHtmlName(firstByte: number, lastByte: number, length: number): boolean {
  return length <= MAX_KNOWN_NAME_LENGTH && HTML_PRESENT[bucketIndex(firstByte, lastByte, length)] === 1;
}
