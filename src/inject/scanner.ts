import {
  lookupForeignTag,
  lookupHtmlTag,
  mayBeKnownHtmlName,
  MAX_KNOWN_NAME_LENGTH,
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
 * belong to the head, `<template>` content, `<frameset>`, foreign content and its breakout tags).
 * It never decodes, copies or rewrites the page: it reports byte offsets.
 *
 * Speed comes from `Buffer.indexOf` on single bytes (memchr): text, comments and raw text are
 * skipped to the next `<` or `-` of interest; only tags are read byte by byte, through a small
 * table-driven automaton with a tight loop over quoted values.
 *
 * Chunking: `scan` returns how far it got. When a decision needs bytes that have not arrived (a
 * tag name cut by the chunk end, a `</scr` at the end of a script), it stops at the start of that
 * token and the caller hands those few bytes back, prefixed to the next chunk. Everything that
 * can run long (comments, raw text, attribute values) is resumable without carrying bytes, so
 * the carry stays a few dozen bytes at most.
 *
 * Known simplifications (documented in the tests): HTML integration points inside SVG/MathML
 * (`<foreignObject>`, `<mtext>` …) are treated as foreign content; a `<frameset>` after the body
 * has started is ignored; `&#32;`-style references before the body count as text.
 */

export type BodyStartKind = 'body-tag' | 'implicit-body';

