import type { DecidedNotice } from '../../core/types';
import { ErrorCodes, GeonoticeError } from '../../errors';
import {
  isBoolean,
  isFunction,
  readCacheOption,
  readEnabled,
  readOption,
  readPreviewSecret,
} from '../../util/option-reader';
import type { GeoLocation } from '../../geo/types';
import type { CacheOption } from '../../pipeline/cache-policy';
import type { DecisionRecord } from '../../pipeline/decision-record';
import { didYouMean } from '../../util/suggest';

/** Finds a request's location at the edge: Cloudflare's `request.cf` by default, or a CDN header. */
export type FetchGeoProvider = (request: Request) => GeoLocation | null | Promise<GeoLocation | null>;

export interface GeonoticeFetchOptions {
  /** The rules: the JSON `geonotice compile` writes (an edge has no file system), or a rule set. Required. */
  rules: unknown;
  /**
   * How a visitor is located: a provider, or a list tried in order until one knows.
   * @default cloudflareProvider() — `request.cf.country` and `regionCode`, which the platform sets
   */
  geo?: FetchGeoProvider | readonly FetchGeoProvider[];
  /** @default 'private' — the response to the browser is private; the cached object stays as it was */
  cache?: CacheOption;
  /** Custom markup for one notice; the returned HTML is injected as is, so escape what you interpolate. */
  render?: (notice: DecidedNotice) => string;
  /** Inline the small default stylesheet (where the page's Content-Security-Policy allows it). @default true */
  styles?: boolean;
  /** Link the styles from this path instead of inlining them (the site serves it, or `transform` answers it). @default none */
  stylesheet?: string;
  /** Set the `Geonotice: id1, id2` response header when notices apply. @default true */
  header?: boolean;
  /** A path answered with the visitor's decision as JSON, for client-side rendering. @default none */
  endpoint?: string;
  /** The kill switch: false (or a function returning false) keeps notices out of pages. @default true */
  enabled?: boolean | (() => boolean);
  /** Called once per response, when its body has been sent, with the decision and what it delivered. */
  onDecision?: (record: DecisionRecord) => void;
  /** Told about every internal failure; the response is then served unmodified. @default console.error */
  onError?: (error: GeonoticeError, request?: Request) => void;
  /** The clock, for tests. @default () => new Date() */
  now?: () => Date;
  /** Preview tokens from `geonotice preview-token` (header `Geonotice-Preview` or query `geonotice_preview`). @default off */
  preview?: { secret: string };
}

const optionKeys: { [K in keyof Required<GeonoticeFetchOptions>]: true } = {
  rules: true,
  geo: true,
  cache: true,
  render: true,
  styles: true,
  stylesheet: true,
  header: true,
  endpoint: true,
  enabled: true,
  onDecision: true,
  onError: true,
  now: true,
  preview: true,
};
const OPTION_KEYS = Object.keys(optionKeys);

function fail(message: string): never {
  throw new GeonoticeError(ErrorCodes.options, `geonoticeFetch: ${message}`);
}

/** The options after checking, every default filled in. */
export interface FetchConfig {
  geo: readonly FetchGeoProvider[] | null;
  varyHeaders: readonly string[] | null;
  render: ((notice: DecidedNotice) => string) | null;
  styles: boolean;
  stylesheet: string | null;
  header: boolean;
  endpoint: string | null;
  enabled: () => boolean;
  onDecision: ((record: DecisionRecord) => void) | null;
  onError: (error: GeonoticeError, request?: Request) => void;
  now: () => Date;
  previewSecret: string | null;
}

const isPath = (value: unknown): value is string =>
  typeof value === 'string' && value.startsWith('/') && !/[\s?#]/.test(value);

function optional<T>(
  options: GeonoticeFetchOptions,
  key: keyof GeonoticeFetchOptions,
  type: string,
  check: (value: unknown) => boolean,
): T | undefined {
  return readOption<T>(options, key, type, check, fail);
}

/** Checks the options once, when the handler is made: a typo fails there, never per request. */
export function resolveFetchConfig(options: unknown): FetchConfig {
  if (typeof options !== 'object' || options === null) fail('expected an options object such as { rules }');
  const given = options as GeonoticeFetchOptions;
  for (const key of Object.keys(given)) {
    if (!OPTION_KEYS.includes(key))
      fail(`unknown option "${key}"${didYouMean(key, OPTION_KEYS)}; known options: ${OPTION_KEYS.join(', ')}`);
  }
  if (given.rules === undefined || given.rules === null)
    fail('option "rules" is required: the JSON that "geonotice compile" writes, or a rule set');
  let geo: readonly FetchGeoProvider[] | null = null;
  if (given.geo !== undefined) {
    const list = Array.isArray(given.geo) ? given.geo : [given.geo];
    if (list.length === 0 || !list.every(isFunction))
      fail('option "geo" must be a provider function or a non-empty list of them');
    geo = list as readonly FetchGeoProvider[];
  }
  return {
    geo,
    varyHeaders: readCacheOption(given.cache, fail),
    render: optional(given, 'render', 'a function', isFunction) ?? null,
    styles: optional(given, 'styles', 'true or false', isBoolean) ?? true,
    stylesheet: optional<string>(given, 'stylesheet', 'a path starting with "/"', isPath) ?? null,
    header: optional(given, 'header', 'true or false', isBoolean) ?? true,
    endpoint: optional<string>(given, 'endpoint', 'a path starting with "/"', isPath) ?? null,
    enabled: readEnabled(given, fail),
    onDecision: optional(given, 'onDecision', 'a function', isFunction) ?? null,
    onError: optional(given, 'onError', 'a function', isFunction) ?? defaultOnError,
    now: optional(given, 'now', 'a function returning a Date', isFunction) ?? (() => new Date()),
    previewSecret: readPreviewSecret(given.preview, fail),
  };
}

function defaultOnError(error: Error): void {
  console.error(`geonotice: ${error.stack ?? error.message}`);
}
