import { pipeline, type Duplex } from 'node:stream';
import zlib from 'node:zlib';
import { InjectionTransform } from '../inject/stream';
import type { PageInjector } from './charset-sniff';

/**
 * What a hooked response body goes through: chunks in, transformed bytes out to `emit` (the
 * response's own write). Two shapes: a synchronous one for plain bodies, the common case, which
 * costs no stream machinery; and a streaming one for compressed bodies, decoded and re-encoded.
 */
export interface BodyTransform {
  /** Returns false when the writer should wait for 'drain' before writing more. */
  write(chunk: Buffer): boolean;
  /** Ends the body; `done` runs once every byte has been emitted. */
  end(chunk: Buffer | undefined, done: () => void): void;
}

/** The response side: its original write, a way to wait for its socket to drain, and to announce our own drain. */
export interface BodySink {
  emit(chunk: Buffer): boolean;
  onDrain(listener: () => void): void;
  /**
   * Tells the application's writer (e.g. a piped stream waiting on the response's 'drain') that
   * the transform took in what it held back: the response emits 'drain'.
   */
  drained(): void;
  onError(error: Error): void;
}

/** A plain body: every chunk goes straight through the injector. */
export function plainTransform(injector: PageInjector, sink: BodySink): BodyTransform {
  const emitAll = (pieces: Buffer[]): boolean => {
    let ok = true;
    for (const piece of pieces) if (piece.length > 0) ok = sink.emit(piece) && ok;
    return ok;
  };
  return {
    write: (chunk) => emitAll(injector.write(chunk)),
    end: (chunk, done) => {
      emitAll(injector.end(chunk));
      done();
    },
  };
}

/** Content codings geonotice can decode and encode again. */
export type SupportedEncoding = 'gzip' | 'x-gzip' | 'deflate' | 'br';

export function isSupportedEncoding(value: string): value is SupportedEncoding {
  return value === 'gzip' || value === 'x-gzip' || value === 'deflate' || value === 'br';
}

function codecs(encoding: SupportedEncoding): [Duplex, Duplex] {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return [zlib.createGunzip(), zlib.createGzip()];
    case 'deflate':
      return [zlib.createInflate(), zlib.createDeflate()];
    case 'br':
      return [zlib.createBrotliDecompress(), zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } })];
  }
}

/**
 * A compressed body: decoded, injected and encoded again as a stream, with backpressure all the
 * way (a slow client pauses the encoder, which pauses the decoder, whose `write` then returns
 * false to the application).
 */
export function encodedTransform(injector: PageInjector, encoding: SupportedEncoding, sink: BodySink): BodyTransform {
  const [decoder, encoder] = codecs(encoding);
  // The injector runs inside the pipeline; a throw there ends the response through its error path.
  const inject = new InjectionTransform(injector);
  // `done` runs once: after the encoder's last byte was emitted, or at once after a failure
  // (a corrupt upstream body), when nothing more can be sent.
  let finished: (() => void) | null = null;
  let settled = false;
  const settle = (): void => {
    if (settled || finished === null) return;
    settled = true;
    finished();
  };
  let failed = false;
  encoder.on('data', (chunk: Buffer) => {
    if (!sink.emit(chunk)) encoder.pause();
  });
  encoder.once('end', settle);
  sink.onDrain(() => encoder.resume());
  // The decoder's write() returns false when it is full; its 'drain' must reach the writer, which
  // listens on the response. (Extra 'drain' events are harmless: a writer just tries again.)
  decoder.on('drain', () => sink.drained());
  pipeline(decoder, inject, encoder, (error) => {
    if (!error) return;
    failed = true;
    sink.onError(error);
    settle();
  });
  return {
    write: (chunk) => (failed ? true : decoder.write(chunk)),
    end: (chunk, done) => {
      finished = done;
      if (failed) settle();
      else if (chunk) decoder.end(chunk);
      else decoder.end();
    },
  };
}