/** What the scanner reports; offsets are positions in the buffer passed to `scan`. */
export interface ScanEvents {
  /** Body content starts at `offset` (after `<body …>`, or where a browser starts the body). */
  bodyStart(offset: number, kind: BodyStartKind): void;
  /** A `</body>` or `</html>` end tag starts at `offset` (outside `<template>`). */
  bodyEndCandidate(offset: number, tag: 'body' | 'html'): void;
  /** The marker comment occupies `[start, end)`; only reported while `lookForMarker` is set. */
  markerComment(start: number, end: number): void;
  /** A `<frameset>` came before any body content: the document has no body. */
  frameset(): void;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const DASH = 0x2d;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;

const CDATA_END = Buffer.from(']]>');
const COMMENT_OPEN = Buffer.from('<!--');
const CDATA_OPEN = Buffer.from('<![CDATA[');
const MARKER_WORD = Buffer.from('geonotice');
const COMMENT_CLOSE = Buffer.from('-->');
const SCRIPT_NAME = Buffer.from('script');
const UTF8_BOM = Uint8Array.of(0xef, 0xbb, 0xbf);
/** Whitespace allowed on each side of the marker word; more and it is an ordinary comment. */
const MARKER_MAX_SPACE = 64;

const Mode = {
  Data: 0,
  Tag: 1,
  Comment: 2,
  BogusComment: 3,
  RawText: 4,
  Script: 5,
  Cdata: 6,
  PlainText: 7,
} as const;
type ModeValue = (typeof Mode)[keyof typeof Mode];

/**
 * The attribute states of the tokenizer, reduced to what decides where a tag ends: which quote
 * opens a value (only one right after `=`) and whether `/>` closes it. States the tokenizer
 * distinguishes but that behave alike here are merged (attribute name = after attribute name;
 * before attribute name = after a quoted value).
 */
const Attr = {
  TagName: 0,
  BeforeName: 1,
  SelfClosing: 2,
  Name: 3,
  BeforeValue: 4,
  Unquoted: 5,
  // Past here the DFA hands over to code:
  DoubleQuoted: 6,
  SingleQuoted: 7,
  End: 8,
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
 * `STEP[state << 8 | byte]`: the same automaton indexed by the byte itself. The hot loop then
 * does one table read per byte that depends on the previous one, instead of two (byte class,
 * then next state): 5 % less time on the 10 MB bench page's ordinary tags.
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

/** Set by `skipTag` when the tag it finished ended with `/>`. */
let endedSelfClosing = false;

/**
 * Runs the attribute DFA from `from` (in `state`) to the `>` that ends the tag. Returns the offset
 * after `>`, or `-1 - state` when the buffer ends first. A plain function with local state:
 * this loop is the scanner's hottest code.
 */
function skipTag(buf: Buffer, from: number, initial: number): number {
  const len = buf.length;
  let state = initial;
  let i = from;
  while (i < len) {
    state = STEP[(state << 8) | buf[i]!]!;
    i++;
    if (state < IN_DOUBLE_QUOTES) continue;
    if (state >= AT_END) {
      endedSelfClosing = state === AT_END_SELF_CLOSING;
      return i;
    }
    // A quoted value: skip to its closing quote; `>` inside it does not end the tag. Most values
    // are short, and a plain loop over them beats a native `indexOf` call (8 % less time on the
    // 10 MB bench page's ordinary tags); a long one (a data: URL) goes to `indexOf` after a while.
    const quote = state === IN_DOUBLE_QUOTES ? DOUBLE_QUOTE : SINGLE_QUOTE;
    const shortEnd = Math.min(len, i + SHORT_VALUE);
    while (i < shortEnd && buf[i] !== quote) i++;
    if (i === shortEnd && shortEnd < len) {
      const close = buf.indexOf(quote, i);
      i = close < 0 ? len : close;
    }
    if (i === len) break;
    i++;
    state = BEFORE_NAME;
  }
  return -1 - state;
}

/** The escaped states of script data (`<!--` inside a script), per the WHATWG tokenizer. */
const Escape = {
  None: 0,
  Escaped: 1,
  EscapedDash: 2,
  EscapedDashDash: 3,
  Double: 4,
  DoubleDash: 5,
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
function matchAt(buf: Buffer, at: number, pattern: Uint8Array, foldCase = true): number {
  const available = Math.min(pattern.length, buf.length - at);
  for (let k = 0; k < available; k++) {
    const byte = buf[at + k]!;
    const folded = foldCase && byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte;
    if (folded !== pattern[k]) return NO_MATCH;
  }
  return available < pattern.length ? PARTIAL : at + pattern.length;
}

/** Skips at most `max` whitespace bytes; PARTIAL when the buffer ends inside the run. */
function skipSpace(buf: Buffer, at: number, max: number): number {
  const limit = Math.min(buf.length, at + max + 1);
  let i = at;
  while (i < limit && isWhitespace(buf[i]!)) i++;
  if (i === buf.length) return PARTIAL;
  return i - at > max ? NO_MATCH : i;
}

/** `[/]script` followed by a tag-name terminator; returns the index after the terminator. */
function matchScriptTag(buf: Buffer, at: number, slash: boolean): number {
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
  private unfinishedAtEnd = false;
  private carryAt = 0;

  private bodyStarted = false;
  private framesetSeen = false;
  private templateDepth = 0;
  private foreignRoot: TagInfo | undefined;
  private foreignDepth = 0;

  private tag: TagInfo | undefined;
  private tagIsEnd = false;
  private attr: AttrValue = Attr.TagName;

  private textEndName: Uint8Array = SCRIPT_NAME;
  private scriptEscape: EscapeValue = Escape.None;

  constructor(private readonly events: ScanEvents) {}

  get hasBody(): boolean {
    return this.bodyStarted;
  }

  get isFrameset(): boolean {
    return this.framesetSeen;
  }

  /**
   * Whether bytes appended after everything scanned would be body content — not swallowed by an
   * unclosed tag, comment, script or `<plaintext>`, nor by an open `<template>` or `<svg>`.
   * Meaningful after the final `scan`.
   */
  get endsInContent(): boolean {
    return this.mode === Mode.Data && !this.unfinishedAtEnd && this.templateDepth === 0 && this.foreignDepth === 0;
  }

  /**
   * Scans `buf` from its start, reporting events. Returns the offset where scanning stopped:
   * bytes from there on must be passed again, in front of the next chunk. With `final`, the
   * whole buffer is consumed (a token cut by the end of the page stays as it is).
   */
  scan(buf: Buffer, final: boolean): number {
    let pos = 0;
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
        this.unfinishedAtEnd = true;
        return buf.length;
      }
      pos = next;
    }
    return buf.length;
  }

  private step(buf: Buffer, pos: number, final: boolean): number {
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
        return this.scriptEscape === Escape.None
          ? this.scanScript(buf, pos)
          : this.scanEscapedScript(buf, pos);
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
    return !this.bodyStarted && !this.framesetSeen && this.templateDepth === 0;
  }

  private startBody(offset: number, kind: BodyStartKind): void {
    this.bodyStarted = true;
    this.events.bodyStart(offset, kind);
  }

  // ---- data ---------------------------------------------------------------------------------

  private scanData(buf: Buffer, from: number, final: boolean): number {
    const len = buf.length;
    let pos = from;
    for (;;) {
      // Tags often follow each other directly (`</a></li>`): skip the native call then.
      const lt = pos < len && buf[pos] === LT ? pos : buf.indexOf(LT, pos);
      if (this.bodyMayStart) this.checkTextBeforeBody(buf, pos, lt < 0 ? len : lt);
      if (lt < 0) return len;
      if (lt + 1 >= len) return this.needMore(lt);
      const next = buf[lt + 1]!;
      if (this.bodyStarted && this.foreignDepth === 0) {
        // Fast path for the bulk of a page: a tag in body content whose name changes nothing.
        const nameStart = next === SLASH ? lt + 2 : lt + 1;
        const first = nameStart < len ? buf[nameStart]! | 0x20 : 0;
        if (first >= 0x61 && first <= 0x7a) {
          let i = nameStart + 1;
          while (i < len && ENDS_NAME[buf[i]!] === 0) i++;
          if (i < len && !mayBeKnownHtmlName(first, buf[i - 1]!, i - nameStart)) {
            const end = skipTag(buf, i, Attr.TagName);
            if (end >= 0) {
              pos = end;
              continue;
            }
            this.tag = undefined;
            this.mode = Mode.Tag;
            this.attr = (-1 - end) as AttrValue;
            return this.needMore(len);
          }
        }
      }
      let after: number;
      if (isAsciiAlpha(next)) after = this.readTag(buf, lt, lt + 1, false);
      else if (next === SLASH) after = this.endTagOpen(buf, lt);
      else if (next === BANG) after = this.markupDeclaration(buf, lt, final);
      else if (next === QUESTION) {
        this.mode = Mode.BogusComment;
        return lt + 1;
      } else {
        // A `<` that opens nothing is text.
        if (this.bodyMayStart) this.startBody(lt, 'implicit-body');
        pos = lt + 1;
        continue;
      }
      if (after < 0 || this.mode !== Mode.Data) return after;
      pos = after;
    }
  }

  /** Before the body, the first non-whitespace text starts it. */
  private checkTextBeforeBody(buf: Buffer, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      if (!isWhitespace(buf[i]!)) {
        this.startBody(i, 'implicit-body');
        return;
      }
    }
  }

