import { locationOf } from './location';
import { checkOptionKeys, markCacheKeys, nameProvider, type RequestLike, type SyncGeoProvider } from './provider';
import { ErrorCodes, GeonoticeError } from '../errors';

export interface CdnHeaderOptions {
  /**
   * The request header that carries the visitor's country, any case: `CF-IPCountry` (Cloudflare),
   * `CloudFront-Viewer-Country` (Amazon CloudFront), `X-Vercel-IP-Country` (Vercel), or any other
   * header a proxy in front of the site sets to an ISO 3166-1 alpha-2 code.
   */
  header: string;
  /**
   * The header that carries the ISO 3166-2 subdivision, alone (`43`) or whole (`UA-43`).
   * Default: `CloudFront-Viewer-Country-Region` and `X-Vercel-IP-Country-Region` for those two CDNs,
   * none otherwise (Cloudflare sends a region only with its "visitor location headers" managed
   * transform, as `cf-region-code`: name it here to use it). `false` reads no region at all.
   */
  regionHeader?: string | false;
}

/** The region header each known CDN pairs with its country header. */
const DERIVED_REGION_HEADER: Readonly<Record<string, string>> = {
  'cloudfront-viewer-country': 'cloudfront-viewer-country-region',
  'x-vercel-ip-country': 'x-vercel-ip-country-region',
};

const OPTION_KEYS: readonly (keyof CdnHeaderOptions)[] = ['header', 'regionHeader'];
/** RFC 9110 token: the characters a header name may have. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * A provider that reads the location a CDN or proxy in front of the site wrote into a request
 * header. It reads only the headers named here, and trusts them: use it only when every request
 * reaches the site through that CDN, or a visitor can claim any country by sending the header.
 *
 * `XX`, `T1` (Tor), an empty, absent or malformed value, or the header sent twice → unknown (null).
 * A malformed region value is ignored: the country alone is still known.
 */
export function cdnHeaderProvider(options: CdnHeaderOptions): SyncGeoProvider {
  checkOptions(options);
  const countryHeader = options.header.toLowerCase();
  const regionHeader =
    options.regionHeader === false
      ? undefined
      : options.regionHeader !== undefined
        ? options.regionHeader.toLowerCase()
        : DERIVED_REGION_HEADER[countryHeader];

  const provider = nameProvider(
    (req: RequestLike) =>
      locationOf(
        headerValue(req, countryHeader),
        regionHeader === undefined ? undefined : headerValue(req, regionHeader),
      ),
    `cdn-header:${countryHeader}`,
  );
  return markCacheKeys(provider, {
    headers: regionHeader === undefined ? [countryHeader] : [countryHeader, regionHeader],
    subdivisions: regionHeader !== undefined,
  });
}

/**
 * One header's value. node:http lower-cases names, so a lookup by lower-case name is
 * case-insensitive. A header sent twice is joined (`RU, UA`) or an array: either way no valid code.
 */
function headerValue(req: RequestLike, name: string): string | undefined {
  const headers = req?.headers;
  if (headers === undefined) return undefined;
  // The Fetch API's Headers (at the edge) join a repeated header with ", ": no valid code either.
  const value = isFetchHeaders(headers) ? headers.get(name) : headers[name];
  return typeof value === 'string' ? value : undefined;
}

function isFetchHeaders(headers: NonNullable<RequestLike['headers']>): headers is { get(name: string): string | null } {
  return typeof (headers as { get?: unknown }).get === 'function';
}

function checkOptions(options: CdnHeaderOptions): void {
  checkOptionKeys(
    'cdnHeaderProvider',
    options,
    OPTION_KEYS,
    "pass the header to read, e.g. cdnHeaderProvider({ header: 'CF-IPCountry' })",
  );
  if (typeof options.header !== 'string' || !HEADER_NAME.test(options.header)) {
    throw new GeonoticeError(
      ErrorCodes.options,
      `cdnHeaderProvider: option "header" must be a header name such as 'CF-IPCountry', not ${JSON.stringify(options.header)}`,
    );
  }
  const region = options.regionHeader;
  if (region !== undefined && region !== false && (typeof region !== 'string' || !HEADER_NAME.test(region))) {
    throw new GeonoticeError(
      ErrorCodes.options,
      `cdnHeaderProvider: option "regionHeader" must be a header name or false, not ${JSON.stringify(region)}`,
    );
  }
}
