// Measures what docs/geo-data.md reports about the geo data and the shipped rule, by IPv4 /24
// (each /24 counted once, located by its .1 address):
//   - coverage: of the occupied territories' ISPs' address space (the AS numbers the shipped rule
//     names, prefixes from its network table), the share the region branch alone reaches with the
//     geo data, and the share the rule reaches with its networks branch;
//   - over-inclusion: in the partly held oblasts the rule names whole, how the data's address space
//     splits between cities;
//   - subdivision unknown: the share of Ukraine's address space with a country but no subdivision.
//
//   node scripts/measure-geo-coverage.js [--geoip DIR] [--mmdb FILE]   (after npm run build)
//   --geoip DIR   another geoip-lite installation (e.g. a 2.0.x one in a scratch directory)
//   --mmdb FILE   a MaxMind-format database instead, read through mmdbProvider
// The over-inclusion pass walks all 16.7 million IPv4 /24s: about a minute with geoip-lite.
'use strict';

const path = require('node:path');
const { loadRules, decide } = require('../dist');

const ROOT = path.join(__dirname, '..');
const PARTLY_HELD = ['UA-23', 'UA-65', 'UA-14'];

function option(name) {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

/** A lookup `(ip) => { country, region, city } | null` for the chosen data. */
function chooseLookup() {
  const mmdb = option('--mmdb');
  if (mmdb !== undefined) {
    const { Reader } = require('mmdb-lib');
    const reader = new Reader(require('node:fs').readFileSync(mmdb));
    const { locationOfRecord } = require('../dist/geo/mmdb');
    return {
      label: `${reader.metadata.databaseType} of ${reader.metadata.buildEpoch.toISOString().slice(0, 10)}`,
      lookup: (ip) => {
        const record = reader.get(ip);
        const location = locationOfRecord(record);
        if (location === null) return null;
        return { ...location, city: record?.city?.names?.en ?? record?.city ?? '' };
      },
    };
  }
  const dir = option('--geoip');
  const geoip = require(dir === undefined ? 'geoip-lite' : path.join(path.resolve(dir), 'node_modules/geoip-lite'));
  const version = require(
    dir === undefined
      ? 'geoip-lite/package.json'
      : path.join(path.resolve(dir), 'node_modules/geoip-lite/package.json'),
  ).version;
  return {
    label: `geoip-lite ${version}`,
    lookup: (ip) => {
      const found = geoip.lookup(ip);
      if (found === null || !found.country) return null;
      return {
        country: found.country,
        region: found.region ? `${found.country}-${found.region}` : null,
        city: found.city ?? '',
      };
    },
  };
}

const formatIp = (value) => [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
const percent = (part, whole) => (whole === 0 ? '–' : `${((part / whole) * 100).toFixed(1)} %`);

/** The /24 networks of an IPv4 prefix, as the numbers of their .1 addresses. */
function slash24s(prefix) {
  const [address, length] = prefix.split('/');
  const base = address.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
  const count = Math.max(1, 2 ** (24 - Number(length)));
  return Array.from({ length: count }, (_, index) => base + index * 256 + 1);
}

function coverage({ lookup }) {
  const ruleSet = loadRules(path.join(ROOT, 'rules'));
  const notice = ruleSet.notices[0];
  const regionsOnly = {
    ...ruleSet,
    notices: [{ ...notice, conditions: notice.conditions.filter((c) => c.networks === undefined) }],
  };
  const { createRuleSet } = require('../dist/core/rule-set');
  const withoutNetworks = createRuleSet({ ...regionsOnly });
  const network = ruleSet.networks.get('occupied-ukraine-isps');
  const groups = new Map();
  for (const entry of network.entries) {
    for (const prefix of entry.prefixes.filter((p) => !p.includes(':'))) {
      for (const value of slash24s(prefix)) {
        const ip = formatIp(value);
        const found = lookup(ip);
        const visitor = {
          country: found?.country ?? null,
          region: found?.region ?? null,
          languages: [],
          path: '/',
          address: ip,
        };
        const before = decide(withoutNetworks, visitor).length > 0;
        const after = decide(ruleSet, visitor).length > 0;
        const row = groups.get(entry.entry) ?? { label: entry.label, total: 0, before: 0, after: 0, places: new Map() };
        row.total += 1;
        if (before) row.before += 1;
        if (after) row.after += 1;
        const place = found === null ? 'unknown' : (found.region ?? found.country);
        if (!before) row.places.set(place, (row.places.get(place) ?? 0) + 1);
        groups.set(entry.entry, row);
      }
    }
  }
  return groups;
}

function overInclusion({ lookup }) {
  const cities = new Map(PARTLY_HELD.map((region) => [region, new Map()]));
  let uaTotal = 0;
  let uaWithoutSubdivision = 0;
  for (let value = 1; value < 2 ** 32; value += 256) {
    const found = lookup(formatIp(value));
    if (found === null || found.country !== 'UA') continue;
    uaTotal += 1;
    if (found.region === null) uaWithoutSubdivision += 1;
    const byCity = cities.get(found.region);
    if (byCity !== undefined) byCity.set(found.city || '(no city)', (byCity.get(found.city || '(no city)') ?? 0) + 1);
  }
  return { cities, uaTotal, uaWithoutSubdivision };
}

function main() {
  const data = chooseLookup();
  console.log(`# ${data.label}: the shipped rule on the occupied territories' ISPs, by /24\n`);
  console.log(
    '| AS | operator (dataset) | /24s | region branch alone | with networks | where the data puts the misses |',
  );
  console.log('| --- | --- | ---: | ---: | ---: | --- |');
  let total = 0;
  let before = 0;
  let after = 0;
  for (const [asn, row] of coverage(data)) {
    total += row.total;
    before += row.before;
    after += row.after;
    const misses = [...row.places]
      .sort((a, b) => b[1] - a[1])
      .map(([place, n]) => `${place} ${n}`)
      .join(', ');
    console.log(
      `| ${asn} | ${row.label} | ${row.total} | ${percent(row.before, row.total)} | ${percent(row.after, row.total)} | ${misses} |`,
    );
  }
  console.log(`| all | | ${total} | ${percent(before, total)} | ${percent(after, total)} | |\n`);
  if (process.argv.includes('--no-scan')) return;
  const { cities, uaTotal, uaWithoutSubdivision } = overInclusion(data);
  console.log(
    `Ukraine: ${uaTotal} /24s, ${uaWithoutSubdivision} (${percent(uaWithoutSubdivision, uaTotal)}) with no subdivision.\n`,
  );
  for (const [region, byCity] of cities) {
    const all = [...byCity.values()].reduce((a, b) => a + b, 0);
    const top = [...byCity]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([city, n]) => `${city} ${n} (${percent(n, all)})`);
    console.log(`${region}: ${all} /24s; ${top.join(', ')}`);
  }
}

main();
