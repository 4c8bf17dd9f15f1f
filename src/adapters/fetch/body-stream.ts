import type { PageInjector } from '../../pipeline/charset-sniff';
import { looksEncoded, type ContentCoding } from '../../pipeline/content-coding';

/** A body's first chunk, and the whole body again as a stream (the first chunk included). */
export interface PeekedBody {
  first: Uint8Array | undefined;
  /** The body ended with (or before) the first chunk. */
  complete: boolean;
  body: ReadableStream<Uint8Array>;
}

/** Reads the first chunk of a body without losing it: what the pipeline decides from. */
export async function peekBody(body: ReadableStream<Uint8Array>): Promise<PeekedBody> {
  const reader = body.getReader();
  const { value, done } = await reader.read();
  if (done) {
    reader.releaseLock();
    return {
      first: undefined,
      complete: true,
      body: new ReadableStream({ start: (controller) => controller.close() }),
    };
  }
  let pending: Uint8Array | undefined = value;
  const rest = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (pending !== undefined) {
        controller.enqueue(pending);
        pending = undefined;
        return;
      }
      const next = await reader.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return { first: value, complete: false, body: rest };
}

/**
 * The injector as a TransformStream. The markup it inserts is shared between responses, so those
 * pieces are copied before they are handed on: a runtime may take over (detach) what it is given.
 */
export function injectionStream(injector: PageInjector, onEnd: () => void): TransformStream<Uint8Array, Uint8Array> {
  const pass = (
    pieces: Uint8Array[],
    chunk: Uint8Array | undefined,
    controller: TransformStreamDefaultController<Uint8Array>,
  ): void => {
    for (const piece of pieces) {
      if (piece.length === 0) continue;
      controller.enqueue(chunk !== undefined && piece.buffer === chunk.buffer ? piece : piece.slice());
    }
  };
  return new TransformStream<Uint8Array, Uint8Array>({
    transform: (chunk, controller) => pass(injector.write(chunk), chunk, controller),
    flush: (controller) => {
      pass(injector.end(), undefined, controller);
      onEnd();
    },
  });
}

/** The formats DecompressionStream and CompressionStream know among HTTP's content codings. */
const STREAM_FORMATS: Partial<Record<ContentCoding, 'gzip' | 'deflate'>> = { gzip: 'gzip', deflate: 'deflate' };

/**
 * The body with the notices in it. Runtimes decode what `fetch()` returns but keep the
 * Content-Encoding header: such a body is injected as it is, and the runtime encodes the result
 * on its way out. Bytes that really are gzip or deflate are decoded, injected and encoded again
 * (never decoded twice); brotli bytes, which no stream here can decode, pass through unchanged.
 */
export function injectedBody(
  peeked: PeekedBody,
  coding: ContentCoding,
  injector: () => PageInjector,
  onEnd: () => void,
): { body: ReadableStream<Uint8Array>; injected: boolean } {
  const start = peeked.first ?? new Uint8Array(0);
  if (coding === 'identity' || !looksEncoded(coding, start))
    return { body: peeked.body.pipeThrough(injectionStream(injector(), onEnd)), injected: true };
  const format = STREAM_FORMATS[coding];
  if (format === undefined) return { body: peeked.body, injected: false };
  const body = peeked.body
    .pipeThrough(new DecompressionStream(format))
    .pipeThrough(injectionStream(injector(), onEnd))
    .pipeThrough(new CompressionStream(format));
  return { body, injected: true };
}