  // ---- tags ---------------------------------------------------------------------------------

  /**
   * A start or end tag whose name begins at `nameStart` (`<` at `lt`). Returns the offset after
   * its `>`, or -1 when the buffer ends first (inside the name: carry from `lt`; later: resume).
   */
  private readTag(buf: Buffer, lt: number, nameStart: number, isEnd: boolean): number {
    const len = buf.length;
    let k = nameStart + 1;
    while (k < len && ENDS_NAME[buf[k]!] === 0) k++;
    const nameLength = k - nameStart;
    // A short name cut by the chunk end could still become a known one: wait for it.
    if (k === len && nameLength <= MAX_KNOWN_NAME_LENGTH) return this.needMore(lt);
    const info =
      this.foreignDepth > 0
        ? lookupForeignTag(buf, nameStart, nameLength)
        : lookupHtmlTag(buf, nameStart, nameLength);
    this.tag = info;
    this.tagIsEnd = isEnd;
    if (isEnd) {
      if (info !== undefined) this.endTagNamed(info, lt);
    } else if (!this.bodyStarted) {
      this.startTagNamedBeforeBody(info, lt);
    }
    this.mode = Mode.Tag;
    this.attr = Attr.TagName;
    return this.scanTag(buf, k);
  }

  private startTagNamedBeforeBody(info: TagInfo | undefined, lt: number): void {
    if (!this.bodyMayStart) return;
    const flags = info?.flags ?? 0;
    if (flags & TagFlag.Frameset) {
      this.framesetSeen = true;
      this.events.frameset();
    } else if (!(flags & (TagFlag.HeadContent | TagFlag.Body))) {
      // Any start tag that cannot live in the head opens the body right here.
      this.startBody(lt, 'implicit-body');
    }
  }

