import { EMPTY, concatBytes, latin1Bytes } from '../bytes';
import { HtmlScanner, type BodyStartKind, type ScanEvents } from './scanner';
import { ErrorCodes, GeonoticeError } from '../../errors';

/**
 * Streaming insertion of ready-made markup into an HTML page.
 *
 * The injector knows nothing of notices or rules: it gets bytes to place and finds the places.
 * The page's own bytes are passed through untouched (output pieces are slices of the input
 * chunks, never a re-serialisation), so a page that needs no change comes out byte for byte.
 */

/** Markup to insert, already encoded in the page's charset. An absent or empty buffer means "nothing". */
export interface Insertions {
  /** Right after the `<body …>` start tag (or where a browser opens the body without one). */
  bodyStart?: Uint8Array;
  /** Right before the last `</body>` (within the look-ahead; see `maxLookAhead`). */
  bodyEnd?: Uint8Array;
  /** In place of the comment `<!-- geonotice -->` in the body; else at the body start. */
  marker?: Uint8Array;
}

export interface InjectorOptions {
  /**
   * How many bytes may be held back while waiting to learn whether a `</body>` is the last one,
   * or whether a marker comment follows the body start. Default 64 KiB.
   *
   * The trade-off: the last `</body>` can only be recognised at the end of the page, and holding
   * the whole tail would make memory grow with the page. So after a `</body>` the injector keeps
   * at most this many bytes; if another `</body>` arrives within them it moves there, otherwise the
   * notice is committed before the one it has. Real pages have one `</body>` followed by a few
   * bytes, so the hold is short; a page with a second `</body>` more than this far on gets the
   * notice before the earlier one — still inside the body, since a browser keeps parsing body
   * content after a stray `</body>`. The same bound applies to a marker that is waited for: a
   * marker further than this into the body is ignored and the notice goes to the body start.
   * Holding back also delays those bytes to the client, which is why the bound is small.
   *
   * A third hold: in a page without `<body>` whose body opens on a tag (not text), a later
   * `<frameset>` would still replace the whole body, notice included, and a browser would then
   * drop the frameset and show a blank page. So the page is held from where its body starts until
   * body content rules a frameset out (text, an image …) — then the notice goes in — or a frameset
   * comes — then the page passes unchanged. Past this bound the notice goes in.
   */
  maxLookAhead?: number;
}

/** Where an insertion went. */
export type InsertionPoint =
  /** Right after the `<body …>` start tag. */
  | 'body-tag'
  /** Where the parser opens the body of a page without `<body>`: the first text or non-head tag. */
  | 'implicit-body'
  /** In place of `<!-- geonotice -->`. */
  | 'marker-comment'
  /** Before the last `</body>` seen (see `maxLookAhead`). */
  | 'body-end-tag'
  /** Before the last `</html>`, in a page without `</body>`. */
  | 'html-end-tag'
  /** Before `<plaintext>`, in a page without `</body>`: everything after it is text. */
  | 'plaintext-tag'
  /** Appended at the end of a page that offered no later place (no `</body>`, or no body at all). */
  | 'end-of-document';

/** What happened to each insertion; `null` = not inserted. Final once `end()` has returned. */
export interface InjectionReport {
  bodyStart: InsertionPoint | null;
  /** `marker-comment`, or the body-start point it fell back to. */
  marker: InsertionPoint | null;
  bodyEnd: InsertionPoint | null;
  /** The page is a frameset document: it has no body, so nothing was inserted and the page passed unchanged. */
  frameset: boolean;
  /** A hold reached `maxLookAhead` and was committed early (see there). */
  lookAheadExceeded: boolean;
}

export interface HtmlInjector {
  /**
   * Scans the next chunk of the page and returns the bytes that may be sent now, in order
   * (possibly none, while a look-ahead is held). Returned buffers may share memory with the
   * chunk: do not modify a chunk after passing it in.
   */
  write(chunk: Uint8Array): Uint8Array[];
  /** Ends the page (with an optional last chunk) and returns everything still held. */
  end(chunk?: Uint8Array): Uint8Array[];
  readonly report: Readonly<InjectionReport>;
  /** Whether at least one insertion was placed. */
  readonly injected: boolean;
}

export const DEFAULT_MAX_LOOK_AHEAD = 64 * 1024;

/** How many of a chunk's first bytes are copied behind the bytes carried from the chunk before. */
const CARRY_JOIN = 256;

