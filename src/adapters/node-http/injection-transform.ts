import { Transform, type TransformCallback } from 'node:stream';
import type { HtmlInjector } from '../../pipeline/html/injector';

/**
 * A Transform over an HTML byte stream, driving any injector with the `write`/`end` contract.
 * A throw inside the injector becomes a stream error rather than an uncaught exception, so a
 * pipeline ends through its error path.
 */
export class InjectionTransform extends Transform {
  constructor(private readonly injector: Pick<HtmlInjector, 'write' | 'end'>) {
    super();
  }

  override _transform(chunk: Buffer | string, encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
      for (const piece of this.injector.write(bytes)) this.push(piece);
      callback();
    } catch (error) {
      callback(error instanceof Error ? error : new Error(String(error)));
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      for (const piece of this.injector.end()) this.push(piece);
      callback();
    } catch (error) {
      callback(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
