import {
  createHtmlInjector,
  type InjectionReport,
  type InjectorOptions,
  type Insertions,
} from '../../../src/pipeline/html/injector';

/** Short visible tokens make expected outputs readable: `<body>[S]x[E]</body>`. */
export const TOKENS = { bodyStart: '[S]', bodyEnd: '[E]', marker: '[M]' } as const;

export const TOKEN_INSERTIONS: Insertions = {
  bodyStart: Buffer.from(TOKENS.bodyStart),
  bodyEnd: Buffer.from(TOKENS.bodyEnd),
  marker: Buffer.from(TOKENS.marker),
};

export interface InjectionRun {
  output: Buffer;
  report: InjectionReport;
  /** How many output pieces each write returned (to see holding). */
  piecesPerWrite: number[];
}

/** Feeds `chunks` through a fresh injector and joins what comes out. */
export function injectChunks(
  chunks: readonly Buffer[],
  insertions: Insertions,
  options?: InjectorOptions,
): InjectionRun {
  const injector = createHtmlInjector(insertions, options);
  const pieces: Uint8Array[] = [];
  const piecesPerWrite: number[] = [];
  for (const chunk of chunks) {
    const out = injector.write(chunk);
    piecesPerWrite.push(out.length);
    pieces.push(...out);
  }
  pieces.push(...injector.end());
  return { output: Buffer.concat(pieces), report: { ...injector.report }, piecesPerWrite };
}

export function injectOnce(page: Buffer | string, insertions: Insertions, options?: InjectorOptions): InjectionRun {
  return injectChunks([typeof page === 'string' ? Buffer.from(page) : page], insertions, options);
}

/** Splits `bytes` at the given offsets (sorted, deduplicated, clamped). */
export function splitAt(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.map((cut) => Math.max(0, Math.min(bytes.length, cut))))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const point of points) {
    chunks.push(bytes.subarray(from, point));
    from = point;
  }
  chunks.push(bytes.subarray(from));
  return chunks;
}

/** Removes the tokens: what the page looked like before injection. */
export function withoutTokens(expected: string): string {
  return expected.split(TOKENS.bodyStart).join('').split(TOKENS.bodyEnd).join('').split(TOKENS.marker).join('');
}
