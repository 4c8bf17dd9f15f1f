import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { geoipLiteDataDir } from './geoip-lite-data';
import { ipv4ToNumber, parseClientAddress } from './ip';
import { locationOf } from './location';
import { geoipDataProvider } from './geoip-data-provider';
import type { SyncGeoProvider } from './provider';
import type { GeoLocation } from './types';
import { ErrorCodes, GeonoticeError } from '../errors';

export interface GeoipCountryOptions {
  /**
   * Read the country files (about 14 MB) when the provider is created rather than on the first
   * lookup, so that no visitor's request pays for it. Default: false.
   */
  preload?: boolean;
}

/**
 * geoip-lite ships these beside its city files and falls back to them when the city files are
 * missing. Each is a list of address ranges sorted by first address, every record the same size:
 * the first and last address (big-endian), then the country as two ASCII letters.
 */
const IPV4_FILE = 'geoip-country.dat';
const IPV6_FILE = 'geoip-country6.dat';
/** 4 bytes first address, 4 bytes last address, 2 bytes country. */
const IPV4_RECORD = 10;
/** 16 bytes first address, 16 bytes last address, 2 bytes country. */
const IPV6_RECORD = 34;

interface CountryTables {
  v4: Buffer;
  v6: Buffer;
}

/** Read once per process and shared by every provider: about 14 MB of files, about 13 MiB of RSS (city data: about 140 MiB). */
let tables: CountryTables | undefined;

function loadTables(): CountryTables {
  if (tables === undefined) {
    const dataDir = geoipLiteDataDir();
    tables = {
      v4: readTable(join(dataDir, IPV4_FILE), IPV4_RECORD),
      v6: readTable(join(dataDir, IPV6_FILE), IPV6_RECORD),
    };
  }
  return tables;
}

function readTable(path: string, recordSize: number): Buffer {
  let table: Buffer;
  try {
    table = readFileSync(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new GeonoticeError(
      ErrorCodes.geoData,
      `geoipCountryProvider: cannot read geoip-lite's country data ${path} (${reason}): reinstall geoip-lite, or check GEODATADIR`,
      { cause: error },
    );
  }
  if (table.length === 0 || table.length % recordSize !== 0) {
    throw new GeonoticeError(
      ErrorCodes.geoData,
      `geoipCountryProvider: ${path} has ${table.length} bytes, not a whole number of ${recordSize}-byte records: ` +
        'it is damaged or not geoip-lite country data; reinstall geoip-lite or run its updatedb script',
    );
  }
  return table;
}

/**
 * The country geoip-lite's country data gives an address, as `{ country }`: these files carry no
 * subdivision, so `region` is never set. Null for anything that is not a public address, for an
 * address the data does not cover, and for text that is no address at all.
 */
export function lookupCountry(ip: string): GeoLocation | null {
  const client = parseClientAddress(ip);
  if (client === null || client.kind !== 'public') return null;
  const isV4 = client.family === 4;
  const table = isV4 ? loadTables().v4 : loadTables().v6;
  const recordSize = isV4 ? IPV4_RECORD : IPV6_RECORD;
  const record = isV4 ? findIpv4(table, ipv4ToNumber(client.address)) : findIpv6(table, client.address);
  if (record < 0) return null;
  // The country is the record's last two bytes.
  const at = (record + 1) * recordSize - 2;
  return locationOf(String.fromCharCode(table[at] ?? 0, table[at + 1] ?? 0));
}

/**
 * A provider that looks up the client address in geoip-lite's country-only data, for sites that
 * need the country and not the region: it costs about 13 MiB of RSS per process where geoip-lite's
 * full data costs about 140 MiB (`node bench/memory.js`: 81 and 208 MiB, against 68 MiB with no
 * geo data), and it never loads geoip-lite itself. The address is the one
 * `geoipLiteProvider` uses: `req.ip`, else the socket's peer, never `X-Forwarded-For`.
 */
export function geoipCountryProvider(options: GeoipCountryOptions = {}): SyncGeoProvider {
  return geoipDataProvider(
    { factory: 'geoipCountryProvider', source: 'geoip-country', subdivisions: false },
    options,
    loadTables,
    lookupCountry,
  );
}

/**
 * The index of the record whose range holds `ip`, or -1. It is the last record starting at or
 * before `ip`, provided its range reaches `ip`.
 */
function findIpv4(table: Buffer, ip: number): number {
  let low = 0;
  let high = table.length / IPV4_RECORD - 1;
  let candidate = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (table.readUInt32BE(middle * IPV4_RECORD) <= ip) {
      candidate = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return candidate >= 0 && table.readUInt32BE(candidate * IPV4_RECORD + 4) >= ip ? candidate : -1;
}

/** The address being looked up, as eight 16-bit groups; reused, since lookups never overlap. */
const groups = new Uint16Array(8);
/** The same address as four 32-bit words, the unit the IPv6 records are compared in. */
const words = new Uint32Array(4);

/**
 * `findIpv4` for IPv6, comparing all 128 bits. The shipped data has about twenty records whose
 * last address geoip-lite's updatedb wrote too high (it expands some `::` forms wrongly), so their
 * ranges cover the records after them; taking the last record that starts at or before the address
 * lets those later, correct records win.
 */
function findIpv6(table: Buffer, address: string): number {
  readIpv6(address);
  let low = 0;
  let high = table.length / IPV6_RECORD - 1;
  let candidate = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (compareWords(table, middle * IPV6_RECORD) <= 0) {
      candidate = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return candidate >= 0 && compareWords(table, candidate * IPV6_RECORD + 16) >= 0 ? candidate : -1;
}

/** Whether the 16-byte address at `offset` sorts before (negative), equal to (0) or after `words`. */
function compareWords(table: Buffer, offset: number): number {
  for (let i = 0; i < 4; i++) {
    const word = table.readUInt32BE(offset + i * 4);
    const wanted = words[i] ?? 0;
    if (word !== wanted) return word < wanted ? -1 : 1;
  }
  return 0;
}

/**
 * Fills `groups` and `words` from canonical IPv6 text as `parseClientAddress` gives it: lower-case
 * hex groups, at most one `::`, never a dotted-quad tail (the URL parser writes those as hex).
 */
function readIpv6(address: string): void {
  groups.fill(0);
  const gap = address.indexOf('::');
  if (gap < 0) {
    readGroups(address, 0, address.length, 0);
  } else {
    readGroups(address, 0, gap, 0);
    const tailStart = gap + 2;
    let tailGroups = tailStart < address.length ? 1 : 0;
    for (let i = tailStart; i < address.length; i++) if (address.charCodeAt(i) === COLON) tailGroups++;
    readGroups(address, tailStart, address.length, 8 - tailGroups);
  }
  for (let i = 0; i < 4; i++) words[i] = (groups[2 * i] ?? 0) * 0x10000 + (groups[2 * i + 1] ?? 0);
}

const COLON = 0x3a;

/** Reads the colon-separated hex groups of `address[from, to)` into `groups`, starting at `index`. */
function readGroups(address: string, from: number, to: number, index: number): void {
  if (from >= to) return;
  let value = 0;
  for (let i = from; i < to; i++) {
    const code = address.charCodeAt(i);
    if (code === COLON) {
      groups[index++] = value;
      value = 0;
    } else {
      // '0'-'9' are 0x30-0x39, 'a'-'f' are 0x61-0x66.
      value = value * 16 + (code <= 0x39 ? code - 0x30 : code - 0x57);
    }
  }
  groups[index] = value;
}
