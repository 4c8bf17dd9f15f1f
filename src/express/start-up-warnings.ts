import { ErrorCodes } from '../errors';
import { geoDataInfo } from '../geo/geoip-lite';
import { parseClientAddress } from '../geo/ip';

const GEO_DATA_MAX_AGE_DAYS = 180;
const TRUST_PROXY_SAMPLE = 50;

let geoDataAgeWarned = false;

/** Warns once per process when the bundled geo data is older than 180 days. */
export function warnIfGeoDataIsOld(now: Date): void {
  if (geoDataAgeWarned) return;
  const info = geoDataInfo();
  const ageDays = (now.getTime() - Date.parse(`${info.builtAt}T00:00:00Z`)) / 86_400_000;
  if (!(ageDays > GEO_DATA_MAX_AGE_DAYS)) return;
  geoDataAgeWarned = true;
  process.emitWarning(
    `geonotice: the geoip-lite data is from ${info.builtAt}, ${Math.floor(ageDays)} days old; addresses move between ` +
      'networks and countries, so refresh it (see the README, "Geo data") or use a CDN country header',
    { code: ErrorCodes.geoDataAge },
  );
}

/**
 * Watches the first requests' client addresses: when most are private or loopback, the site is
 * almost certainly behind a proxy that Express does not trust (`trust proxy`), every visitor looks
 * like the proxy, and every location is unknown. Says so once, then stops looking.
 */
export function createTrustProxyWatch(): (clientIp: () => string | undefined) => void {
  let seen = 0;
  let nonPublic = 0;
  let done = false;
  // Takes the address lazily: after the sample, a request costs no address parsing at all.
  return (clientIp) => {
    if (done) return;
    seen += 1;
    const kind = parseClientAddress(clientIp())?.kind;
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
