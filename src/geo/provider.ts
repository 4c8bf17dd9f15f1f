import type { IncomingHttpHeaders } from 'node:http';
import type { GeoLocation, GeoProvider } from './types';

/** The request a `GeoProvider` receives (an `IncomingMessage`, with `ip` when Express set it). */
export type GeoRequest = Parameters<GeoProvider>[0];

/**
 * The part of a request the built-in providers read. Any `IncomingMessage` (Express's or plain
 * node:http's) fits, and so does a small object literal in a test or a script.
 */
export interface RequestLike {
  ip?: string | undefined;
  socket?: { remoteAddress?: string | undefined } | undefined;
  /** Lower-case names, as node:http gives them. */
  headers?: IncomingHttpHeaders | undefined;
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
export function providerName(provider: GeoProvider, index: number): string {
  return provider.name !== '' ? provider.name : `provider #${index + 1}`;
}