/**
 * Creates an injector for one page. Feed it the page's bytes with `write` and finish with `end`;
 * send what each call returns, in order.
 *
 * @example
 *   const injector = createHtmlInjector({ bodyStart: new TextEncoder().encode('<aside>…</aside>') });
 *   for (const chunk of page) for (const piece of injector.write(chunk)) res.write(piece);
 *   for (const piece of injector.end()) res.write(piece);
 */
export function createHtmlInjector(insertions: Insertions, options: InjectorOptions = {}): HtmlInjector {
  return new StreamingInjector(insertions, options.maxLookAhead ?? DEFAULT_MAX_LOOK_AHEAD);
}

/** A place in the output whose content is decided later. */
class Slot {
  content: Uint8Array | undefined;
  constructor(
    /** Offset in the page where the slot sits. */
    readonly at: number,
    readonly kind: 'body-start' | 'marker' | 'marker-comment' | 'body' | 'html' | 'plaintext',
    /** What the slot holds if the page must pass unchanged (a replaced marker comment's bytes). */
    readonly original: Uint8Array = EMPTY,
  ) {}
}

function nonEmpty(buffer: Uint8Array | undefined): Uint8Array | undefined {
  return buffer !== undefined && buffer.length > 0 ? buffer : undefined;
}

class StreamingInjector implements HtmlInjector {
  readonly report: InjectionReport = {
    bodyStart: null,
    marker: null,
    bodyEnd: null,
    frameset: false,
    lookAheadExceeded: false,
  };

  private readonly bodyStartMarkup: Uint8Array | undefined;
  private readonly bodyEndMarkup: Uint8Array | undefined;
  private readonly markerMarkup: Uint8Array | undefined;
  private readonly scanner: HtmlScanner;

  /** Bytes of a token cut by the previous chunk's end, scanned again with the next chunk. */
  private carry: Uint8Array | undefined;
  private current: Uint8Array = EMPTY;
  /** Page offset of `current[0]`. */
  private currentOffset = 0;
  /** How much of `current` has been passed on. */
  private emitted = 0;

  private output: Uint8Array[] = [];
  /** Pieces behind an undecided slot; `held[0]` is always a slot while it is non-empty. */
  private held: Array<Uint8Array | Slot> = [];
  /** The body-start slot while a `<frameset>` may still replace the body (see `maxLookAhead`). */
  private framesetGate: Slot | undefined;
  private gatePoint: InsertionPoint = 'implicit-body';
  private markerSlot: Slot | undefined;
  private markerFallback: InsertionPoint = 'body-tag';
  private endSlot: Slot | undefined;
  private bodyEndSettled = false;
  private bodyStarted = false;
  private ended = false;

  constructor(
    insertions: Insertions,
    private readonly maxLookAhead: number,
  ) {
    this.bodyStartMarkup = nonEmpty(insertions.bodyStart);
    this.bodyEndMarkup = nonEmpty(insertions.bodyEnd);
    this.markerMarkup = nonEmpty(insertions.marker);
    const events: ScanEvents = {
      bodyStart: (offset, kind) => this.onBodyStart(offset, kind),
      bodyEndCandidate: (offset, tag) => this.onBodyEndCandidate(offset, tag),
      markerComment: (start, end) => this.onMarker(start, end),
      frameset: (offset) => this.onFrameset(offset),
      framesetRuledOut: (offset) => {
        this.commitOverdue(this.currentOffset + offset);
        this.openGate(this.bodyStartMarkup);
      },
    };
    this.scanner = new HtmlScanner(events);
    this.scanner.lookForMarker = this.markerMarkup !== undefined;
  }

  get injected(): boolean {
    const { bodyStart, marker, bodyEnd } = this.report;
    return bodyStart !== null || marker !== null || bodyEnd !== null;
  }

  write(chunk: Uint8Array): Uint8Array[] {
    if (this.ended) throw new GeonoticeError(ErrorCodes.inject, 'HtmlInjector: write() after end()');
    this.scanChunk(chunk, false);
    return this.take();
  }

  end(chunk: Uint8Array = EMPTY): Uint8Array[] {
    if (this.ended) return [];
    this.ended = true;
    this.scanChunk(chunk, true);
    this.finishDocument();
    return this.take();
  }

  private scanChunk(chunk: Uint8Array, final: boolean): void {
    const carry = this.carry;
    if (carry === undefined) {
      this.scanBuffer(chunk, final);
    } else if (chunk.length <= CARRY_JOIN) {
      this.scanBuffer(concatBytes([carry, chunk]), final);
    } else {
      // The carried bytes are joined to the start of the chunk only, not to all of it: the token
      // they begin almost always ends there, and the rest of the chunk is scanned where it lies.
      const stop = this.scanBuffer(concatBytes([carry, chunk.subarray(0, CARRY_JOIN)]), false);
      if (stop < carry.length) {
        this.scanBuffer(concatBytes([this.carry!, chunk.subarray(CARRY_JOIN)]), final);
      } else {
        this.carry = undefined;
        this.scanBuffer(chunk.subarray(stop - carry.length), final);
      }
    }
  }

