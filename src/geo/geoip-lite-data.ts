import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { GeoDataSource } from './provider';
import { ErrorCodes, GeonoticeError } from '../errors';

/** Where geoip-lite's data comes from and how old it is: the CLI prints it, the middleware warns on it. */
export interface GeoDataInfo {
  provider: 'geoip-lite';
  /** The installed geoip-lite version. */
  packageVersion: string;
  /** `YYYY-MM-DD`: when MaxMind built the data (or, failing a better source, when it was written here). */
  builtAt: string;
  /**
   * False only when the data files are known to be the ones the installed geoip-lite version
   * shipped; true after `updatedb`, and for a geoip-lite version geonotice has no record of.
   */
  refreshed: boolean;
}

/**
 * What each geoip-lite release we know shipped. The data files carry no date; the checksum files
 * beside them hold MaxMind's SHA-256 of the source archive, and the sizes tell a forced update
 * (`updatedb force` rewrites the data but leaves the checksum files alone) from the original.
 */
const SHIPPED: Readonly<Record<string, ShippedData>> = {
  '1.4.10': {
    builtAt: '2023-11-15',
    checksums: {
      city: 'dfd29adec1e9a792474993c4fec3b215bbdb03327ad210f3efd8a2db63aa553c',
      country: '9948aae1cfb8d0147f84393cd8bc5d68198e433c5a835623b8a787ba8c7dbc72',
    },
    sizes: {
      'geoip-city-names.dat': 10194448,
      'geoip-city.dat': 76408728,
      'geoip-city6.dat': 59491680,
      'geoip-country.dat': 4523440,
      'geoip-country6.dat': 9881556,
    },
  },
};

interface ShippedData {
  builtAt: string;
  checksums: Readonly<Record<'city' | 'country', string>>;
  sizes: Readonly<Record<string, number>>;
}

/** The files geoip-lite reads: the city files, or failing them the country files. */
const DATA_FILES = [
  'geoip-city-names.dat',
  'geoip-city.dat',
  'geoip-city6.dat',
  'geoip-country.dat',
  'geoip-country6.dat',
];

/** MaxMind names its archives `GeoLite2-City-CSV_20231115.zip`; updatedb keeps that name in the checksum file. */
const ARCHIVE_DATE = /_(\d{4})(\d{2})(\d{2})\.zip\b/;

/**
 * The provenance of the geoip-lite data that lookups will use. Reads two small files and stats
 * five; it does not load the data.
 *
 * - The data the installed version shipped: that release's known build date.
 * - Data written by geoip-lite's `updatedb`: the date in the archive name that `updatedb` stored in
 *   the checksum file (the older of the city and country archives).
 * - Otherwise (a forced update, hand-copied files): the oldest data file's modification date, which
 *   is when the data was written here, so at best an upper bound of its age.
 */
export function geoDataInfo(): GeoDataInfo {
  const packageDir = dirname(require.resolve('geoip-lite/package.json'));
  return readGeoDataInfo(packageDir, geoipDataDir(packageDir));
}

/** `geoDataInfo` for a given package and data directory (exported for tests). */
export function readGeoDataInfo(packageDir: string, dataDir: string): GeoDataInfo {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version?: unknown };
  const packageVersion = String(manifest.version);
  const checksums = { city: readChecksum(dataDir, 'city'), country: readChecksum(dataDir, 'country') };
  const shipped = SHIPPED[packageVersion];

  if (shipped !== undefined && isShippedData(shipped, dataDir, checksums)) {
    return { provider: 'geoip-lite', packageVersion, builtAt: shipped.builtAt, refreshed: false };
  }
  // After a forced update the checksum files still describe the shipped archives: their date lies.
  const checksumsRewritten =
    shipped === undefined ||
    hashOf(checksums.city) !== shipped.checksums.city ||
    hashOf(checksums.country) !== shipped.checksums.country;
  const cityDate = archiveDate(checksums.city);
  const countryDate = archiveDate(checksums.country);
  const builtAt =
    checksumsRewritten && cityDate !== undefined && countryDate !== undefined
      ? cityDate < countryDate
        ? cityDate
        : countryDate
      : oldestDataFileDate(dataDir);
  return { provider: 'geoip-lite', packageVersion, builtAt, refreshed: true };
}

/**
 * The directory geoip-lite reads its data from, found without loading geoip-lite (the country-only
 * provider reads the same files itself).
 */
export function geoipLiteDataDir(): string {
  return geoipDataDir(dirname(require.resolve('geoip-lite/package.json')));
}

/** The geoip-lite data as a provider's data source: MaxMind's GeoLite2, under its licence. */
export function geoipLiteSource(): GeoDataSource {
  const info = geoDataInfo();
  return {
    name: `geoip-lite ${info.packageVersion} (MaxMind GeoLite2${info.refreshed ? ', refreshed' : ''})`,
    builtAt: info.builtAt,
    maxmindLicence: true,
  };
}

/** The directory geoip-lite reads, resolved exactly as it resolves it (`global.geodatadir`, `GEODATADIR`). */
function geoipDataDir(packageDir: string): string {
  const configured = (globalThis as { geodatadir?: unknown }).geodatadir;
  const relative =
    typeof configured === 'string' && configured !== '' ? configured : process.env['GEODATADIR'] || '../data/';
  return resolve(packageDir, 'lib', relative);
}

function isShippedData(
  shipped: ShippedData,
  dataDir: string,
  checksums: Record<'city' | 'country', string | undefined>,
): boolean {
  if (hashOf(checksums.city) !== shipped.checksums.city || hashOf(checksums.country) !== shipped.checksums.country) {
    return false;
  }
  return Object.entries(shipped.sizes).every(([file, size]) => fileSize(join(dataDir, file)) === size);
}

function readChecksum(dataDir: string, type: 'city' | 'country'): string | undefined {
  try {
    return readFileSync(join(dataDir, `${type}.checksum`), 'utf8');
  } catch {
    return undefined;
  }
}

function hashOf(checksum: string | undefined): string | undefined {
  return checksum?.trim().split(/\s+/)[0];
}

function archiveDate(checksum: string | undefined): string | undefined {
  const match = checksum === undefined ? null : ARCHIVE_DATE.exec(checksum);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}

function fileSize(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

function oldestDataFileDate(dataDir: string): string {
  let oldest = Infinity;
  for (const file of DATA_FILES) {
    try {
      oldest = Math.min(oldest, statSync(join(dataDir, file)).mtimeMs);
    } catch {
      // geoip-lite works with the city files or the country files alone; a missing one is fine.
    }
  }
  if (oldest === Infinity) {
    throw new GeonoticeError(
      ErrorCodes.geoData,
      `geoip-lite has no data files in ${dataDir}: reinstall it or run its updatedb script`,
    );
  }
  return new Date(oldest).toISOString().slice(0, 10);
}