  private endTagNamed(info: TagInfo, lt: number): void {
    const flags = info.flags;
    if (!(flags & (TagFlag.Body | TagFlag.Html | TagFlag.Br)) || this.framesetSeen || this.templateDepth > 0) return;
    // Before the body these end tags make the parser open it (an "after head" rule).
    if (!this.bodyStarted) this.startBody(lt, 'implicit-body');
    if (flags & TagFlag.Body) this.events.bodyEndCandidate(lt, 'body');
    else if (flags & TagFlag.Html) this.events.bodyEndCandidate(lt, 'html');
  }

  private endTagOpen(buf: Buffer, lt: number): number {
    if (lt + 2 >= buf.length) return this.needMore(lt);
    const first = buf[lt + 2]!;
    if (isAsciiAlpha(first)) return this.readTag(buf, lt, lt + 2, true);
    if (first === GT) return lt + 3; // `</>` is dropped by the tokenizer
    this.mode = Mode.BogusComment;
    return lt + 2;
  }

  /** Finishes the current tag from `from`, or saves the DFA state when the buffer ends first. */
  private scanTag(buf: Buffer, from: number): number {
    const after = skipTag(buf, from, this.attr);
    if (after >= 0) return this.endOfTag(after, endedSelfClosing);
    this.attr = (-1 - after) as AttrValue;
    return this.needMore(buf.length);
  }

  private resumeTag(buf: Buffer, from: number): number {
    let i = from;
    if (this.attr === Attr.DoubleQuoted || this.attr === Attr.SingleQuoted) {
      const close = buf.indexOf(this.attr === Attr.DoubleQuoted ? DOUBLE_QUOTE : SINGLE_QUOTE, from);
      if (close < 0) return this.needMore(buf.length);
      i = close + 1;
      this.attr = Attr.BeforeName;
    }
    return this.scanTag(buf, i);
  }

  private endOfTag(after: number, selfClosing: boolean): number {
    this.mode = Mode.Data;
    const info = this.tag;
    if (info === undefined) return after;
    if (this.tagIsEnd) this.afterEndTag(info);
    else this.afterStartTag(info, selfClosing, after);
    return after;
  }

  private afterStartTag(info: TagInfo, selfClosing: boolean, after: number): void {
    const flags = info.flags;
    if (this.foreignDepth > 0) {
      if (!(flags & TagFlag.Breakout)) {
        if (info === this.foreignRoot && !selfClosing) this.foreignDepth++;
        return;
      }
      this.foreignDepth = 0; // a breakout tag closes the SVG/MathML subtree, then acts as HTML
    }
    if (flags & TagFlag.Body) {
      if (this.bodyMayStart) this.startBody(after, 'body-tag');
    } else if (flags & TagFlag.Template) {
      this.templateDepth++;
    } else if (flags & TagFlag.ForeignRoot) {
      if (!selfClosing) {
        this.foreignRoot = info;
        this.foreignDepth = 1;
      }
    } else if (info.textMode !== TextMode.Markup) {
      // `<script/>` still opens a script in HTML: the self-closing flag is ignored.
      this.textEndName = info.name;
      this.scriptEscape = Escape.None;
      this.mode =
        info.textMode === TextMode.Script
          ? Mode.Script
          : info.textMode === TextMode.PlainText
            ? Mode.PlainText
            : Mode.RawText;
    }
  }

  private afterEndTag(info: TagInfo): void {
    if (this.foreignDepth > 0) {
      if (info === this.foreignRoot) this.foreignDepth--;
      else if (info.flags & (TagFlag.Br | TagFlag.P)) this.foreignDepth = 0;
      return;
    }
    if (info.flags & TagFlag.Template && this.templateDepth > 0) this.templateDepth--;
  }

