import type { ServerResponse } from 'node:http';
import type { BodyStart } from '../../pipeline/response-kind';
import type { BodySink, BodyTransform } from './body-transform';
import { isNodeWrite, methodsOf, onResponseHeaders } from './response-methods';

/** What to do with a body, decided when the headers are written. */
export interface BodyPlan {
  /** The streaming transform, for a body written in pieces or one that must be decoded. */
  create(sink: BodySink): BodyTransform;
  /**
   * The whole body at once, when it is known up front (`res.send`, `res.end(body)`): the pieces to
   * send instead, or null to send it unchanged. Absent when the body can only be streamed.
   * Running at once keeps Content-Length exact.
   */
  whole?: (body: Buffer) => Uint8Array[] | null;
}

type WriteCallback = (error?: Error | null) => void;

const EMPTY = Buffer.alloc(0);

function byteLength(chunk: Chunk | undefined, encoding: BufferEncoding | undefined): number {
  if (chunk === undefined) return 0;
  return typeof chunk === 'string' ? Buffer.byteLength(chunk, encoding ?? 'utf8') : chunk.byteLength;
}
type Chunk = string | Buffer | Uint8Array;

function toBuffer(chunk: Chunk, encoding: BufferEncoding | undefined): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, encoding ?? 'utf8');
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** `write(chunk, [encoding], [callback])` and `end([chunk], [encoding], [callback])` in one shape. */
function normaliseArgs(args: unknown[]): { chunk?: Chunk; encoding?: BufferEncoding; callback?: WriteCallback } {
  const callback = typeof args[args.length - 1] === 'function' ? (args.pop() as WriteCallback) : undefined;
  const [chunk, encoding] = args as [Chunk | null | undefined, BufferEncoding | undefined];
  return { chunk: chunk ?? undefined, encoding, callback };
}

/**
 * Node gives `res.end(body)` before any header a Content-Length of its own. The hook writes the
 * headers a moment earlier (to decide on the body first), which would lose that and send the
 * unchanged body chunked, so the length is set here, where Node would have set it.
 */
function keepImplicitLength(res: ServerResponse, length: number): void {
  if (res.hasHeader('Content-Length') || res.hasHeader('Transfer-Encoding')) return;
  const status = res.statusCode;
  if (status < 200 || status === 204 || status === 304 || res.req?.method === 'HEAD') return;
  res.setHeader('Content-Length', length);
}

/**
 * The body while the headers are decided, as `atHeaders` sees it. It is held only until then (or
 * until it is handed to Node), so that a response that lives on does not keep the application's
 * body and its backing store with it: while responses outlived young-generation collections,
 * that external memory brought full collections on sooner. A class, so that `complete` is a
 * getter on its prototype: as a getter on an object literal, made anew for every response, it
 * was what kept every response's objects alive through young-generation collections
 * (docs/performance.md measures both).
 */
class HeldBody implements BodyStart {
  /** The body given to an `end()` that came before any header, kept as given: it is only turned into bytes when it is to be injected. */
  whole: { chunk: Chunk | undefined; encoding: BufferEncoding | undefined } | undefined;
  /** The first piece of a body written in pieces, when writing it makes the headers go out. */
  firstPiece: { chunk: Chunk; encoding: BufferEncoding | undefined } | undefined;
  private wholeBytes: Buffer | undefined;

  get complete(): boolean {
    return this.whole !== undefined;
  }

  bytes(): Uint8Array | undefined {
    if (this.whole !== undefined) return this.wholeBody();
    return this.firstPiece && toBuffer(this.firstPiece.chunk, this.firstPiece.encoding);
  }

  wholeBody(): Buffer {
    const whole = this.whole;
    return (this.wholeBytes ??= whole?.chunk === undefined ? EMPTY : toBuffer(whole.chunk, whole.encoding));
  }

  wholeLength(): number {
    return byteLength(this.whole?.chunk, this.whole?.encoding);
  }

  release(): void {
    this.whole = undefined;
    this.firstPiece = undefined;
    this.wholeBytes = undefined;
  }
}

/**
 * Takes over a response's body the way `compression` does: `atHeaders` runs once, at the moment
 * the headers are written (on-headers), may change them, and says whether the body is to be
 * transformed. `write`/`end` keep every signature, callback and return value (backpressure);
 * 'drain' listeners follow the body to wherever it buffers. When the application sends the whole
 * body in one `end()` before any header went out, the body is transformed at once and
 * Content-Length is set to the exact new length; otherwise it is removed (chunked encoding).
 * A transform that throws is reported and the rest of the body passes through unmodified.
 */
