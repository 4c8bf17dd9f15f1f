import { Transform, type TransformCallback } from 'node:stream';
import { createHtmlInjector, type HtmlInjector, type InjectionReport, type InjectorOptions, type Insertions } from './injector';

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

/** An InjectionTransform that places `insertions`; `report` is final after 'end'. */
export class HtmlInjectionStream extends InjectionTransform {
  private readonly html: HtmlInjector;

  constructor(insertions: Insertions, options: InjectorOptions = {}) {
    const injector = createHtmlInjector(insertions, options);
    super(injector);
    this.html = injector;
  }

  get report(): Readonly<InjectionReport> {
    return this.html.report;
  }
}

/** `page.pipe(createHtmlInjectionStream({ bodyStart })).pipe(res)` */
export function createHtmlInjectionStream(insertions: Insertions, options?: InjectorOptions): HtmlInjectionStream {
  return new HtmlInjectionStream(insertions, options);
}
