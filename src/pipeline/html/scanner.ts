import { indexOfByte, indexOfSequence, latin1Bytes, latin1Text } from '../bytes';
import { NOT_WHITESPACE, REFERENCE_CUT, whitespaceReferenceEnd } from './character-references';
import { Namespace, Open, OpenElements, type NamespaceValue } from './open-elements';
import {
  lookupAnyTag,
  lookupHtmlTag,
  mayBeKnownHtmlName,
  MAX_KNOWN_NAME_LENGTH,
  nameHash,
  TagFlag,
  TextMode,
  type TagInfo,
} from './tag-names';

/**
 * A byte-level HTML tokenizer that finds only what the injector needs: where the body starts,
 * every `</body>` / `</html>` end tag, and the `<!-- geonotice -->` marker comment.
 *
 * It follows the WHATWG tokenizer where it matters for finding real tags (comments, bogus
 * comments, raw-text and RCDATA elements, the escaped states of `<script>`, quoted attribute
 * values, CDATA in SVG/MathML) and a thin slice of tree construction (which start tags still
 * belong to the head, the frameset-ok flag, and the open elements of `open-elements.ts`:
 * templates, tables, selects, SVG/MathML and their integration points).
 * It never decodes, copies or rewrites the page: it reports byte offsets.
 *
 * Speed comes from the native `indexOf` on single bytes (memchr on Node's Buffers): text, comments and raw text are
 * skipped to the next `<` or `-` of interest; only tags are read byte by byte, through a small
 * table-driven automaton with a tight loop over quoted values.
 *
 * Chunking: `scan` returns how far it got. When a decision needs bytes that have not arrived (a
 * tag name cut by the chunk end, a `</scr` at the end of a script), it stops at the start of that
 * token and the caller hands those few bytes back, prefixed to the next chunk. Everything that
 * can run long (comments, raw text, attribute values) is resumable without carrying bytes, so
 * the carry stays a few dozen bytes at most.
 *
 * Known simplifications (each errs towards leaving the page unchanged): HTML elements are
 * followed only inside SVG/MathML integration points; `<input>` is taken as `type=hidden`.
 */

export type BodyStartKind = 'body-tag' | 'implicit-body';

