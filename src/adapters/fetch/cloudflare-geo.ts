import { locationOf } from '../../geo/location';
import { nameProvider, withTraits } from '../../geo/provider';
import type { GeoLocation } from '../../geo/types';

/** The part of Cloudflare's `request.cf` that locates a visitor. */
export interface CloudflareLocation {
  /** ISO 3166-1 alpha-2; `XX` unknown, `T1` Tor. */
  country?: string;
  /** The ISO 3166-2 subdivision without its country (`43` for `UA-43`). */
  regionCode?: string;
  /** The AS number of the visitor's network. */
  asn?: number;
}

/** A request that may carry Cloudflare's `cf` object (set by the platform, so a client cannot forge it). */
export type RequestWithCf = Request & { cf?: CloudflareLocation };

/** The `cf` object of a request, when the platform set one. */
export function cloudflarePropertiesOf(request: Request): CloudflareLocation | undefined {
  const cf = (request as RequestWithCf).cf;
  return typeof cf === 'object' && cf !== null ? cf : undefined;
}

/**
 * Locates a visitor from Cloudflare's `request.cf` (`country`, `regionCode`): the default source
 * of `geonotice/fetch`. Unknown (`XX`, `T1`, absent) is null, as with the other providers.
 */
export function cloudflareProvider(): (request: Request) => GeoLocation | null {
  const provider = nameProvider((request: Request) => {
    const cf = cloudflarePropertiesOf(request);
    return cf === undefined ? null : locationOf(cf.country, cf.regionCode);
  }, 'cloudflare');
  return withTraits(provider, { subdivisions: true });
}
