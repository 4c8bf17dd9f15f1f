import { iso31661, iso31661Reserved, iso31662 } from 'iso-3166';

/** Country and subdivision codes, checked against the ISO 3166 lists of the `iso-3166` package. */

const COUNTRY_NAMES: ReadonlyMap<string, string> = new Map(iso31661.map((entry) => [entry.alpha2, entry.name]));
const RESERVED_NAMES: ReadonlyMap<string, string> = new Map(iso31661Reserved.map((entry) => [entry.alpha2, entry.name]));
const SUBDIVISIONS: ReadonlySet<string> = new Set(iso31662.map((entry) => entry.code));
const SUBDIVISIONS_BY_COUNTRY: ReadonlyMap<string, readonly string[]> = groupByCountry(iso31662.map((entry) => entry.code));

/** Codes people write for a country that ISO spells differently. */
const COMMON_MISTAKES: Readonly<Record<string, string>> = { UK: 'GB', EL: 'GR' };

export const COUNTRY_CODE = /^[A-Z]{2}$/;
export const SUBDIVISION_CODE = /^[A-Z]{2}-[A-Z0-9]{1,3}$/;

export function isCountryCode(code: string): boolean {
  return COUNTRY_NAMES.has(code);
}

export function isSubdivisionCode(code: string): boolean {
  return SUBDIVISIONS.has(code);
}

/** Looks like a code (upper case), as opposed to a set name (lower case). */
export function isCodeShaped(entry: string): boolean {
  return COUNTRY_CODE.test(entry) || SUBDIVISION_CODE.test(entry);
}

export function countryOfSubdivision(code: string): string {
  return code.slice(0, 2);
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