/** What the scanner reports; offsets are positions in the buffer passed to `scan`. */
export interface ScanEvents {
  /** Body content starts at `offset` (after `<body …>`, or where a browser starts the body). */
  bodyStart(offset: number, kind: BodyStartKind): void;
  /**
   * A `</body>` or `</html>` end tag starts at `offset`, where a notice before it lands in the
   * body; or a `<plaintext>` start tag, after which the rest of the page is text.
   */
  bodyEndCandidate(offset: number, tag: 'body' | 'html' | 'plaintext'): void;
  /** The marker comment occupies `[start, end)`; only reported while `lookForMarker` is set. */
  markerComment(start: number, end: number): void;
  /** A `<frameset>` at `offset` replaces the body: before any body content, or while `framesetPossible`. */
  frameset(offset: number): void;
  /** Body content at `offset` keeps any later `<frameset>` out (frameset-ok is "not ok"). */
  framesetRuledOut(offset: number): void;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const DASH = 0x2d;
const AMPERSAND = 0x26;
const NUL = 0x00;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;

const CDATA_END = latin1Bytes(']]>');
const COMMENT_OPEN = latin1Bytes('<!--');
const CDATA_OPEN = latin1Bytes('<![CDATA[');
const MARKER_WORD = latin1Bytes('geonotice');
const COMMENT_CLOSE = latin1Bytes('-->');
const SCRIPT_NAME = latin1Bytes('script');
const UTF8_BOM = Uint8Array.of(0xef, 0xbb, 0xbf);
/** Whitespace allowed on each side of the marker word; more and it is an ordinary comment. */
const MARKER_MAX_SPACE = 64;
/** Inside SVG/MathML names are told apart by a hash of their first bytes, carried whole up to this length. */
const MAX_HASHED_NAME = 64;
/** An `<annotation-xml>` tag is read whole to see its `encoding`; a longer one is taken as not HTML. */
const MAX_ANNOTATION_TAG = 1024;

/**
 * The tokenizer states the scanner distinguishes, each standing for the WHATWG states listed.
 * Tag open, end tag open and markup declaration open are decided on the spot from `Data`.
 */
const Mode = {
  /** Data state. */
  Data: 0,
  /**
   * Tag name, before/after attribute name, attribute name, before attribute value, attribute
   * value (double-quoted, single-quoted, unquoted), after attribute value (quoted) and
   * self-closing start tag states: `Attr` says which.
   */
  Tag: 1,
  /**
   * Comment start, comment start dash, comment, comment less-than sign (and its bang, bang dash,
   * bang dash dash states), comment end dash, comment end and comment end bang states: they
   * differ only in what goes into the comment's data, and all of them end at `-->` or `--!>`.
   */
  Comment: 2,
  /** Bogus comment state, and the DOCTYPE states: both end at the first `>`. */
  BogusComment: 3,
  /** RCDATA and RAWTEXT states with their less-than sign, end tag open and end tag name states. */
  RawText: 4,
  /** Script data states; the escaped ones are tracked by `Escape`. */
  Script: 5,
  /** CDATA section, CDATA section bracket and CDATA section end states. */
  Cdata: 6,
  /** PLAINTEXT state. */
  PlainText: 7,
} as const;
type ModeValue = (typeof Mode)[keyof typeof Mode];

/**
 * The attribute states of the tokenizer, reduced to what decides where a tag ends: which quote
 * opens a value (only one right after `=`) and whether `/>` closes it.
 */
const Attr = {
  /** Tag name state. */
  TagName: 0,
  /** Before attribute name state, and after attribute value (quoted) state. */
  BeforeName: 1,
  /** Self-closing start tag state. */
  SelfClosing: 2,
  /** Attribute name state, and after attribute name state. */
  Name: 3,
  /** Before attribute value state. */
  BeforeValue: 4,
  /** Attribute value (unquoted) state. */
  Unquoted: 5,
  // Past here the DFA hands over to code:
  /** Attribute value (double-quoted) state. */
  DoubleQuoted: 6,
  /** Attribute value (single-quoted) state. */
  SingleQuoted: 7,
  /** The tag's `>`: back to the data state. */
  End: 8,
  /** The `>` of `/>` in the self-closing start tag state. */
  EndSelfClosing: 9,
} as const;
type AttrValue = (typeof Attr)[keyof typeof Attr];

/** Byte classes of the attribute DFA. */
// Class 0 is every other byte (the zero the table starts filled with).
const SPACE = 1;
const SLASH_CLASS = 2;
const EQUALS_CLASS = 3;
const DQ_CLASS = 4;
const SQ_CLASS = 5;
const GT_CLASS = 6;
const CLASS_BITS = 3;

const BYTE_CLASS = new Uint8Array(256);
for (const space of [0x09, 0x0a, 0x0c, 0x0d, 0x20]) BYTE_CLASS[space] = SPACE;
BYTE_CLASS[0x2f] = SLASH_CLASS;
BYTE_CLASS[0x3d] = EQUALS_CLASS;
BYTE_CLASS[0x22] = DQ_CLASS;
BYTE_CLASS[0x27] = SQ_CLASS;
BYTE_CLASS[0x3e] = GT_CLASS;

/** `NEXT[state << 3 | class]`; columns: other, space, `/`, `=`, `"`, `'`, `>`. */
const NEXT = new Uint8Array(6 << CLASS_BITS);
function row(state: AttrValue, next: readonly AttrValue[]): void {
  NEXT.set(next, state << CLASS_BITS);
}
const A = Attr;
row(A.TagName, [A.TagName, A.BeforeName, A.SelfClosing, A.TagName, A.TagName, A.TagName, A.End]);
row(A.BeforeName, [A.Name, A.BeforeName, A.SelfClosing, A.Name, A.Name, A.Name, A.End]);
row(A.SelfClosing, [A.Name, A.BeforeName, A.SelfClosing, A.Name, A.Name, A.Name, A.EndSelfClosing]);
row(A.Name, [A.Name, A.Name, A.SelfClosing, A.BeforeValue, A.Name, A.Name, A.End]);
row(A.BeforeValue, [A.Unquoted, A.BeforeValue, A.Unquoted, A.Unquoted, A.DoubleQuoted, A.SingleQuoted, A.End]);
row(A.Unquoted, [A.Unquoted, A.BeforeName, A.Unquoted, A.Unquoted, A.Unquoted, A.Unquoted, A.End]);

const DFA_STATES = 6;
/**
 * `STEP[state << 8 | byte]`: the same automaton indexed by the byte itself, so that the hot loop
 * does one table read per byte that depends on the previous one instead of two.
 */
const STEP = new Uint8Array(DFA_STATES << 8);
for (let state = 0; state < DFA_STATES; state++) {
  for (let byte = 0; byte < 256; byte++) STEP[(state << 8) | byte] = NEXT[(state << CLASS_BITS) | BYTE_CLASS[byte]!]!;
}

/** Bytes that end a tag name. */
const ENDS_NAME = new Uint8Array(256);
for (const byte of [0x09, 0x0a, 0x0c, 0x0d, 0x20, 0x2f, 0x3e]) ENDS_NAME[byte] = 1;

// Plain numbers for the hot loop (property reads of `Attr` cost there).
const IN_DOUBLE_QUOTES: number = Attr.DoubleQuoted;
const AT_END: number = Attr.End;
const AT_END_SELF_CLOSING: number = Attr.EndSelfClosing;
const BEFORE_NAME: number = Attr.BeforeName;

/** How far into a quoted value a plain loop looks for its end before handing over to `indexOf`. */
const SHORT_VALUE = 64;

/**
 * `skipTag` results: an offset ≥ 0 is just after a `>`; `SELF_CLOSED - offset` is just after the
 * `>` of `/>`; `-1 - state` (from -1 down to -8) means the buffer ended in that `Attr` state.
 */
const SELF_CLOSED = -16;

/**
 * Runs the attribute DFA from `from` (in `state`) to the `>` that ends the tag (see SELF_CLOSED
 * for the result). A plain function with local state: this loop is the scanner's hottest code.
 */
function skipTag(buf: Uint8Array, from: number, initial: number): number {
  const len = buf.length;
  let state = initial;
  let i = from;
  while (i < len) {
    state = STEP[(state << 8) | buf[i]!]!;
    i++;
    if (state < IN_DOUBLE_QUOTES) continue;
    if (state >= AT_END) return state === AT_END_SELF_CLOSING ? SELF_CLOSED - i : i;
    // A quoted value: skip to its closing quote; `>` inside it does not end the tag. Most values
    // are short, and a plain loop over them beats a native `indexOf` call; a long one (a data:
    // URL) goes to `indexOf` after a while.
    const quote = state === IN_DOUBLE_QUOTES ? DOUBLE_QUOTE : SINGLE_QUOTE;
    const shortEnd = Math.min(len, i + SHORT_VALUE);
    while (i < shortEnd && buf[i] !== quote) i++;
    if (i === shortEnd && shortEnd < len) {
      const close = indexOfByte(buf, quote, i);
      i = close < 0 ? len : close;
    }
    if (i === len) break;
    i++;
    state = BEFORE_NAME;
  }
  return -1 - state;
}

/** The script data states of the WHATWG tokenizer once a `<!--` has been seen inside a script. */
const Escape = {
  /** Script data state (with its less-than sign, end tag open, end tag name, escape start and escape start dash states). */
  None: 0,
  /** Script data escaped state (with its less-than sign, end tag open and end tag name states). */
  Escaped: 1,
  /** Script data escaped dash state. */
  EscapedDash: 2,
  /** Script data escaped dash dash state. */
  EscapedDashDash: 3,
  /** Script data double escaped state (with its less-than sign and double escape start/end states). */
  Double: 4,
  /** Script data double escaped dash state. */
  DoubleDash: 5,
  /** Script data double escaped dash dash state. */
  DoubleDashDash: 6,
} as const;
type EscapeValue = (typeof Escape)[keyof typeof Escape];

/** Result of matching a pattern at a position: the index after it, no match, or "ran out of bytes". */
const NO_MATCH = -1;
const PARTIAL = -2;

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x09 || byte === 0x0c || byte === 0x0d;
}

