/**
 * The few element names the injector must recognise, looked up straight from the page's bytes.
 *
 * The scanner meets a tag name on every `<`; turning each into a string would cost an allocation
 * per tag, so names are compared as bytes (ASCII case folded). Every other name is "ordinary" and
 * needs no entry.
 */
import { latin1Bytes } from '../bytes';

/** Bit flags describing what an element means to the scanner. */
export const TagFlag = {
  /** Allowed before `<body>`: meeting it does not start the body implicitly. */
  HeadContent: 1 << 0,
  Body: 1 << 1,
  Frameset: 1 << 2,
  Html: 1 << 3,
  Br: 1 << 4,
  P: 1 << 5,
  Template: 1 << 6,
  /** `svg` or `math`: its content is foreign (CDATA sections exist, no raw-text elements). */
  ForeignRoot: 1 << 7,
  /** A start tag that ends foreign content (HTML's "breakout" list). */
  Breakout: 1 << 8,
  Table: 1 << 9,
  Select: 1 << 10,
  /** `input`, `keygen`, `textarea`: in a `<select>` they close it first. */
  ClosesSelect: 1 << 11,
  /** A start tag that sets the tree builder's frameset-ok flag to "not ok" in the body. */
  EndsFramesetOk: 1 << 12,
  /** A void element: it has no end tag and never stays open. */
  Void: 1 << 13,
  /** `foreignObject`, `desc`, `title` in SVG: an HTML integration point. */
  SvgIntegration: 1 << 14,
  /** `mi`, `mo`, `mn`, `ms`, `mtext`: a MathML text integration point. */
  MathText: 1 << 15,
  /** `mglyph`, `malignmark`: stay MathML inside a MathML text integration point. */
  MathTextForeign: 1 << 16,
  /** `annotation-xml`: an HTML integration point when its `encoding` names HTML. */
  AnnotationXml: 1 << 17,
  /** `caption`, `tbody`, `tfoot`, `thead`, `tr`, `td`, `th`: a `<select>` in a table ends at them. */
  TableStructure: 1 << 18,
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
  /** `nameHash` of the name. */
  readonly hash: number;
}

/** Longest name in the table (`annotation-xml`); a longer name is ordinary without reading it to its end. */
export const MAX_KNOWN_NAME_LENGTH = 14;

const F = TagFlag;

/** Every name with a meaning, its flags and text mode (a name listed twice gets both). */
const ENTRIES: ReadonlyArray<readonly [string, number, TextModeValue?]> = [
  ['html', F.HeadContent | F.Html],
  ['head', F.HeadContent | F.Breakout],
  ['base', F.HeadContent | F.Void],
  ['basefont', F.HeadContent | F.Void],
  ['bgsound', F.HeadContent | F.Void],
  ['link', F.HeadContent | F.Void],
  ['meta', F.HeadContent | F.Breakout | F.Void],
  ['title', F.HeadContent | F.SvgIntegration, TextMode.RcData],
  ['noscript', F.HeadContent, TextMode.RawText],
  ['noframes', F.HeadContent, TextMode.RawText],
  ['style', F.HeadContent, TextMode.RawText],
  ['script', F.HeadContent, TextMode.Script],
  ['template', F.HeadContent | F.Template],
  ['body', F.Body | F.Breakout | F.EndsFramesetOk],
  ['frameset', F.Frameset],
  ['br', F.Br | F.Breakout | F.Void | F.EndsFramesetOk],
  ['p', F.P | F.Breakout],
  ['textarea', F.ClosesSelect | F.EndsFramesetOk, TextMode.RcData],
  ['xmp', F.EndsFramesetOk, TextMode.RawText],
  ['iframe', F.EndsFramesetOk, TextMode.RawText],
  ['noembed', 0, TextMode.RawText],
  ['plaintext', 0, TextMode.PlainText],
  ['svg', F.ForeignRoot],
  ['math', F.ForeignRoot],
  ['table', F.Table | F.Breakout | F.EndsFramesetOk],
  ['select', F.Select | F.EndsFramesetOk],
  // `input` keeps frameset-ok only with type=hidden; it is left out of EndsFramesetOk, which errs
  // towards keeping a page unchanged.
  ['input', F.ClosesSelect | F.Void],
  ['keygen', F.ClosesSelect | F.Void | F.EndsFramesetOk],
  ['foreignobject', F.SvgIntegration],
  ['desc', F.SvgIntegration],
  ...['mi', 'mo', 'mn', 'ms', 'mtext'].map((name) => [name, F.MathText] as const),
  ['mglyph', F.MathTextForeign],
  ['malignmark', F.MathTextForeign],
  ['annotation-xml', F.AnnotationXml],
  ...['applet', 'button', 'marquee', 'object'].map((name) => [name, F.EndsFramesetOk] as const),
  ...['area', 'embed', 'hr', 'img', 'wbr'].map((name) => [name, F.Void | F.EndsFramesetOk] as const),
  ['image', F.EndsFramesetOk],
  ...['li', 'dd', 'dt', 'pre', 'listing'].map((name) => [name, F.EndsFramesetOk] as const),
  ...['col', 'frame', 'param', 'source', 'track'].map((name) => [name, F.Void] as const),
  ...['caption', 'tbody', 'tfoot', 'thead', 'tr', 'td', 'th'].map((name) => [name, F.TableStructure] as const),
  // The rest of the breakout list: these end foreign content when they start inside it.
  ...[
    'b',
    'big',
    'blockquote',
    'center',
    'code',
    'dd',
    'div',
    'dl',
    'dt',
    'em',
    'embed',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'hr',
    'i',
    'img',
    'li',
    'listing',
    'menu',
    'nobr',
    'ol',
    'pre',
    'ruby',
    's',
    'small',
    'span',
    'strong',
    'strike',
    'sub',
    'sup',
    'tt',
    'u',
    'ul',
    'var',
  ].map((name) => [name, F.Breakout] as const),
];

