import { iso31661, iso31661Reserved, iso31662 } from 'iso-3166';
import { COUNTRY_CODE, countryOfSubdivision } from './region-codes';

/** Country and subdivision codes, checked against the ISO 3166 lists of the `iso-3166` package. */

/**
 * Kosovo's `XK` is user-assigned, not in ISO 3166-1, but MaxMind, Cloudflare and the CLDR locate
 * visitors there with it: the one code outside the standard that rules may use.
 */
const OUTSIDE_ISO: ReadonlyMap<string, string> = new Map([['XK', 'Kosovo']]);

const COUNTRY_NAMES: ReadonlyMap<string, string> = new Map([...iso31661.map((entry) => [entry.alpha2, entry.name] as const), ...OUTSIDE_ISO]);
const RESERVED_NAMES: ReadonlyMap<string, string> = new Map(iso31661Reserved.map((entry) => [entry.alpha2, entry.name]));
const SUBDIVISIONS: ReadonlySet<string> = new Set(iso31662.map((entry) => entry.code));
/** Second-level subdivisions (`FR-75C` inside `FR-IDF`): no geo source locates visitors at that level. */
const SECOND_LEVEL: ReadonlyMap<string, string> = new Map(iso31662.filter((entry) => entry.parent.includes('-')).map((entry) => [entry.code, entry.parent]));
const SUBDIVISIONS_BY_COUNTRY: ReadonlyMap<string, readonly string[]> = groupByCountry(iso31662.map((entry) => entry.code));

/** Codes people write for a country that ISO spells differently. */
const COMMON_MISTAKES: Readonly<Record<string, string>> = { UK: 'GB', EL: 'GR' };

/** A country's name (`Ukraine`, `Kosovo`); undefined for a code that is not a country. */
export function countryName(code: string): string | undefined {
  return COUNTRY_NAMES.get(code);
}

export function isCountryCode(code: string): boolean {
  return COUNTRY_NAMES.has(code);
}

export function isSubdivisionCode(code: string): boolean {
  return SUBDIVISIONS.has(code);
}

/** The first-level subdivision a second-level one lies in (`FR-IDF` for `FR-75C`); undefined for any other code. */
export function parentSubdivision(code: string): string | undefined {
  return SECOND_LEVEL.get(code);
}

/** Why `code` is not a known country code, or null when it is one. */
export function countryCodeProblem(code: string): string | null {
  if (isCountryCode(code)) return null;
  const replacement = COMMON_MISTAKES[code];
  if (replacement) return `"${code}" is not an ISO 3166-1 country code (did you mean ${replacement}, ${COUNTRY_NAMES.get(replacement)}?)`;
  if (code === 'EU') return '"EU" is not a country code; use the built-in region set "eu" for the European Union';
  const reserved = RESERVED_NAMES.get(code);
  if (reserved) return `"${code}" is a reserved ISO 3166-1 code (${reserved}), not a country that visitors are located in`;
  return `unknown country code "${code}": it is not in ISO 3166-1`;
}

/** Why `code` is not a known subdivision code, or null when it is one. */
export function subdivisionCodeProblem(code: string): string | null {
  if (isSubdivisionCode(code)) return null;
  const country = countryOfSubdivision(code);
  const countryProblem = countryCodeProblem(country);
  if (countryProblem) {
    const replacement = COMMON_MISTAKES[country];
    const fix = replacement && isSubdivisionCode(`${replacement}${code.slice(2)}`) ? ` (did you mean ${replacement}${code.slice(2)}?)` : '';
    return `unknown subdivision code "${code}": "${country}" is not an ISO 3166-1 country code${fix}`;
  }
  const known = SUBDIVISIONS_BY_COUNTRY.get(country) ?? [];
  if (known.length === 0) return `unknown subdivision code "${code}": ISO 3166-2 lists no subdivisions for ${COUNTRY_NAMES.get(country)}; use ${country}`;
  // No nearest-code guess: one digit away from UA-99 is UA-09, a different region entirely.
  const range = `its codes run from ${known[0]} to ${known[known.length - 1]}`;
  return `unknown subdivision code "${code}": ${COUNTRY_NAMES.get(country)} has no such ISO 3166-2 subdivision (${range})`;
}

/** Why an upper-case entry is not a valid code, whichever kind it is, or null. */
export function regionCodeProblem(code: string): string | null {
  return COUNTRY_CODE.test(code) ? countryCodeProblem(code) : subdivisionCodeProblem(code);
}

/** A valid code that a lower-case or mixed-case word stands for, e.g. `ru` → `RU`. */
export function codeForWord(word: string): string | undefined {
  const upper = word.toUpperCase();
  return isCountryCode(upper) || isSubdivisionCode(upper) ? upper : undefined;
}

function groupByCountry(codes: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const code of [...codes].sort()) {
    const country = countryOfSubdivision(code);
    const group = groups.get(country);
    if (group) group.push(code);
    else groups.set(country, [code]);
  }
  return groups;
}
