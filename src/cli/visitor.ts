import type { Visitor } from '../core/types';
import { lookupIp } from '../geo/geoip-lite';
import { normaliseIp } from '../geo/ip';
import type { SyncGeoProvider } from '../geo/provider';
import { parseAcceptLanguage } from '../visitor/accept-language';
import { UsageError } from './io';

/** A visitor as the CLI describes one: by address, or by country and region. */
export interface VisitorSpec {
  ip?: string | undefined;
  /** The AS number a platform would report for the visitor. */
  asn?: number | undefined;
  /** Locates `ip` instead of the bundled geoip-lite data (e.g. the site's own mmdb file). */
  geo?: SyncGeoProvider | undefined;
  country?: string | undefined;
  region?: string | undefined;
  acceptLanguage?: string | undefined;
  path?: string | undefined;
}

/** Where the location came from: the provider that looked up `ip` (`geoip-lite`, `mmdb:GeoIP2-City`), or `given`. */
export type LocationSource = string;

export interface ResolvedVisitor {
  visitor: Visitor;
  source: LocationSource;
}

const COUNTRY = /^[A-Za-z]{2}$/;
const REGION = /^[A-Za-z]{2}-[A-Za-z0-9]{1,3}$/;

/** Turns a CLI or `tests:` visitor description into the engine's Visitor. */
export function resolveVisitor(spec: VisitorSpec): ResolvedVisitor {
  const languages = parseAcceptLanguage(spec.acceptLanguage);
  const path = spec.path ?? '/';
  if (!path.startsWith('/')) throw new UsageError(`path must start with "/": got "${path}"`);

  if (spec.ip !== undefined) {
    if (spec.country !== undefined || spec.region !== undefined) {
      throw new UsageError('give either an IP address or a country and region, not both');
    }
    const address = normaliseIp(spec.ip)?.address ?? null;
    const location = spec.geo === undefined ? lookupIp(spec.ip) : spec.geo({ ip: spec.ip });
    return {
      visitor: {
        country: location?.country ?? null,
        region: location?.region ?? null,
        languages,
        path,
        address,
        ...asnOf(spec),
      },
      source: spec.geo?.name ?? 'geoip-lite',
    };
  }

  if (spec.country === undefined) {
    if (spec.asn !== undefined)
      return { visitor: { country: null, region: null, languages, path, ...asnOf(spec) }, source: 'given' };
    if (spec.region !== undefined)
      throw new UsageError('a region needs its country too (e.g. --country UA --region UA-43)');
    throw new UsageError('say who the visitor is: --ip ADDRESS, or --country CC [--region CC-SUB]');
  }
  if (!COUNTRY.test(spec.country))
    throw new UsageError(`country must be two letters (ISO 3166-1 alpha-2): got "${spec.country}"`);
  const country = spec.country.toUpperCase();
  let region: string | null = null;
  if (spec.region !== undefined) {
    if (!REGION.test(spec.region))
      throw new UsageError(`region must be an ISO 3166-2 code such as UA-43: got "${spec.region}"`);
    region = spec.region.toUpperCase();
    if (!region.startsWith(`${country}-`)) throw new UsageError(`region ${region} is not in country ${country}`);
  }
  return { visitor: { country, region, languages, path, ...asnOf(spec) }, source: 'given' };
}

function asnOf(spec: VisitorSpec): { asn: number } | Record<string, never> {
  if (spec.asn === undefined) return {};
  if (!Number.isInteger(spec.asn) || spec.asn < 1)
    throw new UsageError(`an AS number is a positive integer: got "${spec.asn}"`);
  return { asn: spec.asn };
}

/** Parses `--at`: an ISO 8601 date (midnight UTC) or date-time. */
export function parseInstant(value: string): Date {
  const isoDate = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value);
  const date = new Date(isoDate ? `${value}T00:00:00Z` : value);
  if ((!isoDate && !isoDateTime) || Number.isNaN(date.getTime())) {
    throw new UsageError(
      `expected an ISO 8601 date or date-time with a zone (2025-01-31 or 2025-01-31T12:00:00Z): got "${value}"`,
    );
  }
  return date;
}