function isAsciiAlpha(byte: number): boolean {
  const lower = byte | 0x20;
  return lower >= 0x61 && lower <= 0x7a;
}

function endsTagName(byte: number): boolean {
  return byte === GT || byte === SLASH || isWhitespace(byte);
}

/** Matches `pattern` at `at`; with `foldCase` (the default) `pattern` is lower case and ASCII case is ignored. */
function matchAt(buf: Uint8Array, at: number, pattern: Uint8Array, foldCase = true): number {
  const available = Math.min(pattern.length, buf.length - at);
  for (let k = 0; k < available; k++) {
    const byte = buf[at + k]!;
    const folded = foldCase && byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte;
    if (folded !== pattern[k]) return NO_MATCH;
  }
  return available < pattern.length ? PARTIAL : at + pattern.length;
}

/** Skips at most `max` whitespace bytes; PARTIAL when the buffer ends inside the run. */
function skipSpace(buf: Uint8Array, at: number, max: number): number {
  const limit = Math.min(buf.length, at + max + 1);
  let i = at;
  while (i < limit && isWhitespace(buf[i]!)) i++;
  if (i === buf.length) return PARTIAL;
  return i - at > max ? NO_MATCH : i;
}

/** `[/]script` followed by a tag-name terminator; returns the index after the terminator. */
function matchScriptTag(buf: Uint8Array, at: number, slash: boolean): number {
  let i = at;
  if (slash) {
    if (i >= buf.length) return PARTIAL;
    if (buf[i] !== SLASH) return NO_MATCH;
    i++;
  }
  const afterName = matchAt(buf, i, SCRIPT_NAME);
  if (afterName < 0) return afterName;
  if (afterName >= buf.length) return PARTIAL;
  return endsTagName(buf[afterName]!) ? afterName + 1 : NO_MATCH;
}

const ENCODING = latin1Bytes('encoding');
const HTML_ENCODINGS = [latin1Bytes('text/html'), latin1Bytes('application/xhtml+xml')];

/** Whether the attributes in `[from, to)` give `encoding` one of the HTML values (the first `encoding` counts). */
function encodingIsHtml(buf: Uint8Array, from: number, to: number): boolean {
  let i = from;
  while (i < to) {
    while (i < to && (isWhitespace(buf[i]!) || buf[i] === SLASH)) i++;
    const nameStart = i;
    while (i < to && !isWhitespace(buf[i]!) && buf[i] !== SLASH && buf[i] !== 0x3d && buf[i] !== GT) i++;
    const nameEnd = i;
    while (i < to && isWhitespace(buf[i]!)) i++;
    let valueStart = i;
    let valueEnd = i;
    if (buf[i] === 0x3d) {
      i++;
      while (i < to && isWhitespace(buf[i]!)) i++;
      const quote = buf[i];
      if (quote === DOUBLE_QUOTE || quote === SINGLE_QUOTE) {
        valueStart = i + 1;
        const close = indexOfByte(buf, quote, valueStart);
        valueEnd = close < 0 || close > to ? to : close;
        i = valueEnd + 1;
      } else {
        valueStart = i;
        while (i < to && !isWhitespace(buf[i]!) && buf[i] !== GT) i++;
        valueEnd = i;
      }
    }
    if (nameEnd - nameStart === ENCODING.length && matchAt(buf, nameStart, ENCODING) === nameEnd) {
      return HTML_ENCODINGS.some(
        (value) => valueEnd - valueStart === value.length && matchAt(buf, valueStart, value) === valueEnd,
      );
    }
    if (nameEnd === nameStart) i++;
  }
  return false;
}

/**
 * Start tags that, read as HTML rather than as SVG/MathML, open what would take in text appended
 * at the end of the page (template contents, a select, a new SVG/MathML root).
 */
const OPENS_CONTAINER_AS_HTML = TagFlag.Template | TagFlag.Select | TagFlag.ForeignRoot;

const SVG_HASH = nameHash(latin1Bytes('svg'), 0, 3);
const ANNOTATION_XML_HASH = nameHash(latin1Bytes('annotation-xml'), 0, 14);

export class HtmlScanner {
  /** Set by the injector while it still wants the marker comment reported. */
  lookForMarker = false;

  /**
   * Set by the injector once everything is placed: the rest of the page is passed through
   * unscanned. Pages with only a body-start notice (the default) are then scanned up to `<body>`.
   */
  stopRequested = false;

  private mode: ModeValue = Mode.Data;
  private atStreamStart = true;
  private carryAt = 0;
  /** After the final scan: what appended text must start with to land after the page, or null. */
  private endText: string | null = '';

  private bodyStarted = false;
  private framesetSeen = false;
  /** The frameset-ok flag of the tree builder, once the body has started. */
  private framesetOk = false;
  private readonly open = new OpenElements();
  /** Ordinary body content, where tags with names outside the HTML table change nothing. */
  private fastPath = false;
  /** Text here can start the body or rule out a frameset. */
  private watchText = true;

  private tag: TagInfo | undefined;
  private tagIsEnd = false;
  private tagHash = 0;
  /** The current start tag is an `annotation-xml` whose encoding makes it an HTML integration point. */
  private tagOpensHtml = false;
  /** The name of a start tag that may open an HTML element inside an integration point ('' otherwise). */
  private tagName = '';
  private attr: AttrValue = Attr.TagName;

  private textEndName: Uint8Array = SCRIPT_NAME;
  private scriptEscape: EscapeValue = Escape.None;
  /** Where the current comment's data starts in the buffer being scanned (0 when it began earlier). */
  private commentDataStart = 0;

  constructor(private readonly events: ScanEvents) {}

  get hasBody(): boolean {
    return this.bodyStarted;
  }

  get isFrameset(): boolean {
    return this.framesetSeen;
  }

  /** The body has started without content that rules out a `<frameset>` replacing it. */
  get framesetPossible(): boolean {
    return this.bodyStarted && this.framesetOk && !this.framesetSeen;
  }

