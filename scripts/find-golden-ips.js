#!/usr/bin/env node
'use strict';
/**
 * Finds real addresses that the installed geoip-lite data places in the regions geonotice's tests
 * care about, and writes them to test/geo/golden-ips.json. Run it again whenever the data changes
 * (a new geoip-lite version, or `updatedb`): the golden test tells you when.
 *
 *   node scripts/find-golden-ips.js [--dry-run]
 *
 * Method. geoip-lite has no iterator, and probing sample addresses would only find the ranges the
 * samples happen to hit. Its data files, though, are plain sorted tables of address ranges
 * (written by its own scripts/updatedb.js): geoip-city.dat has 24-byte IPv4 records (first and last
 * address, location id, …), geoip-city6.dat 48-byte IPv6 records, and geoip-city-names.dat 88-byte
 * location records (country, subdivision, …). This script walks every range once (a few seconds)
 * and, for each target, takes the largest range in that region and its middle address, away from
 * the range's edges. Nothing is assumed: before anything is written, every chosen address is
 * looked up through geoip-lite's public `lookup()` and must give the expected country and region,
 * and 20,000 random addresses must get the same answer from the table walk and from `lookup()`,
 * which proves the table is being read as geoip-lite reads it.
 */

const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const OUTPUT = path.join(ROOT, 'test', 'geo', 'golden-ips.json');

/** What to find. `region` is the ISO 3166-2 subdivision; null accepts the country with any. */
const TARGETS = [
  { label: 'Moscow', family: 4, country: 'RU', region: 'MOW' },
  { label: 'Crimea', family: 4, country: 'UA', region: '43' },
  { label: 'Sevastopol', family: 4, country: 'UA', region: '40' },
  { label: 'Donetsk oblast', family: 4, country: 'UA', region: '14' },
  { label: 'Luhansk oblast', family: 4, country: 'UA', region: '09' },
  { label: 'Zaporizhzhia oblast', family: 4, country: 'UA', region: '23' },
  { label: 'Kherson oblast', family: 4, country: 'UA', region: '65' },
  { label: 'Kyiv', family: 4, country: 'UA', region: '30' },
  { label: 'Berlin (an EU country)', family: 4, country: 'DE', region: 'BE' },
  { label: 'California (the United States)', family: 4, country: 'US', region: 'CA' },
  { label: 'Moscow over IPv6', family: 6, country: 'RU', region: 'MOW' },
  { label: 'Crimea over IPv6', family: 6, country: 'UA', region: '43' },
];

/** Addresses recorded as they are, because the docs and tests name them. */
const NAMED = [{ label: 'the Crimean ISP address the docs name', ip: '5.183.68.7' }];

const V4_RECORD = 24;
const V6_RECORD = 48;
const LOCATION_RECORD = 88;
const NO_LOCATION = 0xffffffff;

function main() {
  const dryRun = process.argv.includes('--dry-run');
  const packageDir = path.dirname(require.resolve('geoip-lite/package.json'));
  const version = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version;
  const dataDir = path.resolve(packageDir, 'lib', global.geodatadir || process.env.GEODATADIR || '../data/');
  const geoip = require('geoip-lite');

  const locations = readLocations(path.join(dataDir, 'geoip-city-names.dat'));
  const v4 = fs.readFileSync(path.join(dataDir, 'geoip-city.dat'));
  const v6 = fs.readFileSync(path.join(dataDir, 'geoip-city6.dat'));
  checkTableAgainstLookup(v4, locations, geoip);

  const best = TARGETS.map(() => null);
  walkV4(v4, locations, (range) => consider(best, range, 4));
  walkV6(v6, locations, (range) => consider(best, range, 6));

  const entries = [];
  TARGETS.forEach((target, i) => {
    const range = best[i];
    if (range === null) throw new Error(`no range in the data for ${target.label} (${describeTarget(target)})`);
    const ip = range.family === 4 ? middleV4(range) : middleV6(range);
    entries.push({ label: target.label, ...confirmed(geoip, ip, target), range: `${range.first} - ${range.last}` });
  });
  for (const named of NAMED) entries.push({ label: named.label, ...confirmed(geoip, named.ip, null) });

  const golden = {
    about:
      'Real addresses and the location the installed geoip-lite data gives them. Written by scripts/find-golden-ips.js; rerun it when the data changes.',
    geoipLite: { version, dataBuiltAt: dataDate(packageDir, dataDir) },
    entries,
  };
  const text = `${JSON.stringify(golden, null, 2)}\n`;
  if (dryRun) process.stdout.write(text);
  else {
    fs.writeFileSync(OUTPUT, text);
    process.stdout.write(`wrote ${path.relative(ROOT, OUTPUT)}: ${entries.length} addresses, geoip-lite ${version}\n`);
    for (const entry of entries) {
      process.stdout.write(`  ${entry.ip.padEnd(28)} ${(entry.region ?? entry.country).padEnd(7)} ${entry.label}\n`);
    }
  }
}

/** Location id → { country, region } from the 88-byte records of geoip-city-names.dat. */
function readLocations(file) {
  const buffer = fs.readFileSync(file);
  const locations = [];
  for (let offset = 0; offset + LOCATION_RECORD <= buffer.length; offset += LOCATION_RECORD) {
    locations.push({
      country: buffer.toString('utf8', offset, offset + 2).split('\u0000')[0],
      region: buffer.toString('utf8', offset + 2, offset + 5).split('\u0000')[0],
    });
  }
  return locations;
}

