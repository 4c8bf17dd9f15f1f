import { Transform, pipeline, type Duplex } from 'node:stream';
import zlib from 'node:zlib';
import { ErrorCodes, GeonoticeError } from '../../errors';
import { InjectionTransform } from './injection-transform';
import type { PageInjector } from '../../pipeline/charset-sniff';
import type { CompressedCoding } from '../../pipeline/content-coding';

/**
 * What a hooked response body goes through: chunks in, transformed bytes out to `emit` (the
 * response's own write). Two shapes: a synchronous one for plain bodies, the common case, which
 * costs no stream machinery; and a streaming one for compressed bodies, decoded and re-encoded.
 */
export interface BodyTransform {
  /** Returns false when the writer should wait for 'drain' before writing more. */
  write(chunk: Uint8Array): boolean;
  /** Ends the body; `done` runs once every byte has been emitted. */
  end(chunk: Uint8Array | undefined, done: () => void): void;
}

/** The response side: its original write, a way to wait for its socket to drain, and to announce our own drain. */
export interface BodySink {
  emit(chunk: Uint8Array): boolean;
  onDrain(listener: () => void): void;
  /**
   * Tells the application's writer (e.g. a piped stream waiting on the response's 'drain') that
   * the transform took in what it held back: the response emits 'drain'.
   */
  drained(): void;
  onError(error: Error): void;
  /** Gives the response up: the connection is closed without a clean end. */
  abort(): void;
}

/** A plain body: every chunk goes straight through the injector. */
export function plainTransform(injector: PageInjector, sink: BodySink): BodyTransform {
  const emitAll = (pieces: Uint8Array[]): boolean => {
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

function codecs(encoding: CompressedCoding): [Duplex, Duplex] {
  switch (encoding) {
    case 'gzip':
      return [zlib.createGunzip(), zlib.createGzip()];
    case 'deflate':
      return [zlib.createInflate(), zlib.createDeflate()];
    case 'br':
      return [
        zlib.createBrotliDecompress(),
        zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }),
      ];
  }
}

/** Compressed input kept until the first re-encoded byte goes out, so a body that does not decode can still be sent as it came. */
const MAX_RETAINED_INPUT = 1024 * 1024;

/** What a decoded body may cost before the response is given up: the cap on decompression bombs. */
export const DEFAULT_MAX_DECODED_BYTES = 128 * 1024 * 1024;

class DecodedSizeError extends Error {
  constructor(limit: number) {
    super(`the body decodes to more than ${limit} bytes (option maxDecodedBytes)`);
    this.name = 'DecodedSizeError';
  }
}

/** Passes decoded bytes on while they stay under the cap, then fails the pipeline. */
function decodedSizeLimit(limit: number): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      total += chunk.length;
      if (total > limit) callback(new DecodedSizeError(limit));
      else callback(null, chunk);
    },
  });
}

/**
 * A compressed body: decoded, injected and encoded again as a stream, with backpressure all the
 * way (a slow client pauses the encoder, which pauses the decoder, whose `write` then returns
 * false to the application). A body that does not decode is sent exactly as the application
 * wrote it when none of it has gone out yet; once re-encoded bytes have gone out, or past the
 * cap on decoded bytes, the response is aborted: a clean end would let a cache keep a truncated page.
 */
export function encodedTransform(
  injector: PageInjector,
  encoding: CompressedCoding,
  sink: BodySink,
  maxDecodedBytes = DEFAULT_MAX_DECODED_BYTES,
): BodyTransform {
  const [decoder, encoder] = codecs(encoding);
  // The injector runs inside the pipeline; a throw there ends the response through its error path.
  const inject = new InjectionTransform(injector);
  // The application's bytes as written, until the first encoded byte is emitted (null after).
  let retained: Uint8Array[] | null = [];
  let retainedBytes = 0;
  let state: 'decoding' | 'passing-through' | 'aborted' = 'decoding';
  // `done` runs once: after the last byte was emitted, when the application has ended the body.
  let finished: (() => void) | null = null;
  let settled = false;
  let drained = false;
  const settle = (): void => {
    if (settled || finished === null || !drained) return;
    settled = true;
    finished();
  };
  encoder.on('data', (chunk: Buffer) => {
    retained = null;
    if (!sink.emit(chunk)) encoder.pause();
  });
  encoder.once('end', () => {
    drained = true;
    settle();
  });
  sink.onDrain(() => encoder.resume());
  // The decoder's write() returns false when it is full; its 'drain' must reach the writer, which
  // listens on the response. (Extra 'drain' events are harmless: a writer just tries again.)
  decoder.on('drain', () => sink.drained());
  pipeline(decoder, decodedSizeLimit(maxDecodedBytes), inject, encoder, (error) => {
    if (!error) return;
    const original = retained;
    retained = null;
    if (original !== null && !(error instanceof DecodedSizeError)) {
      state = 'passing-through';
      sink.onError(
        new GeonoticeError(
          ErrorCodes.encoding,
          `geonotice: the body does not decode as ${encoding}: ${error.message}; sent as written, without notices`,
          { cause: error },
        ),
      );
      for (const chunk of original) sink.emit(chunk);
      drained = true;
      settle();
      return;
    }
    state = 'aborted';
    sink.onError(
      new GeonoticeError(ErrorCodes.encoding, `geonotice: ${error.message}; the response was aborted`, {
        cause: error,
      }),
    );
    sink.abort();
  });
  return {
    write: (chunk) => {
      if (state === 'passing-through') return sink.emit(chunk);
      if (state === 'aborted') return true;
      keep(chunk);
      return decoder.write(chunk);
    },
    end: (chunk, done) => {
      finished = done;
      if (state === 'passing-through') {
        if (chunk !== undefined && chunk.length > 0) sink.emit(chunk);
        settle();
      } else if (state === 'decoding') {
        if (chunk !== undefined) keep(chunk);
        if (chunk) decoder.end(chunk);
        else decoder.end();
      }
    },
  };

  function keep(chunk: Uint8Array): void {
    if (retained === null || chunk.length === 0) return;
    retainedBytes += chunk.length;
    if (retainedBytes > MAX_RETAINED_INPUT) retained = null;
    else retained.push(chunk);
  }
}