  /** Stop watching for a `<frameset>` (the injector has committed its notice anyway). */
  ruleOutFrameset(): void {
    this.framesetOk = false;
    this.refreshModes();
  }

  /**
   * After the final `scan`: the text that closes whatever the page leaves open (a comment, a
   * script, an `<svg>`, a `<template>`, a table …) so that what is appended after it lands in the
   * body as the browser would show it; '' when nothing is open; null when nothing can be
   * appended without changing the page (it ends inside a tag or `<plaintext>`).
   */
  get closingText(): string | null {
    return this.endText;
  }

  /**
   * Scans `buf` from its start, reporting events. Returns the offset where scanning stopped:
   * bytes from there on must be passed again, in front of the next chunk. With `final`, the
   * whole buffer is consumed (a token cut by the end of the page stays as it is).
   */
  scan(buf: Uint8Array, final: boolean): number {
    let pos = 0;
    this.commentDataStart = 0;
    if (this.atStreamStart) {
      // A UTF-8 byte order mark is not text: it must not start the body.
      const bom = matchAt(buf, 0, UTF8_BOM);
      if (bom === PARTIAL && !final) return 0;
      this.atStreamStart = false;
      if (bom > 0) pos = bom;
    }
    while (pos < buf.length) {
      if (this.stopRequested) return buf.length;
      const next = this.step(buf, pos, final);
      if (next < 0) {
        if (!final) return this.carryAt;
        // A tag or an end tag open cut by the end of the page: the parser drops it.
        if (this.mode === Mode.Data) this.mode = Mode.Tag;
        break;
      }
      pos = next;
    }
    if (final) this.endText = this.computeClosingText(buf);
    return buf.length;
  }

  private step(buf: Uint8Array, pos: number, final: boolean): number {
    switch (this.mode) {
      case Mode.Data:
        return this.scanData(buf, pos, final);
      case Mode.Tag:
        return this.resumeTag(buf, pos);
      case Mode.Comment:
        return this.scanComment(buf, pos);
      case Mode.BogusComment:
        return this.scanBogusComment(buf, pos);
      case Mode.RawText:
        return this.scanRawText(buf, pos);
      case Mode.Script:
        return this.scriptEscape === Escape.None ? this.scanScript(buf, pos) : this.scanEscapedScript(buf, pos);
      case Mode.Cdata:
        return this.scanCdata(buf, pos);
      case Mode.PlainText:
        return buf.length;
    }
  }

  /** Stop here; the bytes from `at` come back with the next chunk. */
  private needMore(at: number): number {
    this.carryAt = at;
    return -1;
  }

  private get bodyMayStart(): boolean {
    return !this.bodyStarted && !this.framesetSeen && !this.open.insideTemplate;
  }

  private startBody(offset: number, kind: BodyStartKind, framesetOk: boolean): void {
    this.bodyStarted = true;
    this.framesetOk = framesetOk;
    this.refreshModes();
    this.events.bodyStart(offset, kind);
  }

  private endFramesetOk(offset: number): void {
    if (!this.framesetOk) return;
    this.framesetOk = false;
    this.refreshModes();
    this.events.framesetRuledOut(offset);
  }

  /** Recomputes the flags the data loop reads on every `<`, after anything they depend on changed. */
  private refreshModes(): void {
    const top = this.open.top;
    this.fastPath =
      this.bodyStarted &&
      !this.framesetOk &&
      (top === 0 || top === Open.Template || top === Open.Table) &&
      !this.open.insideForeign;
    this.watchText = this.bodyStarted ? this.framesetOk && !this.open.insideTemplate : this.bodyMayStart;
  }

  // ---- data ---------------------------------------------------------------------------------

  private scanData(buf: Uint8Array, from: number, final: boolean): number {
    const len = buf.length;
    let pos = from;
    for (;;) {
      // Tags often follow each other directly (`</a></li>`): skip the native call then.
      const lt = pos < len && buf[pos] === LT ? pos : indexOfByte(buf, LT, pos);
      if (this.watchText && (lt < 0 || lt > pos)) {
        const checked = this.checkText(buf, pos, lt < 0 ? len : lt, final);
        if (checked < 0) return checked;
      }
      if (lt < 0) return len;
      // A `<` that ends the page is text.
      if (lt + 1 >= len) return final ? this.textLessThan(lt) : this.needMore(lt);
      const next = buf[lt + 1]!;
      if (this.fastPath) {
        // Fast path for the bulk of a page: a tag in body content whose name changes nothing.
        const nameStart = next === SLASH ? lt + 2 : lt + 1;
        const first = nameStart < len ? buf[nameStart]! | 0x20 : 0;
        if (first >= 0x61 && first <= 0x7a) {
          let i = nameStart + 1;
          while (i < len && ENDS_NAME[buf[i]!] === 0) i++;
          if (i < len && !mayBeKnownHtmlName(first, buf[i - 1]!, i - nameStart)) {
            const end = skipTag(buf, i, Attr.TagName);
            if (end >= 0 || end <= SELF_CLOSED) {
              pos = end >= 0 ? end : SELF_CLOSED - end;
              continue;
            }
            this.tag = undefined;
            this.tagHash = 0;
            this.mode = Mode.Tag;
            this.attr = (-1 - end) as AttrValue;
            return this.needMore(len);
          }
        }
      }
      let after: number;
      if (isAsciiAlpha(next)) after = this.readTag(buf, lt, lt + 1, false, final);
      else if (next === SLASH) after = this.endTagOpen(buf, lt, final);
      else if (next === BANG) after = this.markupDeclaration(buf, lt, final);
      else if (next === QUESTION) {
        this.mode = Mode.BogusComment;
        return lt + 1;
      } else {
        // A `<` that opens nothing is text.
        after = this.textLessThan(lt);
      }
      if (after < 0 || this.mode !== Mode.Data) return after;
      pos = after;
    }
  }

  /** A `<` read as text. */
  private textLessThan(lt: number): number {
    if (this.bodyMayStart) this.startBody(lt, 'implicit-body', false);
    else if (this.bodyStarted && this.watchText) this.endFramesetOk(lt);
    return lt + 1;
  }