function walkV4(buffer, locations, visit) {
  for (let offset = 0; offset + V4_RECORD <= buffer.length; offset += V4_RECORD) {
    const locationId = buffer.readUInt32BE(offset + 8);
    if (locationId === NO_LOCATION) continue;
    const start = buffer.readUInt32BE(offset);
    const end = buffer.readUInt32BE(offset + 4);
    visit({
      family: 4,
      start: BigInt(start),
      end: BigInt(end),
      first: ntoa4(start),
      last: ntoa4(end),
      ...locations[locationId],
    });
  }
}

function walkV6(buffer, locations, visit) {
  for (let offset = 0; offset + V6_RECORD <= buffer.length; offset += V6_RECORD) {
    const locationId = buffer.readUInt32BE(offset + 32);
    if (locationId === NO_LOCATION) continue;
    const start = readV6(buffer, offset);
    const end = readV6(buffer, offset + 16);
    visit({ family: 6, start, end, first: ntoa6(start), last: ntoa6(end), ...locations[locationId] });
  }
}

/** Keeps, per target, the largest range (the lowest one among equals, so reruns agree). */
function consider(best, range, family) {
  TARGETS.forEach((target, i) => {
    if (target.family !== family || range.country !== target.country) return;
    if (target.region !== null && range.region !== target.region) return;
    const size = range.end - range.start;
    const current = best[i];
    if (current === null || size > current.end - current.start) best[i] = range;
  });
}

/**
 * The middle of a range, plus one so it is not a subnet's first address (x.x.128.1, …::1).
 * @param {{ start: bigint, end: bigint }} range
 */
function middleAddress(range) {
  const middle = range.start + (range.end - range.start + 1n) / 2n;
  return middle < range.end ? middle + 1n : middle;
}

function middleV4(range) {
  return ntoa4(Number(middleAddress(range)));
}

function middleV6(range) {
  return ntoa6(middleAddress(range));
}

/** The entry for an address, after geoip-lite's own lookup agrees with what the table said. */
function confirmed(geoip, ip, target) {
  const found = geoip.lookup(ip);
  if (found === null) throw new Error(`geoip-lite does not know ${ip}, which the table walk found`);
  if (
    target !== null &&
    (found.country !== target.country || (target.region !== null && found.region !== target.region))
  ) {
    throw new Error(`geoip-lite places ${ip} in ${found.country}-${found.region}, not ${describeTarget(target)}`);
  }
  return { ip, country: found.country, region: found.region === '' ? null : `${found.country}-${found.region}` };
}

/** 20,000 random addresses: the table walk and geoip-lite's lookup must agree on every one. */
function checkTableAgainstLookup(v4, locations, geoip) {
  const count = v4.length / V4_RECORD;
  if (!Number.isInteger(count))
    throw new Error('geoip-city.dat is not a whole number of 24-byte records: unknown format');
  let seed = 0x2545f491;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), seed);
  for (let i = 0; i < 20000; i++) {
    const record = random() % count;
    const offset = record * V4_RECORD;
    const start = v4.readUInt32BE(offset);
    const end = v4.readUInt32BE(offset + 4);
    const ip = start + (random() % (end - start + 1));
    const locationId = v4.readUInt32BE(offset + 8);
    const expected =
      locationId === NO_LOCATION ? '/' : `${locations[locationId].country}/${locations[locationId].region}`;
    const found = geoip.lookup(ip);
    const actual = found === null ? '' : `${found.country}/${found.region}`;
    if (found !== null && actual !== expected) {
      throw new Error(
        `table walk and lookup() disagree on ${ntoa4(ip)}: ${expected} vs ${actual}; the data format is not what this script expects`,
      );
    }
  }
}

/**
 * The data's build date exactly as geonotice reports it (the golden test compares the two), from
 * src/geo/geoip-lite-data.ts itself, compiled on the fly with the project's TypeScript.
 */
function dataDate(packageDir, dataDir) {
  const ts = require('typescript');
  const Module = require('node:module');
  const file = path.join(ROOT, 'src', 'geo', 'geoip-lite-data.ts');
  const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    fileName: file,
  });
  const compiled = new Module(file, module);
  compiled.filename = file;
  compiled.paths = Module._nodeModulePaths(path.dirname(file));
  compiled._compile(outputText, file);
  return compiled.exports.readGeoDataInfo(packageDir, dataDir).builtAt;
}

function readV6(buffer, offset) {
  let value = 0n;
  for (let i = 0; i < 16; i += 4) value = (value << 32n) | BigInt(buffer.readUInt32BE(offset + i));
  return value;
}

function ntoa4(n) {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** Compressed lower-case IPv6 text, via the URL parser's RFC 5952 form. */
function ntoa6(n) {
  const groups = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(((n >> shift) & 0xffffn).toString(16));
  return new URL(`http://[${groups.join(':')}]/`).hostname.slice(1, -1);
}

function describeTarget(target) {
  return target.region === null ? target.country : `${target.country}-${target.region}`;
}

main();
