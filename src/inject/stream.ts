import { Transform, type TransformCallback } from 'node:stream';
import { createHtmlInjector, type HtmlInjector, type InjectionReport, type InjectorOptions, type Insertions } from './injector';

/** A Transform over an HTML byte stream that places `insertions`; `report` is final after 'end'. */
export class HtmlInjectionStream extends Transform {
  private readonly injector: HtmlInjector;

  constructor(insertions: Insertions, options: InjectorOptions = {}) {
    super();
    this.injector = createHtmlInjector(insertions, options);
  }

  get report(): Readonly<InjectionReport> {
    return this.injector.report;
  }

  override _transform(chunk: Buffer | string, encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
      for (const piece of this.injector.write(bytes)) this.push(piece);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      for (const piece of this.injector.end()) this.push(piece);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }
}

/** `page.pipe(createHtmlInjectionStream({ bodyStart })).pipe(res)` */
export function createHtmlInjectionStream(insertions: Insertions, options?: InjectorOptions): HtmlInjectionStream {
  return new HtmlInjectionStream(insertions, options);
}