  /**
   * Text before the body, or while a frameset may still replace it. The first character that is
   * not whitespace starts the body (a NUL does too, but the parser drops it, so it leaves
   * frameset-ok alone); any character but whitespace or NUL rules a frameset out. Returns `to`,
   * or -1 when a character reference is cut by the buffer end.
   */
  private checkText(buf: Uint8Array, from: number, to: number, final: boolean): number {
    for (let i = from; i < to; i++) {
      const byte = buf[i]!;
      if (isWhitespace(byte)) continue;
      if (byte === AMPERSAND) {
        const end = whitespaceReferenceEnd(buf, i, final);
        if (end === REFERENCE_CUT) return this.needMore(i);
        if (end !== NOT_WHITESPACE) {
          i = end - 1;
          continue;
        }
      }
      if (!this.bodyStarted) {
        this.startBody(i, 'implicit-body', byte === NUL);
        if (!this.framesetOk) return to;
      } else if (byte !== NUL) {
        this.endFramesetOk(i);
        return to;
      }
    }
    return to;
  }

  // ---- tags ---------------------------------------------------------------------------------

  /**
   * A start or end tag whose name begins at `nameStart` (`<` at `lt`). Returns the offset after
   * its `>`, or -1 when the buffer ends first (inside the name: carry from `lt`; later: resume).
   */
  private readTag(buf: Uint8Array, lt: number, nameStart: number, isEnd: boolean, final: boolean): number {
    const len = buf.length;
    let k = nameStart + 1;
    while (k < len && ENDS_NAME[buf[k]!] === 0) k++;
    const nameLength = k - nameStart;
    const hashed = this.open.insideForeign;
    // A short name cut by the chunk end could still become a known one (inside SVG/MathML, a
    // different one): wait for it.
    if (k === len && nameLength <= (hashed ? MAX_HASHED_NAME : MAX_KNOWN_NAME_LENGTH)) return this.needMore(lt);
    const info = this.fastPath ? lookupHtmlTag(buf, nameStart, nameLength) : lookupAnyTag(buf, nameStart, nameLength);
    this.tag = info;
    this.tagIsEnd = isEnd;
    this.tagHash = info?.hash ?? (hashed ? nameHash(buf, nameStart, Math.min(nameLength, MAX_HASHED_NAME)) : 0);
    this.tagOpensHtml = false;
    // Inside SVG/MathML an HTML element may open: keep its name for its end tag at the end of the page.
    const mayOpenHtml =
      hashed && !isEnd && (this.open.top !== Open.Foreign || (info !== undefined && info.flags & TagFlag.Breakout));
    this.tagName = mayOpenHtml && nameLength <= MAX_HASHED_NAME ? latin1Text(buf, nameStart, k).toLowerCase() : '';
    if (isEnd) {
      if (info !== undefined) this.endTagNamed(info, lt);
    } else {
      this.startTagNamed(info, lt);
      if (info !== undefined && info.flags & TagFlag.AnnotationXml && this.open.top === Open.Foreign) {
        const end = skipTag(buf, k, Attr.TagName);
        if (end >= -8 && end < 0 && !final && len - lt < MAX_ANNOTATION_TAG) return this.needMore(lt);
        const close = end >= 0 ? end : end <= SELF_CLOSED ? SELF_CLOSED - end : len;
        this.tagOpensHtml = this.open.topNamespace === Namespace.MathMl && encodingIsHtml(buf, k, close);
      }
    }
    this.mode = Mode.Tag;
    this.attr = Attr.TagName;
    return this.scanTag(buf, k);
  }

  /** Whether a start tag here is handled by the HTML rules (not as an SVG/MathML element, not inside `<select>`). */
  private startTagIsHtml(info: TagInfo | undefined): boolean {
    const flags = info?.flags ?? 0;
    switch (this.open.top) {
      case Open.Foreign:
        return (flags & TagFlag.Breakout) !== 0;
      case Open.MathText:
        return (flags & TagFlag.MathTextForeign) === 0;
      case Open.Select:
        return false;
      default:
        return true;
    }
  }

  /** What a start tag means where it starts, before its attributes are read. */
  private startTagNamed(info: TagInfo | undefined, lt: number): void {
    if (!this.bodyStarted) this.startTagNamedBeforeBody(info, lt);
    // Nothing after `<plaintext>` is a tag: right before it is the last place in the body.
    if (
      info?.textMode === TextMode.PlainText &&
      this.bodyStarted &&
      this.open.inBodyFlow &&
      this.startTagIsHtml(info)
    ) {
      this.events.bodyEndCandidate(lt, 'plaintext');
    }
    if (!this.bodyStarted) return;
    if (!this.framesetOk || this.open.insideTemplate) return;
    const flags = info?.flags ?? 0;
    // Where the model may keep SVG/MathML open that the parser has closed, a `<frameset>` may be real.
    if (flags & TagFlag.Frameset && (this.startTagIsHtml(info) || this.open.uncertain)) {
      this.seeFrameset(lt);
    } else if (flags & TagFlag.EndsFramesetOk && this.startTagIsHtml(info)) {
      this.endFramesetOk(lt);
    }
  }

  private seeFrameset(lt: number): void {
    // The injector may rule a frameset out first (its look-ahead ran out before this tag).
    this.events.frameset(lt);
    if (this.bodyStarted && !this.framesetOk) return;
    this.framesetSeen = true;
    this.refreshModes();
  }

  private startTagNamedBeforeBody(info: TagInfo | undefined, lt: number): void {
    if (!this.bodyMayStart) return;
    const flags = info?.flags ?? 0;
    if (flags & TagFlag.Frameset) {
      this.seeFrameset(lt);
    } else if (!(flags & (TagFlag.HeadContent | TagFlag.Body))) {
      // Any start tag that cannot live in the head opens the body right here.
      this.startBody(lt, 'implicit-body', (flags & TagFlag.EndsFramesetOk) === 0);
    }
  }