  // ---- comments, declarations, CDATA ----------------------------------------------------------

  private markupDeclaration(buf: Buffer, lt: number, final: boolean): number {
    const comment = matchAt(buf, lt, COMMENT_OPEN);
    if (comment === PARTIAL && !final) return this.needMore(lt);
    if (comment > 0) return this.commentStart(buf, lt);
    if (this.foreignDepth > 0) {
      // CDATA sections exist only in SVG/MathML; in HTML `<![CDATA[` is a bogus comment.
      const cdata = matchAt(buf, lt, CDATA_OPEN, false); // case-sensitive, as the tokenizer
      if (cdata === PARTIAL && !final) return this.needMore(lt);
      if (cdata > 0) {
        this.mode = Mode.Cdata;
        return cdata;
      }
    }
    this.mode = Mode.BogusComment; // also `<!DOCTYPE …>`: both end at the first `>`
    return lt + 2;
  }

  private commentStart(buf: Buffer, lt: number): number {
    const open = lt + 4;
    if (this.lookForMarker && this.bodyStarted && this.templateDepth === 0 && this.foreignDepth === 0) {
      const end = this.matchMarker(buf, open);
      if (end === PARTIAL) return this.needMore(lt);
      if (end > 0) {
        this.events.markerComment(lt, end);
        return end;
      }
    }
    // `<!-->` and `<!--->` are complete (empty) comments.
    if (open >= buf.length || (buf[open] === DASH && open + 1 >= buf.length)) return this.needMore(lt);
    if (buf[open] === GT) return open + 1;
    if (buf[open] === DASH && buf[open + 1] === GT) return open + 2;
    this.mode = Mode.Comment;
    return open;
  }

  /** `<!--` + optional whitespace + `geonotice` (any case) + optional whitespace + `-->`. */
  private matchMarker(buf: Buffer, open: number): number {
    const word = skipSpace(buf, open, MARKER_MAX_SPACE);
    if (word < 0) return word;
    const afterWord = matchAt(buf, word, MARKER_WORD);
    if (afterWord < 0) return afterWord;
    const close = skipSpace(buf, afterWord, MARKER_MAX_SPACE);
    if (close < 0) return close;
    return matchAt(buf, close, COMMENT_CLOSE);
  }

  /** A comment ends at the first `-->` or `--!>`. */
  private scanComment(buf: Buffer, from: number): number {
    const len = buf.length;
    let k = from;
    for (;;) {
      const dash = buf.indexOf(DASH, k);
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

  private scanBogusComment(buf: Buffer, from: number): number {
    const gt = buf.indexOf(GT, from);
    if (gt < 0) return this.needMore(buf.length);
    this.mode = Mode.Data;
    return gt + 1;
  }

  private scanCdata(buf: Buffer, from: number): number {
    const end = buf.indexOf(CDATA_END, from);
    if (end < 0) return this.needMore(Math.max(from, buf.length - 2));
    this.mode = Mode.Data;
    return end + 3;
  }

  // ---- raw text and scripts -------------------------------------------------------------------

  /** Whether `</name` + terminator (the element's own end tag) starts at `lt`; PARTIAL if cut off. */
  private isOwnEndTag(buf: Buffer, lt: number): number {
    if (buf[lt + 1] !== SLASH) return NO_MATCH;
    const name = this.textEndName;
    const afterName = matchAt(buf, lt + 2, name);
    if (afterName < 0) return afterName;
    if (afterName >= buf.length) return PARTIAL;
    return endsTagName(buf[afterName]!) ? lt : NO_MATCH;
  }

  /** Raw text and RCDATA end at the element's own end tag, which is then read as a tag. */
  private scanRawText(buf: Buffer, from: number): number {
    const len = buf.length;
    let k = from;
    for (;;) {
      const lt = buf.indexOf(LT, k);
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
  private scanScript(buf: Buffer, from: number): number {
    const len = buf.length;
    let k = from;
    for (;;) {
      const lt = buf.indexOf(LT, k);
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
  private scanEscapedScript(buf: Buffer, from: number): number {
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
}

