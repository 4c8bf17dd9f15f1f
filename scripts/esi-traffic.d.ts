/** The ESI test's and benchmark's traffic; see esi-traffic.js. */
export interface EsiVisitor {
  readonly name: string;
  readonly ip: string;
  readonly country: string;
  readonly region: string;
}
/** Moscow, Crimea, Kyiv, California, Berlin, in that order. */
export const VISITORS: readonly [EsiVisitor, EsiVisitor, EsiVisitor, EsiVisitor, EsiVisitor];
export const LANGUAGES: readonly (string | undefined)[];
export const PAGES: readonly string[];