  private endTagNamed(info: TagInfo, lt: number): void {
    const flags = info.flags;
    if (!(flags & (TagFlag.Body | TagFlag.Html | TagFlag.Br)) || this.framesetSeen || this.open.insideTemplate) return;
    // Before the body these end tags make the parser open it (an "after head" rule); `</br>` is read as `<br>`.
    if (!this.bodyStarted) this.startBody(lt, 'implicit-body', (flags & TagFlag.Br) === 0);
    else if (flags & TagFlag.Br && this.open.top !== Open.Select) this.endFramesetOk(lt);
    // Inside a table, a select or SVG/MathML the parser ignores these, or a notice before them would land there.
    if (this.open.size !== 0) return;
    if (flags & TagFlag.Body) this.events.bodyEndCandidate(lt, 'body');
    else if (flags & TagFlag.Html) this.events.bodyEndCandidate(lt, 'html');
  }

  private endTagOpen(buf: Uint8Array, lt: number, final: boolean): number {
    if (lt + 2 >= buf.length) {
      if (!final) return this.needMore(lt);
      // `</` that ends the page is text, but whatever follows it would turn it into a comment.
      this.textLessThan(lt);
      this.mode = Mode.Tag;
      return buf.length;
    }
    const first = buf[lt + 2]!;
    if (isAsciiAlpha(first)) return this.readTag(buf, lt, lt + 2, true, final);
    if (first === GT) return lt + 3; // `</>` is dropped by the tokenizer
    this.mode = Mode.BogusComment;
    return lt + 2;
  }

  /** Finishes the current tag from `from`, or saves the DFA state when the buffer ends first. */
  private scanTag(buf: Uint8Array, from: number): number {
    const after = skipTag(buf, from, this.attr);
    if (after >= 0) return this.endOfTag(after, false);
    if (after <= SELF_CLOSED) return this.endOfTag(SELF_CLOSED - after, true);
    this.attr = (-1 - after) as AttrValue;
    return this.needMore(buf.length);
  }

  private resumeTag(buf: Uint8Array, from: number): number {
    let i = from;
    if (this.attr === Attr.DoubleQuoted || this.attr === Attr.SingleQuoted) {
      const close = indexOfByte(buf, this.attr === Attr.DoubleQuoted ? DOUBLE_QUOTE : SINGLE_QUOTE, from);
      if (close < 0) return this.needMore(buf.length);
      i = close + 1;
      this.attr = Attr.BeforeName;
    }
    return this.scanTag(buf, i);
  }

  private endOfTag(after: number, selfClosing: boolean): number {
    this.mode = Mode.Data;
    const info = this.tag;
    if (info === undefined && this.tagHash === 0) return after;
    if (this.tagIsEnd) this.afterEndTag(info);
    else this.afterStartTag(info, selfClosing, after);
    this.refreshModes();
    return after;
  }

  private afterStartTag(info: TagInfo | undefined, selfClosing: boolean, after: number): void {
    const flags = info?.flags ?? 0;
    const top = this.open.top;
    if (top === Open.Foreign || (top === Open.MathText && flags & TagFlag.MathTextForeign)) {
      // In an `annotation-xml`, `<svg>` is handled by the HTML rules (and still opens SVG).
      const svgInAnnotation = this.tagHash === SVG_HASH && this.open.topName === ANNOTATION_XML_HASH;
      if (!(flags & TagFlag.Breakout) && !svgInAnnotation) {
        if (flags & OPENS_CONTAINER_AS_HTML || (info !== undefined && info.textMode !== TextMode.Markup))
          this.markGuessDependent();
        if (!selfClosing) this.pushForeign(flags, this.open.topNamespace);
        return;
      }
      // A breakout tag closes the SVG/MathML elements up to an integration point, then acts as HTML.
      if (flags & TagFlag.Breakout) this.open.popForeignElements();
    }
    if (this.open.top === Open.Select) this.startTagInSelect(info, selfClosing, after);
    else this.htmlStartTag(info, selfClosing, after);
  }

  private pushForeign(flags: number, space: NamespaceValue): void {
    let kind: (typeof Open)[keyof typeof Open] = Open.Foreign;
    if (space === Namespace.Svg && flags & TagFlag.SvgIntegration) kind = Open.HtmlIntegration;
    else if (space === Namespace.MathMl && flags & TagFlag.MathText) kind = Open.MathText;
    else if (this.tagOpensHtml) kind = Open.HtmlIntegration;
    this.open.push(kind, this.tagHash, space);
  }

  private htmlStartTag(info: TagInfo | undefined, selfClosing: boolean, after: number): void {
    const flags = info?.flags ?? 0;
    if (flags & TagFlag.Body) {
      if (this.bodyMayStart) this.startBody(after, 'body-tag', false);
    } else if (flags & TagFlag.ForeignRoot) {
      if (!selfClosing)
        this.open.push(Open.Foreign, this.tagHash, this.tagHash === SVG_HASH ? Namespace.Svg : Namespace.MathMl);
    } else if (flags & TagFlag.Template) {
      this.open.push(Open.Template, 0, Namespace.Html);
    } else if (flags & TagFlag.Table) {
      this.open.push(Open.Table, 0, Namespace.Html);
    } else if (flags & TagFlag.Select) {
      this.open.push(Open.Select, 0, Namespace.Html);
    } else if (info !== undefined && info.textMode !== TextMode.Markup) {
      // `<script/>` still opens a script in HTML: the self-closing flag is ignored.
      this.startText(info);
    } else if (this.open.insideForeign && !(flags & TagFlag.Void)) {
      this.open.push(Open.Html, this.tagHash, Namespace.Html, this.tagName);
    }
  }

  /** In a `<select>` only a few start tags count; the rest are dropped, raw-text ones included. */
  private startTagInSelect(info: TagInfo | undefined, selfClosing: boolean, after: number): void {
    const flags = info?.flags ?? 0;
    const select = this.open.size - 1;
    if (flags & TagFlag.Select) {
      this.open.popThrough(select);
    } else if (
      flags & TagFlag.ClosesSelect ||
      (flags & (TagFlag.Table | TagFlag.TableStructure) && this.open.findInScope(Open.Table) >= 0)
    ) {
      this.open.popThrough(select);
      this.htmlStartTag(info, selfClosing, after);
    } else if (flags & TagFlag.Template) {
      this.open.push(Open.Template, 0, Namespace.Html);
    } else if (info?.textMode === TextMode.Script) {
      this.startText(info);
    } else if (info !== undefined && info.textMode !== TextMode.Markup) {
      this.markGuessDependent();
    }
  }

