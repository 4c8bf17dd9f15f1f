import type { GeoLocation } from './types';

const COUNTRY = /^[A-Z]{2}$/;
/** The subdivision part of an ISO 3166-2 code: one to three letters or digits. */
const SUBDIVISION = /^[A-Z0-9]{1,3}$/;

/**
 * Two-letter values that sources send for "no country": `XX` (Cloudflare and CloudFront for
 * unknown), `ZZ` (user-assigned "unknown" in common use), and the old MaxMind pseudo-countries
 * `A1` (anonymous proxy), `A2` (satellite), `O1` (other), `AP` and `EU` (continents, not
 * countries). Cloudflare's `T1` (Tor) is not two letters and fails the shape check anyway.
 */
const NOT_A_COUNTRY: ReadonlySet<string> = new Set(['XX', 'ZZ', 'A1', 'A2', 'O1', 'AP', 'EU']);

/** An upper-case ISO 3166-1 alpha-2 code from a source's text, or null when it names no country. */
export function countryCode(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const code = value.trim().toUpperCase();
  return COUNTRY.test(code) && !NOT_A_COUNTRY.has(code) ? code : null;
}

/**
 * The full ISO 3166-2 code for a country from a subdivision written either alone (`43`) or whole
 * (`UA-43`), case-insensitively; undefined when the value is absent, malformed, or names another
 * country's subdivision.
 */
export function subdivisionCode(country: string, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  let code = value.trim().toUpperCase();
  if (code.length > 3) {
    if (!code.startsWith(`${country}-`)) return undefined;
    code = code.slice(country.length + 1);
  }
  return SUBDIVISION.test(code) ? `${country}-${code}` : undefined;
}

/** A location from a country and an optional subdivision value; null when the country is not one. */
export function locationOf(countryValue: unknown, subdivisionValue?: unknown): GeoLocation | null {
  const country = countryCode(countryValue);
  if (country === null) return null;
  const region = subdivisionCode(country, subdivisionValue);
  return region === undefined ? { country } : { country, region };
}