  /** Scans `buf` (the carried bytes and what follows them); returns how much of it was consumed. */
  private scanBuffer(buf: Uint8Array, final: boolean): number {
    if (this.nothingLeftToPlace()) {
      // Everything is placed (or cannot be): the rest of the page needs no scanning at all.
      if (buf.length > 0) this.push(buf);
      this.carry = undefined;
      this.currentOffset += buf.length;
      return buf.length;
    }
    this.current = buf;
    this.emitted = 0;
    const stop = this.scanner.scan(buf, final);
    this.emitUpTo(stop);
    // Copy the few carried bytes so that a held reference does not pin the whole chunk.
    this.carry = stop < buf.length ? Uint8Array.prototype.slice.call(buf, stop) : undefined;
    this.currentOffset += stop;
    this.current = EMPTY;
    this.emitted = 0;
    this.commitOverdue(this.currentOffset);
    return stop;
  }

  private nothingLeftToPlace(): boolean {
    if (this.report.frameset) return true;
    const waiting =
      this.framesetGate !== undefined || this.markerSlot !== undefined || this.bodyEndMarkup !== undefined;
    return !waiting && (this.bodyStarted || (this.bodyStartMarkup === undefined && this.markerMarkup === undefined));
  }

  // ---- scanner events ------------------------------------------------------------------------

  private onBodyStart(offset: number, kind: BodyStartKind): void {
    this.placeBodyStart(offset, kind);
    this.stopScanningIfDone();
  }

  /** Nothing left to wait for: tell the scanner to stop inside the current chunk as well. */
  private stopScanningIfDone(): void {
    if (this.nothingLeftToPlace()) this.scanner.stopRequested = true;
  }

  private placeBodyStart(offset: number, point: InsertionPoint): void {
    this.bodyStarted = true;
    this.emitUpTo(offset);
    const anything = this.bodyStartMarkup ?? this.markerMarkup ?? this.bodyEndMarkup;
    if (this.scanner.framesetPossible && anything !== undefined) {
      // Everything from here is held until the page shows whether a frameset replaces the body.
      this.framesetGate = this.openSlot(this.currentOffset + offset, 'body-start');
      this.gatePoint = point;
    } else if (this.bodyStartMarkup !== undefined) {
      this.push(this.bodyStartMarkup);
      this.report.bodyStart = point;
    }
    if (this.markerMarkup !== undefined) {
      // Wait (a bounded while) for the marker; if it does not come, the notice goes here.
      this.markerFallback = point;
      this.markerSlot = this.openSlot(this.currentOffset + offset, 'marker');
    }
  }

  private onMarker(start: number, end: number): void {
    this.commitOverdue(this.currentOffset + start);
    const slot = this.markerSlot;
    if (slot === undefined || this.markerMarkup === undefined) return;
    this.emitUpTo(start);
    // The comment itself is replaced (it comes back if a frameset turns up while held).
    const replaced = this.openSlot(this.currentOffset + start, 'marker-comment', this.current.subarray(start, end));
    this.emitted = end;
    this.report.marker = 'marker-comment';
    this.markerSlot = undefined;
    this.scanner.lookForMarker = false;
    this.resolve(replaced, this.markerMarkup);
    this.resolve(slot, EMPTY);
    this.stopScanningIfDone();
  }

  /** The body-start slot is decided: the page is not a frameset document. */
  private openGate(content: Uint8Array | undefined): void {
    const gate = this.framesetGate;
    if (gate === undefined) return;
    this.framesetGate = undefined;
    if (content !== undefined) this.report.bodyStart = this.gatePoint;
    this.resolve(gate, content ?? EMPTY);
    this.stopScanningIfDone();
  }

  /** A `<frameset>` replaces the body: whatever is held goes out as the page had it, with nothing inserted. */
  private onFrameset(offset: number): void {
    this.commitOverdue(this.currentOffset + offset);
    if (this.bodyStarted && this.framesetGate === undefined) return; // committed past the look-ahead
    this.report.frameset = true;
    this.report.bodyStart = null;
    this.report.marker = null;
    this.report.bodyEnd = null;
    this.framesetGate = undefined;
    this.markerSlot = undefined;
    this.endSlot = undefined;
    this.bodyEndSettled = true;
    for (const piece of this.held) if (piece instanceof Slot) piece.content = piece.original;
    this.flushHeld();
    this.scanner.stopRequested = true;
  }