  /**
   * Where the model may keep open an element the parser has closed, a raw-text element read as
   * foreign (or dropped in a `<select>`), or a CDATA section, may be text the parser reads
   * differently, and a template, select or SVG/MathML root read as foreign may be open for the
   * parser: from then on nothing is appended at the end of the page.
   */
  private markGuessDependent(): void {
    if (this.open.uncertain) this.open.lost = true;
  }

  private startText(info: TagInfo): void {
    this.textEndName = info.name;
    this.scriptEscape = Escape.None;
    this.mode =
      info.textMode === TextMode.Script
        ? Mode.Script
        : info.textMode === TextMode.PlainText
          ? Mode.PlainText
          : Mode.RawText;
  }

  private afterEndTag(info: TagInfo | undefined): void {
    const flags = info?.flags ?? 0;
    if (!this.open.inForeignNode) {
      this.htmlEndTag(flags, this.open.size - 1);
      return;
    }
    if (flags & (TagFlag.Br | TagFlag.P)) {
      this.open.popForeignElements();
      this.htmlEndTag(flags, this.open.size - 1);
      return;
    }
    // The foreign content rule: close the nearest SVG/MathML element of that name; failing one,
    // the HTML element below decides.
    const found = this.open.findForeign(this.tagHash);
    if (found >= 0) {
      this.open.popThrough(found);
      return;
    }
    this.htmlEndTag(flags, -2 - found);
  }

  /**
   * An end tag handled by the HTML rules, with the current node at `from`. One that closes none
   * of the followed elements may still close SVG/MathML or a `<select>` for an ancestor the
   * scanner does not follow (`<div><svg></div>`); they stay open in the model (their end tags at
   * the end of the page are then ignored), which is marked as a guess.
   */
  private htmlEndTag(flags: number, from: number): void {
    const open = this.open;
    let closes = -1;
    if (flags & TagFlag.Template) closes = open.findTemplate();
    else if (flags & TagFlag.Table) closes = open.findInScope(Open.Table);
    else if (flags & TagFlag.Select) closes = open.findInScope(Open.Select);
    else if (open.top !== Open.Select) closes = open.findHtml(this.tagHash, from);
    if (closes >= 0) open.popThrough(closes);
    else if (open.insideForeign || (open.top === Open.Select && flags & TagFlag.TableStructure)) open.uncertain = true;
  }

  // ---- comments, declarations, CDATA ----------------------------------------------------------

  private markupDeclaration(buf: Uint8Array, lt: number, final: boolean): number {
    const comment = matchAt(buf, lt, COMMENT_OPEN);
    if (comment === PARTIAL && !final) return this.needMore(lt);
    if (comment > 0) return this.commentStart(buf, lt, final);
    if (this.open.top === Open.Foreign) {
      // CDATA sections exist only in SVG/MathML; in HTML `<![CDATA[` is a bogus comment, and so
      // at an integration point, as parse5 reads it.
      const cdata = matchAt(buf, lt, CDATA_OPEN, false); // case-sensitive, as the tokenizer
      if (cdata === PARTIAL && !final) return this.needMore(lt);
      if (cdata > 0) {
        this.markGuessDependent();
        this.mode = Mode.Cdata;
        return cdata;
      }
    }
    this.mode = Mode.BogusComment; // also `<!DOCTYPE …>`: both end at the first `>`
    return lt + 2;
  }

  private commentStart(buf: Uint8Array, lt: number, final: boolean): number {
    const open = lt + 4;
    if (this.lookForMarker && this.bodyStarted && this.open.inBodyFlow) {
      const end = this.matchMarker(buf, open);
      if (end === PARTIAL && !final) return this.needMore(lt);
      if (end > 0) {
        this.events.markerComment(lt, end);
        return end;
      }
    }
    // `<!-->` and `<!--->` are complete (empty) comments.
    if ((open >= buf.length || (buf[open] === DASH && open + 1 >= buf.length)) && !final) return this.needMore(lt);
    if (buf[open] === GT) return open + 1;
    if (buf[open] === DASH && buf[open + 1] === GT) return open + 2;
    this.mode = Mode.Comment;
    this.commentDataStart = open;
    return open;
  }

  /** `<!--` + optional whitespace + `geonotice` (any case) + optional whitespace + `-->`. */
  private matchMarker(buf: Uint8Array, open: number): number {
    const word = skipSpace(buf, open, MARKER_MAX_SPACE);
    if (word < 0) return word;
    const afterWord = matchAt(buf, word, MARKER_WORD);
    if (afterWord < 0) return afterWord;
    const close = skipSpace(buf, afterWord, MARKER_MAX_SPACE);
    if (close < 0) return close;
    return matchAt(buf, close, COMMENT_CLOSE);
  }

  /** A comment ends at the first `-->` or `--!>`. */
  private scanComment(buf: Uint8Array, from: number): number {
    const len = buf.length;
    let k = from;
    for (;;) {
      const dash = indexOfByte(buf, DASH, k);
      if (dash < 0) return this.needMore(len);
      if (dash + 2 >= len) return this.needMore(dash);
      if (buf[dash + 1] !== DASH) {
        k = dash + 2;
        continue;
      }
      const c = buf[dash + 2];
      if (c === GT) {
        this.mode = Mode.Data;
        return dash + 3;
      }
      if (c === BANG) {
        if (dash + 3 >= len) return this.needMore(dash);
        if (buf[dash + 3] === GT) {
          this.mode = Mode.Data;
          return dash + 4;
        }
      }
      k = dash + 1;
    }
  }

  private scanBogusComment(buf: Uint8Array, from: number): number {
    const gt = indexOfByte(buf, GT, from);
    if (gt < 0) return this.needMore(buf.length);
    this.mode = Mode.Data;
    return gt + 1;
  }

  private scanCdata(buf: Uint8Array, from: number): number {
    const end = indexOfSequence(buf, CDATA_END, from);
    const textEnd = end < 0 ? Math.max(from, buf.length - 2) : end;
    if (this.watchText) this.checkText(buf, from, textEnd, true);
    if (end < 0) return this.needMore(textEnd);
    this.mode = Mode.Data;
    return end + 3;
  }

