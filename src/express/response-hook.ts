import type { ServerResponse } from 'node:http';
import onHeaders from 'on-headers';
import type { BodySink, BodyTransform } from './body-transform';

/** What to do with a body, decided when the headers are written. */
export interface BodyPlan {
  create(sink: BodySink): BodyTransform;
  /** A synchronous transform: when the whole body is known up front, it runs at once and Content-Length stays exact. */
  sync: boolean;
}

type WriteCallback = (error?: Error | null) => void;
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
 * Takes over a response's body the way `compression` does: `atHeaders` runs once, at the moment
 * the headers are written (on-headers), may change them, and says whether the body is to be
 * transformed. `write`/`end` keep every signature, callback and return value (backpressure);
 * 'drain' listeners follow the body to wherever it buffers. When the application sends the whole
 * body in one `end()` before any header went out, the body is transformed at once and
 * Content-Length is set to the exact new length; otherwise it is removed (chunked encoding).
 * A transform that throws is reported and the rest of the body passes through unmodified.
 */
export function hookResponse(res: ServerResponse, atHeaders: () => BodyPlan | null, onError: (error: Error) => void): void {
  // The originals, loosely typed: they are only ever called with the arguments they were given.
  const write = res.write as (this: ServerResponse, ...args: unknown[]) => boolean;
  const end = res.end as (this: ServerResponse, ...args: unknown[]) => ServerResponse;
  const on = res.on as (this: ServerResponse, type: string | symbol, listener: (...args: unknown[]) => void) => ServerResponse;

  let transform: BodyTransform | null = null;
  let decided = false;
  let wholeBody: Buffer | undefined;
  let oneShot: Buffer | undefined;
  let ended = false;
  const pendingDrainListeners: ((...args: unknown[]) => void)[] = [];

  const sink: BodySink = {
    emit: (chunk) => write.call(res, chunk),
    onDrain: (listener) => void on.call(res, 'drain', listener),
    onError,
  };

  const fail = (error: unknown): void => {
    onError(error instanceof Error ? error : new Error(String(error)));
    transform = null;
  };

  onHeaders(res, () => {
    decided = true;
    let plan: BodyPlan | null = null;
    try {
      plan = atHeaders();
    } catch (error) {
      fail(error);
    }
    if (plan === null) {
      if (wholeBody !== undefined) keepImplicitLength(res, wholeBody.length);
    } else {
      if (wholeBody !== undefined && plan.sync) {
        const collected: Buffer[] = [];
        try {
          plan
            .create({ emit: (chunk) => collected.push(chunk) > 0, onDrain: () => undefined, onError })
            .end(wholeBody, () => undefined);
          oneShot = Buffer.concat(collected);
          res.setHeader('Content-Length', oneShot.length);
        } catch (error) {
          fail(error);
          keepImplicitLength(res, wholeBody.length);
        }
      } else {
        res.removeHeader('Content-Length');
        transform = plan.create(sink);
      }
    }
    const source = transform?.drainSource ?? null;
    for (const listener of pendingDrainListeners.splice(0)) {
      if (source) source.on('drain', listener);
      else on.call(res, 'drain', listener);
    }
  });

  function onDrainAware(this: ServerResponse, type: string | symbol, listener: (...args: unknown[]) => void): ServerResponse {
    if (type !== 'drain') return on.call(this, type, listener);
    if (!decided) pendingDrainListeners.push(listener);
    else if (transform?.drainSource) transform.drainSource.on('drain', listener);
    else on.call(this, type, listener);
    return this;
  }
  res.on = onDrainAware as ServerResponse['on'];
  res.addListener = onDrainAware as ServerResponse['addListener'];

  res.write = function hookedWrite(this: ServerResponse, ...args: unknown[]): boolean {
    if (ended) return false;
    if (!this.headersSent) this.writeHead(this.statusCode);
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

  res.end = function hookedEnd(this: ServerResponse, ...args: unknown[]): ServerResponse {
    if (ended) return this;
    ended = true;
    const { chunk, encoding, callback } = normaliseArgs([...args]);
    if (!this.headersSent) {
      wholeBody = chunk === undefined ? Buffer.alloc(0) : toBuffer(chunk, encoding);
      this.writeHead(this.statusCode);
    }
    if (oneShot !== undefined) return end.call(this, oneShot, callback);
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
