import { readFileSync } from 'node:fs';
import type { Reader as MmdbReader, Response } from 'mmdb-lib';
import { parseClientAddress } from './ip';
import { locationOf } from './location';
import {
  checkOptionKeys,
  clientAddress,
  nameProvider,
  withTraits,
  type GeoDataSource,
  type RequestLike,
  type SyncGeoProvider,
} from './provider';
import type { GeoLocation } from './types';
import { ErrorCodes, GeonoticeError } from '../errors';

export interface MmdbOptions {
  /** A MaxMind-format database: GeoIP2 or GeoLite2 City or Country, DB-IP, IPinfo Lite, and the like. */
  path: string;
}

/**
 * The record layouts in use: MaxMind's (and DB-IP's, which follows it) with `country.iso_code`
 * and `subdivisions[].iso_code`, the subdivision code without its country (`43` for `UA-43`);
 * and flat ones with `country_code` (IPinfo Lite, ip-location-db), which carry no subdivision code.
 */
interface MmdbRecord {
  country?: { iso_code?: unknown } | string;
  country_code?: unknown;
  subdivisions?: readonly { iso_code?: unknown }[];
}

/** The location a database record gives; null when it names no country. */
export function locationOfRecord(record: MmdbRecord | null): GeoLocation | null {
  if (record === null || typeof record !== 'object') return null;
  const country =
    typeof record.country === 'object' && record.country !== null
      ? record.country.iso_code
      : (record.country_code ?? record.country);
  // MaxMind lists subdivisions largest first: the first is the ISO 3166-2 first-level one.
  const subdivision: unknown = Array.isArray(record.subdivisions)
    ? (record.subdivisions as MmdbRecord['subdivisions'])?.[0]?.iso_code
    : undefined;
  return locationOf(country, subdivision);
}

/** Whether a database type can hold subdivisions: city-level databases can, country ones cannot. */
function typeHasSubdivisions(databaseType: string): boolean {
  return /city|location/i.test(databaseType) && !/country/i.test(databaseType);
}

/**
 * A provider that reads any MaxMind-format (`.mmdb`) database, for sites that keep their own,
 * fresher geo data. The file is read once, when the provider is created (a broken or missing file
 * fails at start-up, not on a visitor's request), and looked up in memory. The client address is
 * `req.ip`, as for every built-in provider; only public addresses are looked up.
 */
export function mmdbProvider(options: MmdbOptions): SyncGeoProvider {
  checkOptionKeys(
    'mmdbProvider',
    options,
    ['path'],
    "pass the database file, e.g. mmdbProvider({ path: '/var/lib/GeoIP/GeoLite2-City.mmdb' })",
  );
  if (typeof options.path !== 'string' || options.path === '') {
    throw new GeonoticeError(
      ErrorCodes.options,
      `mmdbProvider: option "path" must be the path of a .mmdb file, not ${JSON.stringify(options.path)}`,
    );
  }
  const reader = openDatabase(options.path);
  const { databaseType, buildEpoch } = reader.metadata;
  const data: GeoDataSource = {
    name: databaseType,
    builtAt: buildEpoch.toISOString().slice(0, 10),
    maxmindLicence: /geolite/i.test(databaseType),
  };
  const provider = nameProvider((req: RequestLike) => {
    const address = parseClientAddress(clientAddress(req));
    if (address === null || address.kind !== 'public') return null;
    return locationOfRecord(lookup(reader, address.address));
  }, `mmdb:${databaseType}`);
  return withTraits(provider, { subdivisions: typeHasSubdivisions(databaseType), data: () => data });
}

function openDatabase(path: string): MmdbReader<Response> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only by sites that use this provider
  const { Reader } = require('mmdb-lib') as typeof import('mmdb-lib');
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new GeonoticeError(
      ErrorCodes.geoData,
      `mmdbProvider: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      { cause: error },
    );
  }
  try {
    return new Reader<Response>(bytes);
  } catch (error) {
    throw new GeonoticeError(
      ErrorCodes.geoData,
      `mmdbProvider: ${path} is not a MaxMind-format database (${error instanceof Error ? error.message : String(error)})`,
      { cause: error },
    );
  }
}

/** An IPv4 address in an IPv6-only database, or the reverse, is simply not found. */
function lookup(reader: MmdbReader<Response>, address: string): MmdbRecord | null {
  try {
    return reader.get(address) as MmdbRecord | null;
  } catch {
    return null;
  }
}