export function hookResponse(
  res: ServerResponse,
  atHeaders: (body: BodyStart) => BodyPlan | null,
  onError: (error: Error) => void,
): void {
  const methods = methodsOf(res);
  // The methods wrapped, loosely typed and called with `.call(res, …)`: only ever with the arguments they were given.
  const write = methods.write as (this: ServerResponse, ...args: unknown[]) => boolean;
  const end = methods.end as (this: ServerResponse, ...args: unknown[]) => ServerResponse;
  const writesToNode = isNodeWrite(methods.write);
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const on = res.on as (
    this: ServerResponse,
    type: string | symbol,
    listener: (...args: unknown[]) => void,
  ) => ServerResponse;

  let transform: BodyTransform | null = null;
  const held = new HeldBody();
  let oneShot: Uint8Array[] | undefined;
  let ended = false;

  const sink = (): BodySink => ({
    emit: (chunk) => write.call(res, chunk),
    onDrain: (listener) => void on.call(res, 'drain', listener),
    drained: () => void res.emit('drain'),
    onError,
    abort: () => void res.destroy(),
  });

  const fail = (error: unknown): void => {
    onError(error instanceof Error ? error : new Error(String(error)));
    transform = null;
  };

  onResponseHeaders(methods, () => {
    let plan: BodyPlan | null = null;
    try {
      plan = atHeaders(held);
    } catch (error) {
      fail(error);
    }
    if (plan === null) {
      if (held.complete) keepImplicitLength(res, held.wholeLength());
    } else if (held.complete && plan.whole !== undefined) {
      let pieces: Uint8Array[] | null = null;
      try {
        pieces = plan.whole(held.wholeBody());
      } catch (error) {
        fail(error);
      }
      if (pieces === null) {
        keepImplicitLength(res, held.wholeLength());
      } else {
        let length = 0;
        for (const piece of pieces) length += piece.length;
        oneShot = pieces;
        res.setHeader('Content-Length', length);
      }
    } else {
      res.removeHeader('Content-Length');
      transform = plan.create(sink());
    }
  });

  methods.write = function hookedWrite(this: ServerResponse, ...args: unknown[]): boolean {
    if (ended) return false;
    if (!this.headersSent) {
      const [chunk, encoding] = args as [Chunk | null | undefined, unknown];
      if (chunk !== undefined && chunk !== null)
        held.firstPiece = { chunk, encoding: typeof encoding === 'string' ? (encoding as BufferEncoding) : undefined };
      this.writeHead(this.statusCode);
      held.release();
    }
    const active = transform;
    if (active === null) return write.apply(this, args);
    const { chunk, encoding, callback } = normaliseArgs([...args]);
    let ok = true;
    try {
      if (chunk !== undefined) ok = active.write(toBuffer(chunk, encoding));
    } catch (error) {
      fail(error);
      return write.apply(this, args);
    }
    if (callback) process.nextTick(callback);
    return ok;
  } as ServerResponse['write'];

  /**
   * Sends the pieces of a one-shot body (slices of the application's buffer around the shared
   * notice markup). Straight to Node, they go with its own `write`: it corks the socket on the
   * first write and `end` sends them all in one writev, where joining them would copy the page
   * into a new backing store per response. Through another middleware's hook (compression's)
   * they are joined: every write there is a zlib call of its own, dearer than the copy.
   */
  function endWith(
    self: ServerResponse,
    pieces: readonly Uint8Array[],
    callback: WriteCallback | undefined,
  ): ServerResponse {
    if (pieces.length === 0) return end.call(self, callback);
    if (pieces.length === 1 || !writesToNode)
      return end.call(self, pieces.length === 1 ? pieces[0] : Buffer.concat(pieces), callback);
    const last = pieces.length - 1;
    for (let i = 0; i < last; i++) write.call(self, pieces[i]);
    return end.call(self, pieces[last], callback);
  }

  methods.end = function hookedEnd(this: ServerResponse, ...args: unknown[]): ServerResponse {
    if (ended) return this;
    ended = true;
    const { chunk, encoding, callback } = normaliseArgs([...args]);
    if (!this.headersSent) {
      held.whole = { chunk, encoding };
      this.writeHead(this.statusCode);
      held.release();
    }
    if (oneShot !== undefined) {
      const pieces = oneShot;
      oneShot = undefined;
      return endWith(this, pieces, callback);
    }
    const active = transform;
    if (active === null) return end.apply(this, args);
    try {
      active.end(chunk === undefined ? undefined : toBuffer(chunk, encoding), () => end.call(this, callback));
    } catch (error) {
      fail(error);
      end.call(this, callback);
    }
    return this;
  } as ServerResponse['end'];
}