function foldAscii(byte: number): number {
  return byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte;
}

/** FNV-1a of the ASCII-folded name: how the scanner tells open SVG/MathML elements apart without strings. */
export function nameHash(bytes: Uint8Array, start: number, length: number): number {
  let hash = 0x811c9dc5;
  for (let k = start; k < start + length; k++) hash = Math.imul(hash ^ foldAscii(bytes[k]!), 0x01000193);
  return hash | 0;
}

/**
 * Two tables indexed by (first letter, last letter, length): a tag name costs one array read
 * before any byte comparison, and nearly every ordinary name finds an empty bucket. The HTML
 * table holds only the names that change the scanner's state in ordinary body content; the full
 * table, used inside SVG/MathML, tables, `<select>` and while a frameset may still come, holds all.
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
const ALL_BUCKETS: Buckets = Array.from({ length: BUCKET_COUNT }, () => undefined);
/** 1 where HTML_BUCKETS has an entry: the fast path's pre-check reads only this. */
const HTML_PRESENT = new Uint8Array(BUCKET_COUNT);
/** Flags that change the scanner's state in ordinary body content. */
const HTML_RELEVANT =
  F.HeadContent | F.Body | F.Frameset | F.Html | F.Br | F.Template | F.ForeignRoot | F.Table | F.Select;

const merged = new Map<string, { flags: number; textMode: TextModeValue }>();
for (const [name, flags, textMode] of ENTRIES) {
  const entry = merged.get(name) ?? { flags: 0, textMode: TextMode.Markup };
  entry.flags |= flags;
  if (textMode !== undefined) entry.textMode = textMode;
  merged.set(name, entry);
}
for (const [name, { flags, textMode }] of merged) {
  const bytes = latin1Bytes(name);
  const info: TagInfo = { name: bytes, flags, textMode, hash: nameHash(bytes, 0, bytes.length) };
  const index = bucketIndex(bytes[0]!, bytes[bytes.length - 1]!, bytes.length);
  (ALL_BUCKETS[index] ??= []).push(info);
  if ((flags & HTML_RELEVANT) !== 0 || textMode !== TextMode.Markup) {
    (HTML_BUCKETS[index] ??= []).push(info);
    HTML_PRESENT[index] = 1;
  }
}

function find(buckets: Buckets, bytes: Uint8Array, start: number, length: number): TagInfo | undefined {
  if (length > MAX_KNOWN_NAME_LENGTH) return undefined;
  const bucket = buckets[bucketIndex(bytes[start]!, bytes[start + length - 1]!, length)];
  if (bucket === undefined) return undefined;
  for (const info of bucket) if (matchesFolded(bytes, start, info.name)) return info;
  return undefined;
}

/** The entry for a name in ordinary HTML content (any ASCII case), or undefined for a name that changes nothing there. */
export function lookupHtmlTag(bytes: Uint8Array, start: number, length: number): TagInfo | undefined {
  return find(HTML_BUCKETS, bytes, start, length);
}

/** The entry for any name in the table: inside SVG/MathML, tables and `<select>` more names matter. */
export function lookupAnyTag(bytes: Uint8Array, start: number, length: number): TagInfo | undefined {
  return find(ALL_BUCKETS, bytes, start, length);
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
