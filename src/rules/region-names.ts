import { iso31661, iso31662 } from 'iso-3166';
import { countryName } from './iso-codes';

/** Human names for the codes the rules use, from the same ISO 3166 lists the loader checks against, and Kosovo. */

const SUBDIVISION_NAMES: ReadonlyMap<string, string> = new Map(iso31662.map((entry) => [entry.code, entry.name]));
const ALPHA2_BY_NUMERIC: ReadonlyMap<string, string> = new Map(iso31661.map((entry) => [entry.numeric, entry.alpha2]));

/** `Russian Federation` for `RU`, `Sevastopol` for `UA-40`; the code itself when ISO has no name. */
export function regionName(code: string): string {
  return countryName(code) ?? SUBDIVISION_NAMES.get(code) ?? code;
}

/** ISO 3166-1 numeric (`643`, as Natural Earth numbers its country shapes) to alpha-2 (`RU`). */
export function alpha2OfNumeric(numeric: string): string | undefined {
  return ALPHA2_BY_NUMERIC.get(numeric.padStart(3, '0'));
}
