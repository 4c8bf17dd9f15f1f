import type * as GeoipLite from 'geoip-lite';
import { ipv4ToNumber, parseClientAddress } from './ip';
import { locationOf } from './location';
import { geoipDataProvider } from './geoip-data-provider';
import type { SyncGeoProvider } from './provider';
import type { GeoLocation } from './types';

export { geoDataInfo, type GeoDataInfo } from './geoip-lite-data';

export interface GeoipLiteOptions {
  /**
   * Load geoip-lite's data (about 140 MiB of RSS, read synchronously, a few hundred ms) when the provider
   * is created rather than on the first lookup, so that no visitor's request pays for it.
   * Default: false.
   */
  preload?: boolean;
}

let geoip: typeof GeoipLite | undefined;

/**
 * geoip-lite reads all its data synchronously the moment it is required, so it is required on
 * first use only: importing geonotice (say, for `geonotice validate`) must not cost that.
 */
function loadGeoip(): typeof GeoipLite {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a deliberate lazy load, see above
  geoip ??= require('geoip-lite') as typeof GeoipLite;
  return geoip;
}

/**
 * The location geoip-lite's data gives an address: `{ country, region }` with the region as a full
 * ISO 3166-2 code (`UA` + `43` → `UA-43`), or the country alone when the data has no subdivision.
 * Null for anything that is not a public address (private, loopback, CGNAT, link-local …), for an
 * address the data does not cover, and for text that is no address at all.
 */
export function lookupIp(ip: string): GeoLocation | null {
  const client = parseClientAddress(ip);
  if (client === null || client.kind !== 'public') return null;
  // geoip-lite takes IPv4 as a number too, which spares it a second parse.
  const found = loadGeoip().lookup(client.family === 4 ? ipv4ToNumber(client.address) : client.address);
  return found === null ? null : locationOf(found.country, found.region === '' ? undefined : found.region);
}

/**
 * A provider that looks up the client address in geoip-lite's data. The address is `req.ip`, which
 * Express derives from its `trust proxy` setting, or the socket's peer address outside Express.
 * It never reads `X-Forwarded-For` itself: whether that header can be trusted is the site's
 * decision, made once in `trust proxy`.
 */
export function geoipLiteProvider(options: GeoipLiteOptions = {}): SyncGeoProvider {
  return geoipDataProvider(
    { factory: 'geoipLiteProvider', source: 'geoip-lite', subdivisions: true },
    options,
    loadGeoip,
    lookupIp,
  );
}