  // ---- raw text and scripts -------------------------------------------------------------------

  /** Whether `</name` + terminator (the element's own end tag) starts at `lt`; PARTIAL if cut off. */
  private isOwnEndTag(buf: Uint8Array, lt: number): number {
    if (buf[lt + 1] !== SLASH) return NO_MATCH;
    const name = this.textEndName;
    const afterName = matchAt(buf, lt + 2, name);
    if (afterName < 0) return afterName;
    if (afterName >= buf.length) return PARTIAL;
    return endsTagName(buf[afterName]!) ? lt : NO_MATCH;
  }

  /** Raw text and RCDATA end at the element's own end tag, which is then read as a tag. */
  private scanRawText(buf: Uint8Array, from: number): number {
    const len = buf.length;
    let k = from;
    for (;;) {
      const lt = indexOfByte(buf, LT, k);
      if (lt < 0) return this.needMore(len);
      if (lt + 1 >= len) return this.needMore(lt);
      const end = this.isOwnEndTag(buf, lt);
      if (end === PARTIAL) return this.needMore(lt);
      if (end >= 0) {
        this.mode = Mode.Data;
        return end;
      }
      k = lt + 1;
    }
  }

  /** Script data: ends at `</script`, unless a `<!--` comes first and escapes it. */
  private scanScript(buf: Uint8Array, from: number): number {
    const len = buf.length;
    let k = from;
    for (;;) {
      const lt = indexOfByte(buf, LT, k);
      if (lt < 0) return this.needMore(len);
      if (lt + 1 >= len) return this.needMore(lt);
      const next = buf[lt + 1];
      if (next === SLASH) {
        const end = this.isOwnEndTag(buf, lt);
        if (end === PARTIAL) return this.needMore(lt);
        if (end >= 0) {
          this.mode = Mode.Data;
          return end;
        }
      } else if (next === BANG) {
        const open = matchAt(buf, lt, COMMENT_OPEN);
        if (open === PARTIAL) return this.needMore(lt);
        if (open > 0) {
          this.scriptEscape = Escape.EscapedDashDash;
          return open;
        }
      }
      k = lt + 1;
    }
  }

  /** The escaped and double-escaped script states, byte by byte (rare in real pages). */
  private scanEscapedScript(buf: Uint8Array, from: number): number {
    const len = buf.length;
    let state: EscapeValue = this.scriptEscape;
    let i = from;
    while (i < len) {
      const c = buf[i]!;
      if (c === LT) {
        if (state >= Escape.Double) {
          const leave = matchScriptTag(buf, i + 1, true);
          if (leave === PARTIAL) return this.saveEscape(state, i);
          if (leave > 0) {
            state = Escape.Escaped;
            i = leave;
          } else {
            state = Escape.Double;
            i++;
          }
          continue;
        }
        const endTag = matchScriptTag(buf, i + 1, true);
        if (endTag === PARTIAL) return this.saveEscape(state, i);
        if (endTag > 0) {
          this.scriptEscape = Escape.None;
          this.mode = Mode.Data;
          return i;
        }
        const nested = matchScriptTag(buf, i + 1, false);
        if (nested === PARTIAL) return this.saveEscape(state, i);
        if (nested > 0) {
          state = Escape.Double;
          i = nested;
        } else {
          state = Escape.Escaped;
          i++;
        }
        continue;
      }
      const double = state >= Escape.Double;
      if (c === DASH) {
        if (state === Escape.Escaped) state = Escape.EscapedDash;
        else if (state === Escape.EscapedDash) state = Escape.EscapedDashDash;
        else if (state === Escape.Double) state = Escape.DoubleDash;
        else if (state === Escape.DoubleDash) state = Escape.DoubleDashDash;
      } else if (c === GT && (state === Escape.EscapedDashDash || state === Escape.DoubleDashDash)) {
        this.scriptEscape = Escape.None; // `-->` returns to plain script data
        return i + 1;
      } else {
        state = double ? Escape.Double : Escape.Escaped;
      }
      i++;
    }
    return this.saveEscape(state, len);
  }

  private saveEscape(state: EscapeValue, carryAt: number): number {
    this.scriptEscape = state;
    return this.needMore(carryAt);
  }

  // ---- the end of the page ----------------------------------------------------------------------

  /**
   * What closes the token the page ends in without adding to its text (then the open elements'
   * end tags): each follows the tokenizer's state at the end of the input.
   */
  private computeClosingText(buf: Uint8Array): string | null {
    const elements = this.open.closingTags();
    if (elements === null) return null;
    // Where the model may have missed an end tag, it may also have read raw text as markup.
    if (this.open.uncertain && this.mode !== Mode.Data) return null;
    switch (this.mode) {
      case Mode.Data:
        return elements;
      case Mode.Comment:
        return this.commentClosingText(buf) + elements;
      case Mode.BogusComment:
        return `>${elements}`;
      case Mode.RawText:
        return `</${latin1Text(this.textEndName)}>${elements}`;
      case Mode.Script:
        // In the double-escaped states no end tag ends the script: the page's script would change.
        return this.scriptEscape >= Escape.Double ? null : `</script>${elements}`;
      case Mode.Cdata:
        return `]]>${elements}`;
      case Mode.Tag:
      case Mode.PlainText:
        return null;
    }
  }

  /**
   * The comment states keep trailing dashes out of the data until they know what follows: after
   * `--` (or `--!`) a `>` ends the comment, after one `-` it takes `->`, otherwise `-->`.
   */
  private commentClosingText(buf: Uint8Array): string {
    const len = buf.length;
    const from = this.commentDataStart;
    if (len - from >= 3 && buf[len - 1] === BANG && buf[len - 2] === DASH && buf[len - 3] === DASH) return '>';
    let dashes = 0;
    while (dashes < 2 && len - 1 - dashes >= from && buf[len - 1 - dashes] === DASH) dashes++;
    return dashes === 2 ? '>' : dashes === 1 ? '->' : '-->';
  }
}
