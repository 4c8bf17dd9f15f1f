import { countryCode, subdivisionCode } from './location';
import { markCacheKeys, nameProvider, type SyncGeoProvider } from './provider';
import type { GeoLocation } from './types';
import { ErrorCodes, GeonoticeError } from '../errors';

/**
 * A provider that places every request at one location (or nowhere, with null): for tests, for
 * previews, and for a site that serves a single country. The location is checked once here, so a
 * typo fails at start-up rather than quietly matching no rule.
 */
export function staticProvider(location: GeoLocation | null): SyncGeoProvider {
  const fixed = location === null ? null : checkedLocation(location);
  // The same answer for everyone: a cache needs no key to keep it apart.
  return markCacheKeys(
    nameProvider(() => (fixed === null ? null : { ...fixed }), 'static'),
    { headers: [], subdivisions: true },
  );
}

function checkedLocation(location: GeoLocation): Readonly<GeoLocation> {
  const country = countryCode(location?.country);
  if (country === null || country !== location.country) {
    throw new GeonoticeError(
      ErrorCodes.options,
      `staticProvider: "country" must be an upper-case ISO 3166-1 alpha-2 code such as 'UA', not ${JSON.stringify(location?.country)}`,
    );
  }
  if (location.region === undefined) return { country };
  const region = subdivisionCode(country, location.region);
  if (region === undefined || region !== location.region) {
    throw new GeonoticeError(
      ErrorCodes.options,
      `staticProvider: "region" must be a full ISO 3166-2 code of ${country} such as '${country}-43', not ${JSON.stringify(location.region)}`,
    );
  }
  return { country, region };
}