  private onBodyEndCandidate(offset: number, tag: 'body' | 'html' | 'plaintext'): void {
    if (this.bodyEndMarkup === undefined || this.bodyEndSettled) return;
    this.commitOverdue(this.currentOffset + offset);
    if (this.bodyEndSettled) return;
    const previous = this.endSlot;
    // `</html>` and `<plaintext>` are only fallbacks for pages without `</body>`.
    if (previous !== undefined && previous.kind === 'body' && tag !== 'body') return;
    this.emitUpTo(offset);
    this.endSlot = this.openSlot(this.currentOffset + offset, tag);
    if (previous !== undefined) this.resolve(previous, EMPTY);
  }

  // ---- end of the page -------------------------------------------------------------------------

  private finishDocument(): void {
    if (this.report.frameset) return;
    this.openGate(this.bodyStartMarkup);
    // Whatever is appended goes after the text that closes what the page leaves open (a comment,
    // a script, an <svg>, a <template>, a table …); null when nothing can be appended unchanged.
    const closing = this.scanner.closingText;
    let closed = false;
    const close = (): void => {
      if (!closed && closing !== null && closing !== '') this.push(latin1Bytes(closing));
      closed = true;
    };
    if (!this.bodyStarted && closing !== null) {
      close();
      this.placeBodyStart(0, 'end-of-document');
    }
    if (this.markerSlot !== undefined) this.commit(this.markerSlot, false);
    if (this.endSlot !== undefined) this.commit(this.endSlot, false);
    else if (this.bodyEndMarkup !== undefined && !this.bodyEndSettled && this.bodyStarted && closing !== null) {
      close();
      this.push(this.bodyEndMarkup);
      this.report.bodyEnd = 'end-of-document';
    }
  }

  // ---- output ----------------------------------------------------------------------------------

  /**
   * Commits every slot that has waited more than `maxLookAhead` bytes by page offset `position`.
   * Deciding by page offsets (not by when chunks arrive) keeps the output independent of chunking.
   */
  private commitOverdue(position: number): void {
    const gate = this.framesetGate;
    if (gate !== undefined && position - gate.at > this.maxLookAhead) {
      this.report.lookAheadExceeded = true;
      this.scanner.ruleOutFrameset();
      this.openGate(this.bodyStartMarkup);
    }
    for (const slot of [this.markerSlot, this.endSlot]) {
      if (slot !== undefined && position - slot.at > this.maxLookAhead) this.commit(slot, true);
    }
  }

  private commit(slot: Slot, early: boolean): void {
    if (early) this.report.lookAheadExceeded = true;
    if (slot === this.markerSlot) {
      this.markerSlot = undefined;
      this.scanner.lookForMarker = false;
      this.report.marker = this.markerFallback;
      this.resolve(slot, this.markerMarkup ?? EMPTY);
    } else if (slot === this.endSlot) {
      this.endSlot = undefined;
      this.bodyEndSettled = true;
      this.report.bodyEnd =
        slot.kind === 'body' ? 'body-end-tag' : slot.kind === 'html' ? 'html-end-tag' : 'plaintext-tag';
      this.resolve(slot, this.bodyEndMarkup ?? EMPTY);
    }
  }

  private emitUpTo(offset: number): void {
    if (offset > this.emitted) {
      this.push(this.current.subarray(this.emitted, offset));
      this.emitted = offset;
    }
  }

  private push(piece: Uint8Array): void {
    if (this.held.length === 0) this.output.push(piece);
    else this.held.push(piece);
  }

  private openSlot(at: number, kind: Slot['kind'], original?: Uint8Array): Slot {
    const slot = new Slot(at, kind, original);
    this.held.push(slot);
    return slot;
  }

  private resolve(slot: Slot, content: Uint8Array): void {
    slot.content = content;
    this.flushHeld();
  }

  /** Passes on the held pieces up to the first slot still undecided. */
  private flushHeld(): void {
    let ready = 0;
    for (const piece of this.held) {
      if (piece instanceof Slot) {
        if (piece.content === undefined) break;
        if (piece.content.length > 0) this.output.push(piece.content);
      } else {
        this.output.push(piece);
      }
      ready++;
    }
    if (ready > 0) this.held.splice(0, ready);
  }

  private take(): Uint8Array[] {
    const out = this.output;
    this.output = [];
    return out;
  }
}
