import type { IncomingHttpHeaders } from 'node:http';
import type { GeoLocation, GeoProvider } from './types';
import { ErrorCodes, GeonoticeError } from '../errors';

/** The request a `GeoProvider` receives (an `IncomingMessage`, with `ip` when Express set it). */
export type GeoRequest = Parameters<GeoProvider>[0];

/**
 * The part of a request the built-in providers read. Any `IncomingMessage` (Express's or plain
 * node:http's) fits, and so does a small object literal in a test or a script.
 */
export interface RequestLike {
  ip?: string | undefined;
  socket?: { remoteAddress?: string | undefined } | undefined;
  /** Lower-case names, as node:http gives them, or the Fetch API's Headers. */
  headers?: IncomingHttpHeaders | { get(name: string): string | null } | undefined;
}

/**
 * The client address a provider that works from addresses should locate: `req.ip`, which Express
 * derives from its `trust proxy` setting, else the socket's peer (outside Express). Never
 * `X-Forwarded-For`: whether that header can be trusted is the site's decision, made once in
 * `trust proxy`.
 */
export function clientAddress(req: RequestLike): string | undefined {
  const ip = req?.ip;
  if (typeof ip === 'string' && ip !== '') return ip;
  const peer = req?.socket?.remoteAddress;
  return typeof peer === 'string' ? peer : undefined;
}

/** A built-in provider: synchronous, and usable wherever a `GeoProvider` is expected. */
export type SyncGeoProvider = (req: RequestLike) => GeoLocation | null;

/**
 * Gives a provider the name that `locate` reports as the source of an answer (`geoip-lite`,
 * `cdn-header:cf-ipcountry`). A function's `name` is the natural place: a site's own provider
 * gets a meaningful one for free (`function fromSession(req)` is reported as `fromSession`).
 */
export function nameProvider<T extends (...args: never[]) => unknown>(provider: T, name: string): T {
  Object.defineProperty(provider, 'name', { value: name, configurable: true });
  return provider;
}

/** The name `locate` reports for the provider at `index` of a chain. */
export function providerName(provider: { readonly name: string }, index: number): string {
  return provider.name !== '' ? provider.name : `provider #${index + 1}`;
}

/**
 * Checks an options object the way every built-in provider does: an object, no unknown keys.
 * `notAnObject` is the message for anything else, so each provider can show its own example.
 */
export function checkOptionKeys(
  factory: string,
  options: unknown,
  known: readonly string[],
  notAnObject: string,
): void {
  if (typeof options !== 'object' || options === null)
    throw new GeonoticeError(ErrorCodes.options, `${factory}: ${notAnObject}`);
  for (const key of Object.keys(options)) {
    if (!known.includes(key))
      throw new GeonoticeError(ErrorCodes.options, `${factory}: unknown option "${key}" (known: ${known.join(', ')})`);
  }
}

/**
 * What a shared cache can key a provider's answer on: the request headers it reads, and whether
 * they tell subdivisions apart. Only providers that answer from request headers alone (or answer
 * the same for everyone) have keys; an answer from the client address has none.
 */
export interface CacheKeys {
  /** Request header names, lower case. */
  headers: readonly string[];
  /** Whether the answer can name a subdivision (`UA-43`), not only a country. */
  subdivisions: boolean;
}

/** A fact recorded about the providers geonotice builds, kept beside them rather than on them. */
function providerFacts<Fact>(): {
  mark: <T extends object>(provider: T, fact: Fact) => T;
  of: (provider: unknown) => Fact | undefined;
} {
  const facts = new WeakMap<object, Fact>();
  return {
    mark: (provider, fact) => {
      facts.set(provider, fact);
      return provider;
    },
    of: (provider) => (typeof provider === 'function' ? facts.get(provider) : undefined),
  };
}

const cacheKeys = providerFacts<CacheKeys>();

/** Records the cache keys of a built-in provider. */
export const markCacheKeys = cacheKeys.mark;

/** The cache keys of a provider; undefined when its answer depends on something a cache cannot see. */
export const cacheKeysOf = cacheKeys.of;

/** Where a provider's data comes from, for explanations, audits and age warnings. */
export interface GeoDataSource {
  /** What the data is, e.g. `geoip-lite 1.4.10 (MaxMind GeoLite2)` or `GeoLite2-City`. */
  name: string;
  /** `YYYY-MM-DD`: when the data was built. */
  builtAt: string;
  /** MaxMind's GeoLite2 licence asks users to stop using a copy once a newer one is out. */
  maxmindLicence: boolean;
}

/** Whole days from a data build date (`YYYY-MM-DD`) to `now`. */
export function dataAgeDays(builtAt: string, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(`${builtAt}T00:00:00Z`)) / 86_400_000);
}

/**
 * What the middleware and the CLI may know of a provider without asking it about a request:
 * whether it can ever give a subdivision, and its data. A site's own function has none.
 */
export interface ProviderTraits {
  /** Whether the provider can ever give a subdivision (`UA-43`), or only countries. */
  subdivisions: boolean;
  /** The provider's data, read when asked (it may stat files). */
  data?: () => GeoDataSource;
}

const traits = providerFacts<ProviderTraits>();

/** Records what a built-in provider can give. */
export const withTraits = traits.mark;

/** A provider's traits; undefined for one geonotice did not build. */
export const traitsOf = traits.of;
