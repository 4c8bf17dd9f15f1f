import { namedSubdivisions, type RuleSet } from '../../core/rule-set';
import { ErrorCodes, type ErrorCode } from '../../errors';
import { parseClientAddress } from '../../geo/ip';
import {
  cacheKeysOf,
  clientAddress,
  dataAgeDays,
  traitsOf,
  type GeoDataSource,
  type RequestLike,
} from '../../geo/provider';
import type { GeoProvider } from '../../geo/types';

const GEO_DATA_MAX_AGE_DAYS = 180;
const TRUST_PROXY_SAMPLE = 50;

/**
 * The warnings given in this process, shared through the global symbol registry so that two
 * copies of geonotice in one process (or two middlewares) still warn once.
 */
const WARNED_KEY = Symbol.for('geonotice.warned');
const warned = ((globalThis as { [WARNED_KEY]?: Set<string> })[WARNED_KEY] ??= new Set<string>());

function warnOnce(code: ErrorCode, message: string): void {
  if (warned.has(code)) return;
  warned.add(code);
  process.emitWarning(message, { code });
}

/** The oldest data among the providers that say what their data is. */
function oldestData(providers: readonly GeoProvider[]): GeoDataSource | null {
  let oldest: GeoDataSource | null = null;
  for (const provider of providers) {
    const data = traitsOf(provider)?.data?.();
    if (data !== undefined && (oldest === null || data.builtAt < oldest.builtAt)) oldest = data;
  }
  return oldest;
}

/** Warns once per process when a provider's geo data is older than 180 days. */
export function warnIfGeoDataIsOld(providers: readonly GeoProvider[], now: Date): void {
  const data = oldestData(providers);
  if (data === null) return;
  const age = dataAgeDays(data.builtAt, now);
  if (!(age > GEO_DATA_MAX_AGE_DAYS)) return;
  const licence = data.maxmindLicence
    ? "; MaxMind's GeoLite2 licence also requires replacing a copy once a newer one is published"
    : '';
  warnOnce(
    ErrorCodes.geoDataAge,
    `geonotice: the geo data (${data.name}) is from ${data.builtAt}, ${age} days old; addresses move between networks and ` +
      `countries${licence}. Use fresher data (mmdbProvider, or refresh geoip-lite: docs/geo-data.md), or turn this ` +
      'warning off with the geoWarnings: false option',
  );
}

/** Whether a provider can ever give a subdivision: false only when it says so. */
function mayGiveSubdivisions(provider: GeoProvider): boolean {
  return traitsOf(provider)?.subdivisions ?? cacheKeysOf(provider)?.subdivisions ?? true;
}

/**
 * Warns once per process when the rules name subdivisions and no configured provider can give
 * one: every visitor is then "in the country" and no subdivision rule ever matches them.
 */
export function warnIfNoProviderGivesSubdivisions(providers: readonly GeoProvider[], ruleSet: RuleSet): void {
  const codes = namedSubdivisions(ruleSet);
  if (codes.length === 0 || providers.some(mayGiveSubdivisions)) return;
  const shown = codes.length > 4 ? `${codes.slice(0, 4).join(', ')} …` : codes.join(', ');
  warnOnce(
    ErrorCodes.geoSubdivisions,
    `geonotice: the rules name subdivisions (${shown}) but none of the configured geo providers can give one, so no ` +
      'visitor is ever located in them (they count as "subdivision unknown"). Add a provider that gives subdivisions ' +
      '(geoipLiteProvider, mmdbProvider with a City database, a CDN region header), or turn this warning off with ' +
      'the geoWarnings: false option',
  );
}

/**
 * Watches the first requests' client addresses: when most are private or loopback, the site is
 * almost certainly behind a proxy that Express does not trust (`trust proxy`), every visitor looks
 * like the proxy, and every location is unknown. Says so once, then stops looking.
 */
export function createTrustProxyWatch(): (req: RequestLike) => void {
  let seen = 0;
  let nonPublic = 0;
  let done = false;
  // After the sample, a request costs no address parsing at all.
  return (req) => {
    if (done) return;
    seen += 1;
    const kind = parseClientAddress(clientAddress(req))?.kind;
    if (kind !== 'public') nonPublic += 1;
    if (seen < TRUST_PROXY_SAMPLE) return;
    done = true;
    if (nonPublic * 2 > seen) {
      process.emitWarning(
        `geonotice: ${nonPublic} of the first ${seen} requests came from private or loopback addresses, so their ` +
          "location is unknown. Behind a proxy or load balancer, set Express's trust proxy (app.set('trust proxy', …)) " +
          'so that req.ip is the visitor, not the proxy',
        { code: ErrorCodes.trustProxy },
      );
    }
  };
}
