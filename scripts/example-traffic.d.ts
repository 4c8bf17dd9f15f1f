/** The readers the cache tests and benchmarks send to the example site; see example-traffic.js. */
export interface ExampleVisitor {
  readonly name: string;
  readonly ip: string;
  readonly country: string;
  readonly region: string;
}
/** Moscow, Crimea, Kyiv, California, Berlin, in that order. */
export const VISITORS: readonly [ExampleVisitor, ExampleVisitor, ExampleVisitor, ExampleVisitor, ExampleVisitor];
export const LANGUAGES: readonly (string | undefined)[];
export const SHAREABLE_PAGES: readonly string[];
