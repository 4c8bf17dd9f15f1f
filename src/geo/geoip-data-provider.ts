import { geoipLiteSource } from './geoip-lite-data';
import {
  checkOptionKeys,
  clientAddress,
  nameProvider,
  withTraits,
  type RequestLike,
  type SyncGeoProvider,
} from './provider';
import type { GeoLocation } from './types';
import { ErrorCodes, GeonoticeError } from '../errors';

/** Checks `{ preload }` for a provider that takes nothing else. */
function checkPreloadOption(factory: string, options: { preload?: boolean }): void {
  checkOptionKeys(factory, options, ['preload'], 'options must be an object, e.g. { preload: true }');
  if (options.preload !== undefined && typeof options.preload !== 'boolean') {
    throw new GeonoticeError(
      ErrorCodes.options,
      `${factory}: option "preload" must be true or false, not ${JSON.stringify(options.preload)}`,
    );
  }
}

/**
 * The shape of both geoip providers: options checked, the data loaded now when `preload` is set,
 * and per request the client address (never `X-Forwarded-For`) looked up with `lookup`.
 */
export function geoipDataProvider(
  names: { factory: string; source: string; subdivisions: boolean },
  options: { preload?: boolean },
  load: () => void,
  lookup: (ip: string) => GeoLocation | null,
): SyncGeoProvider {
  checkPreloadOption(names.factory, options);
  if (options.preload === true) load();
  const provider = nameProvider((req: RequestLike) => {
    const ip = clientAddress(req);
    return ip === undefined ? null : lookup(ip);
  }, names.source);
  return withTraits(markReadsGeoipData(provider), { subdivisions: names.subdivisions, data: geoipLiteSource });
}

/** The built-in providers that read geoip-lite's data files, whose age the middleware warns about. */
const READS_GEOIP_DATA = new WeakSet<object>();

/** Marks a provider as reading geoip-lite's data (city or country files). */
function markReadsGeoipData<T extends object>(provider: T): T {
  READS_GEOIP_DATA.add(provider);
  return provider;
}

/** Whether a provider reads geoip-lite's data, so that the data's age matters to the site. */
export function readsGeoipData(provider: unknown): boolean {
  return typeof provider === 'function' && READS_GEOIP_DATA.has(provider);
}
